import { normalizeWorkerKey } from '../accounts.js';
import { CooldownNotOverError } from '../errors/index.js';
import type { MinerInfo, PoolInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requirePool } from './poolChecks.js';
import { requireMinerState } from './workerChecks.js';

/** Cooldown end of a CoolingDown worker: cool_down_start + CoolDownPeriod (unix seconds). */
export function cooldownEnd(miner: MinerInfo, coolDownPeriod: bigint): bigint {
  return miner.coolDownStart + coolDownPeriod;
}

/** Rules of reclaim: pool exists, worker CoolingDown, and the cooldown over (anyone may reclaim). */
export function checkReclaimWorker(
  pid: bigint,
  pool: PoolInfo | undefined,
  worker: string,
  miner: MinerInfo | undefined,
  coolDownPeriod: bigint,
  now: bigint,
): void {
  requirePool(pid, pool);
  const m = requireMinerState(worker, miner, ['MiningCoolingDown']);
  const end = cooldownEnd(m, coolDownPeriod);
  if (now < end) throw new CooldownNotOverError(worker, end, now);
}

/** Reclaims a worker whose cooldown is over: it becomes Ready and its stake returns to the pool's free stake. */
export function reclaimWorker(pid: bigint, workerKey: string): Operation<void> {
  const worker = normalizeWorkerKey(workerKey);
  return {
    kind: 'reclaimWorker',
    async validate({ view }) {
      const [pool, miner, period, now, stake] = await Promise.all([
        view.pool(pid),
        view.miner(pid, worker),
        view.coolDownPeriod(),
        view.now(),
        view.minerStake(pid, worker),
      ]);
      checkReclaimWorker(pid, pool, worker, miner, period, now);
      miner!.state = 'Ready';
      pool!.freeStake += stake;
      pool!.releasingStake -= stake;
    },
    calls: ({ api }) => [api.tx.phalaStakePool.reclaimPoolWorker(pid, worker)],
  };
}
