import { useMiningQuery, usePool, useWorkers } from '@phala-mining/react';
import { useEffect, useState } from 'react';
import { Observable } from 'rxjs';
import { amount } from './format.js';
import { Card } from './ui.js';

interface Sample {
  block: number;
  mined: bigint;
  owner: bigint;
}

const MAX_SAMPLES = 300;
const W = 560;
const H = 200;
const PAD = { left: 8, right: 8, top: 12, bottom: 22 };

/** Live head block numbers (one subscription shared by every chart). */
function heads(api: {
  rpc: {
    chain: {
      subscribeNewHeads: (cb: (h: { number: { toNumber(): number } }) => void) => Promise<() => void>;
    };
  };
}) {
  return new Observable<number>((subscriber) => {
    let unsubscribe: (() => void) | undefined;
    let closed = false;
    api.rpc.chain
      .subscribeNewHeads((header) => subscriber.next(header.number.toNumber()))
      .then(
        (unsub) => {
          if (closed) unsub();
          else unsubscribe = unsub;
        },
        (error: unknown) => subscriber.error(error),
      );
    return () => {
      closed = true;
      unsubscribe?.();
    };
  });
}

/**
 * Rewards over time for the selected pool: everything its workers mined and the owner's unclaimed reward, sampled
 * at every block since the page opened. Plain SVG. Mounted with `key={pid}`, so another pool starts a new series.
 */
export function RewardsChart({ pid }: { pid: bigint }) {
  const head = useMiningQuery('head', (client) => heads(client.api as never)).data;
  const workers = useWorkers(pid).data;
  const pool = usePool(pid).data;
  const [samples, setSamples] = useState<Sample[]>([]);

  useEffect(() => {
    if (head === undefined || workers === undefined || pool === undefined) return;
    const mined = workers.reduce((sum, w) => sum + w.totalReward, 0n);
    setSamples((list) => {
      const last = list[list.length - 1];
      if (last && last.block === head)
        return [...list.slice(0, -1), { block: head, mined, owner: pool.ownerReward }];
      return [...list, { block: head, mined, owner: pool.ownerReward }].slice(-MAX_SAMPLES);
    });
  }, [head, workers, pool]);

  const first = samples[0];
  const last = samples[samples.length - 1];
  const top = samples.reduce((m, s) => (s.mined > m ? s.mined : s.owner > m ? s.owner : m), 0n);
  const x = (block: number) =>
    PAD.left +
    (first && last && last.block > first.block
      ? ((block - first.block) / (last.block - first.block)) * (W - PAD.left - PAD.right)
      : 0);
  const y = (value: bigint) =>
    H - PAD.bottom - (top === 0n ? 0 : Number((value * 10_000n) / top) / 10_000) * (H - PAD.top - PAD.bottom);
  const line = (pick: (s: Sample) => bigint) =>
    samples.map((s) => `${x(s.block).toFixed(1)},${y(pick(s)).toFixed(1)}`).join(' ');

  return (
    <Card title="Rewards over time" testId="rewards-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="chart"
        role="img"
        aria-label="rewards over time"
        data-samples={samples.length}
      >
        <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} className="axis" />
        {[0.25, 0.5, 0.75, 1].map((f) => (
          <line
            key={f}
            x1={PAD.left}
            x2={W - PAD.right}
            y1={H - PAD.bottom - f * (H - PAD.top - PAD.bottom)}
            y2={H - PAD.bottom - f * (H - PAD.top - PAD.bottom)}
            className="grid"
          />
        ))}
        {samples.length > 1 ? (
          <>
            <polyline points={line((s) => s.mined)} className="mined" data-testid="mined-line" />
            <polyline points={line((s) => s.owner)} className="owner" />
          </>
        ) : null}
        {first ? (
          <text x={PAD.left} y={H - 6} className="label">
            block #{first.block}
          </text>
        ) : null}
        {last ? (
          <text x={W - PAD.right} y={H - 6} className="label" textAnchor="end">
            #{last.block}
          </text>
        ) : null}
        <text x={W - PAD.right} y={PAD.top + 2} className="label" textAnchor="end">
          {amount(top)}
        </text>
      </svg>
      <p className="legend">
        <span className="swatch mined" /> mined by the pool's workers{' '}
        <strong data-testid="chart-mined">{amount(last?.mined ?? 0n)}</strong>
        <span className="swatch owner" /> unclaimed owner reward <strong>{amount(last?.owner ?? 0n)}</strong>
      </p>
    </Card>
  );
}
