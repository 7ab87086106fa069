import { type RemoteRewardPoint, useRewardHistory } from '@phala-mining/indexer/react';
import { useWorkers } from '@phala-mining/react';
import { useEffect, useState } from 'react';
import { amount, short } from './format.js';
import { Card } from './ui.js';

const W = 560;
const H = 210;
// the top label sits in its own band above the plot, so no line can run through it
const PAD = { left: 8, right: 8, top: 24, bottom: 22 };
const REFRESH_MS = 2_000;

/**
 * Rewards over time from the indexer (`phala-mining history serve`): the pool's or one worker's payouts summed
 * into a running total, and the pool's realized APR. The history lives in the indexer's database, so it survives a
 * reload, and a removed worker's past rewards stay in it (the line never falls).
 */
export function RewardsChart({ pid, indexer }: { pid: bigint; indexer: string | undefined }) {
  return (
    <Card title="Rewards over time" testId="rewards-chart">
      {indexer === undefined ? (
        <p className="muted" data-testid="chart-no-indexer">
          No indexer configured: run <code>phala-mining history serve</code> and open the dashboard with{' '}
          <code>?indexer=http://127.0.0.1:8080</code> (or set it above) to see the history.
        </p>
      ) : (
        <History pid={pid} indexer={indexer} />
      )}
    </Card>
  );
}

function History({ pid, indexer }: { pid: bigint; indexer: string }) {
  const workers = useWorkers(pid).data ?? [];
  const [worker, setWorker] = useState('');
  const history = useRewardHistory(
    indexer,
    worker === '' ? { pool: Number(pid), by: 'block' } : { worker, by: 'block' },
    { refreshMs: REFRESH_MS },
  );
  const apr = useApr(indexer, pid);
  const points = cumulative(history.data ?? []);
  return (
    <>
      <div className="toolbar">
        <label className="inline-label">
          Rewards of
          <select value={worker} onChange={(e) => setWorker(e.target.value)} data-testid="chart-scope">
            <option value="">the whole pool</option>
            {workers.map((w) => (
              <option key={w.pubkey} value={w.pubkey}>
                worker {short(w.pubkey)}
              </option>
            ))}
          </select>
        </label>
        <span className="small" data-testid="chart-apr">
          realized APR {apr === undefined ? '—' : `${(apr * 100).toFixed(2)} %`}
        </span>
      </div>
      {history.error ? (
        <p className="status error" data-testid="chart-error">
          The indexer at {indexer} did not answer: {history.error.message}
        </p>
      ) : null}
      {history.loading && history.data === undefined ? <p className="muted">loading the history…</p> : null}
      <Plot points={points} />
      <p className="legend">
        <span className="swatch mined" />{' '}
        {worker === '' ? "mined by the pool's workers" : 'mined by this worker'}{' '}
        <strong data-testid="chart-mined">{amount(points[points.length - 1]?.total ?? 0n)}</strong>
        <span className="muted small">({points.length} payouts indexed)</span>
      </p>
    </>
  );
}

interface Point {
  block: number;
  total: bigint;
}

function cumulative(items: RemoteRewardPoint[]): Point[] {
  let total = 0n;
  return items.map((p) => {
    total += p.amount;
    return { block: p.block ?? 0, total };
  });
}

function Plot({ points }: { points: Point[] }) {
  const first = points[0];
  const last = points[points.length - 1];
  const top = last?.total ?? 0n;
  const x = (block: number) =>
    PAD.left +
    (first && last && last.block > first.block
      ? ((block - first.block) / (last.block - first.block)) * (W - PAD.left - PAD.right)
      : 0);
  const y = (value: bigint) =>
    H - PAD.bottom - (top === 0n ? 0 : Number((value * 10_000n) / top) / 10_000) * (H - PAD.top - PAD.bottom);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="chart"
      role="img"
      aria-label="rewards over time"
      data-samples={points.length}
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
      {points.length > 1 ? (
        <polyline
          points={points.map((p) => `${x(p.block).toFixed(1)},${y(p.total).toFixed(1)}`).join(' ')}
          className="mined"
          data-testid="mined-line"
        />
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
      <text x={W - PAD.right} y={14} className="label" textAnchor="end" data-testid="chart-top">
        {amount(top)}
      </text>
    </svg>
  );
}

/** The pool's realized APR from the indexer's `/apr` (what stakers were really paid, annualised). */
function useApr(indexer: string, pid: bigint): number | undefined {
  const [apr, setApr] = useState<number>();
  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      fetch(`${indexer}/apr?pool=${pid}`, { signal: controller.signal })
        .then((r) => (r.ok ? r.json() : undefined))
        .then((body: { realized?: number } | undefined) => setApr(body?.realized ?? undefined))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, REFRESH_MS * 5);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [indexer, pid]);
  return apr;
}
