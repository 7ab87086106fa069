import type { AnySigner, CoverStrategy, PoolInfo } from '@phala-mining/core';
import {
  useOperation,
  usePlanWithdrawalCover,
  usePools,
  useReclaimable,
  useWithdrawalRisk,
} from '@phala-mining/react';
import { useState } from 'react';
import { amount, date, duration, message, short } from './format.js';
import { ConfirmDialog, Facts, OpStatus } from './ui.js';

type Strategy = Extract<CoverStrategy, string>;

/**
 * The guardian: a banner per pool the chain will stop (a queued withdrawal its free and releasing stake cannot
 * pay before its deadline) with the countdown, the shortfall and the one-click cover plan; and a pool's workers
 * whose cooldown is over, with a one-click Reclaim.
 */
export function GuardianBanners({
  account,
  signer,
}: {
  account: string | undefined;
  signer: AnySigner | undefined;
}) {
  const pools = usePools().data ?? [];
  return (
    <div className="banners" data-testid="guardian">
      {pools.map((pool) => (
        <PoolGuardian key={String(pool.pid)} pool={pool} account={account} signer={signer} />
      ))}
    </div>
  );
}

function PoolGuardian({
  pool,
  account,
  signer,
}: {
  pool: PoolInfo;
  account: string | undefined;
  signer: AnySigner | undefined;
}) {
  const risk = useWithdrawalRisk(pool.pid).data;
  const reclaimable = useReclaimable(pool.pid).data ?? [];
  return (
    <>
      {/* keyed by account: a result or error never shows under another account */}
      {risk?.atRisk ? (
        <RiskBanner key={`risk:${account}`} pool={pool} account={account} signer={signer} />
      ) : null}
      {reclaimable.length > 0 ? (
        <ReclaimBanner
          key={`reclaim:${account}`}
          pid={pool.pid}
          workers={reclaimable.map((w) => ({ worker: w.worker, stake: w.stake }))}
          signer={signer}
        />
      ) : null}
    </>
  );
}

function RiskBanner({
  pool,
  account,
  signer,
}: {
  pool: PoolInfo;
  account: string | undefined;
  signer: AnySigner | undefined;
}) {
  const [strategy, setStrategy] = useState<Strategy>('least-reward');
  const [confirming, setConfirming] = useState(false);
  const risk = useWithdrawalRisk(pool.pid).data;
  const plan = usePlanWithdrawalCover(pool.pid, { strategy, signer });
  const data = plan.data;
  const owner = pool.owner === account;
  if (!risk?.atRisk) return null;
  const n = data?.stops.length ?? 0;
  const workable = data !== undefined && data.problem === undefined && n > 0;
  return (
    <div className="banner danger" role="alert" data-testid={`risk-${pool.pid}`}>
      <header>
        <strong>Pool #{String(pool.pid)} will be stopped</strong>
        <span data-testid="risk-countdown">
          {risk.timeLeft === undefined
            ? ''
            : risk.timeLeft > 0n
              ? `in ${duration(risk.timeLeft)}`
              : `now: the deadline passed ${duration(-risk.timeLeft)} ago`}
          {risk.deadline === undefined ? '' : ` (${date(risk.deadline)})`}
        </span>
      </header>
      <p className="small">
        A queued withdrawal is larger than the pool's free and releasing stake: when its deadline passes the
        chain stops all {risk.miningWorkers.length} mining worker{risk.miningWorkers.length === 1 ? '' : 's'}.
        Short by <strong data-testid="risk-shortfall">{amount(risk.shortfall)}</strong>.
      </p>
      {data === undefined ? (
        <p className="muted small">{plan.error ? message(plan.error) : 'planning…'}</p>
      ) : data.problem ? (
        <p className="status error" data-testid="risk-problem">
          No stop plan can save the pool: {message(data.problem)}
        </p>
      ) : (
        <>
          <p className="small" data-testid="risk-plan-summary">
            Stop {n} worker{n === 1 ? '' : 's'}: {amount(data.freed)} starts releasing at once, costing about{' '}
            {amount(data.rewardLostPerDay)} of reward a day.
          </p>
          <PlanList stops={data.stops} />
        </>
      )}
      <div className="banner-actions">
        <label className="inline-label">
          Plan
          <select
            value={strategy}
            onChange={(e) => setStrategy(e.target.value as Strategy)}
            data-testid="risk-strategy"
          >
            <option value="least-reward">least reward lost</option>
            <option value="fewest">fewest workers</option>
          </select>
        </label>
        {owner ? (
          <button
            type="button"
            className="primary"
            disabled={!workable || plan.apply.status === 'pending'}
            onClick={() => setConfirming(true)}
            data-testid="risk-cover"
          >
            Stop {n} worker{n === 1 ? '' : 's'} to cover
          </button>
        ) : (
          <span className="muted small">
            Only the pool owner can stop its workers; a contribution also covers.
          </span>
        )}
        <OpStatus op={plan.apply} testId="risk-status" />
      </div>
      {confirming && data ? (
        <ConfirmDialog
          title={`Stop ${n} worker${n === 1 ? '' : 's'} of pool #${pool.pid} in one transaction`}
          fee={() => plan.apply.estimateFee()}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void plan.apply.send();
          }}
        >
          <Facts
            testId="confirm-facts"
            rows={[
              ['Shortfall', amount(risk.shortfall)],
              ['Stake cooling down', amount(data.freed)],
              ['Reward lost per day', amount(data.rewardLostPerDay)],
            ]}
          />
          <PlanList stops={data.stops} />
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function PlanList({ stops }: { stops: { worker: string; stake: bigint; rewardPerDay: bigint }[] }) {
  return (
    <ul className="plan small" data-testid="risk-plan">
      {stops.map((s) => (
        <li key={s.worker} data-testid={`plan-${s.worker}`}>
          {short(s.worker)} · stake {amount(s.stake)} · {amount(s.rewardPerDay)} a day
        </li>
      ))}
    </ul>
  );
}

function ReclaimBanner({
  pid,
  workers,
  signer,
}: {
  pid: bigint;
  workers: { worker: string; stake: bigint }[];
  signer: AnySigner | undefined;
}) {
  const op = useOperation(
    (client, keys: string[]) => keys.reduce((chain, k) => chain.reclaimWorker(k), client.pool(pid)),
    { signer },
  );
  const total = workers.reduce((s, w) => s + w.stake, 0n);
  const n = workers.length;
  return (
    <div className="banner info" data-testid={`reclaimable-${pid}`}>
      <p className="small">
        Pool #{String(pid)}: {n} worker{n === 1 ? '' : 's'} finished cooling down; reclaiming frees{' '}
        {amount(total)} and pays the withdraw queue.
      </p>
      <div className="banner-actions">
        <button
          type="button"
          disabled={op.status === 'pending'}
          onClick={() => void op.send(workers.map((w) => w.worker))}
          data-testid="reclaim-all"
        >
          Reclaim {n}
        </button>
        <OpStatus op={op} testId="reclaim-status" />
      </div>
    </div>
  );
}
