import { formatPha, type MiningSigner, type WorkerView } from '@phala-mining/core';
import {
  usePool,
  usePools,
  useReclaimWorker,
  useRemoveWorker,
  useStartMining,
  useStopMining,
  useWorkers,
} from '@phala-mining/react';
import { type FormEvent, useState } from 'react';
import { amount, date, duration, parsePha, short } from './format.js';
import { Card, OpStatus } from './ui.js';

interface Props {
  account: string | undefined;
  signer: MiningSigner | undefined;
  /** "Show this only": one pool's workers */
  showOnly: bigint | undefined;
  selected: bigint | undefined;
}

/** The Worker List: every pool's workers, or one pool's with "Show this only". */
export function Workers({ account, signer, showOnly }: Props) {
  const pools = usePools().data ?? [];
  const shown = showOnly === undefined ? pools : pools.filter((p) => p.pid === showOnly);
  const count = shown.reduce((n, p) => n + p.workers.length, 0);
  return (
    <Card title={showOnly === undefined ? 'Workers' : `Workers of pool #${showOnly}`} testId="workers">
      {count === 0 ? (
        <p className="muted">
          No workers{showOnly === undefined ? '' : ' in this pool'}: "Add Worker" in a pool you own adds one
          by its miner public key.
        </p>
      ) : null}
      {count > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Worker</th>
              <th>Pool</th>
              <th className="num">Mining Core</th>
              <th>State</th>
              <th className="num">Stake</th>
              <th className="num">Total Reward</th>
              <th>Smin – Smax</th>
              <th>Cooldown ends</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <PoolWorkers key={String(p.pid)} pid={p.pid} account={account} signer={signer} />
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}

function PoolWorkers({
  pid,
  account,
  signer,
}: {
  pid: bigint;
  account: string | undefined;
  signer: MiningSigner | undefined;
}) {
  const workers = useWorkers(pid).data ?? [];
  const pool = usePool(pid).data;
  const owner = pool !== undefined && pool.owner === account;
  return (
    <>
      {workers.map((w) => (
        <WorkerRow
          key={w.pubkey}
          pid={pid}
          worker={w}
          owner={owner}
          signer={signer}
          freeStake={pool?.freeStake ?? 0n}
        />
      ))}
    </>
  );
}

function WorkerRow({
  pid,
  worker: w,
  owner,
  signer,
  freeStake,
}: {
  pid: bigint;
  worker: WorkerView;
  owner: boolean;
  signer: MiningSigner | undefined;
  freeStake: bigint;
}) {
  const start = useStartMining(pid, { signer });
  const stop = useStopMining(pid, { signer });
  const reclaim = useReclaimWorker(pid, { signer });
  const remove = useRemoveWorker(pid, { signer });
  const [stake, setStake] = useState<string>('');
  const [local, setLocal] = useState<string>();
  const last = [start, stop, reclaim, remove].find((op) => op.status !== 'idle');

  const startMining = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parsePha(stake || (w.minStake === undefined ? '' : formatPha(w.minStake)));
    if ('error' in parsed) return setLocal(`Stake: ${parsed.error}`);
    setLocal(undefined);
    void start.send(w.pubkey, parsed.value);
  };

  return (
    <tr data-testid={`worker-${w.pubkey}`}>
      <td title={w.pubkey}>{short(w.pubkey)}</td>
      <td>#{String(pid)}</td>
      <td className="num" data-testid="cores">
        {w.cores ?? '—'}
      </td>
      <td>
        <span className={`state ${w.state}`} data-testid="state">
          {w.state}
        </span>
      </td>
      <td className="num" data-testid="stake">
        {amount(w.stake)}
      </td>
      <td className="num" data-testid="total-reward">
        {amount(w.totalReward)}
      </td>
      <td className="small">
        {amount(w.minStake)} – {amount(w.maxStake)}
      </td>
      <td className="small" data-testid="cooldown">
        {w.cooldownEnd === undefined
          ? '—'
          : `${date(w.cooldownEnd)} (${w.reclaimable ? 'over' : `${duration(w.cooldownRemaining ?? 0n)} left`})`}
      </td>
      <td className="row-actions">
        {owner && w.state === 'Ready' ? (
          <form onSubmit={startMining} className="inline">
            <input
              value={stake}
              onChange={(e) => setStake(e.target.value)}
              placeholder={
                w.minStake === undefined ? 'stake' : `Smin ${formatPha(w.minStake, { decimals: 2 })}`
              }
              title={`Stake between Smin and Smax, at most the pool's free stake (${amount(freeStake)})`}
              data-testid="start-stake"
            />
            <button type="submit" data-testid="start">
              Start
            </button>
            <button type="button" onClick={() => void remove.send(w.pubkey)} data-testid="remove">
              Remove
            </button>
          </form>
        ) : null}
        {owner && (w.state === 'Mining' || w.state === 'Unresponsive') ? (
          <button type="button" onClick={() => void stop.send(w.pubkey)} data-testid="stop">
            Stop
          </button>
        ) : null}
        {w.state === 'CoolingDown' ? (
          <button
            type="button"
            onClick={() => void reclaim.send(w.pubkey)}
            data-testid="reclaim"
            title="Anyone may reclaim once the cooldown is over"
          >
            Reclaim
          </button>
        ) : null}
        {last || local ? <OpStatus op={last ?? start} local={local} testId="worker-status" /> : null}
      </td>
    </tr>
  );
}
