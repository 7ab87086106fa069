import type { GuardianSnapshot } from './snapshot.js';

/** A worker whose cooldown is over: anyone may reclaim it, freeing its stake and paying the queue. */
export interface ReclaimableWorker {
  /** The pool. */
  pid: bigint;
  /** Worker public key, 0x-hex. */
  worker: string;
  /** Stake it returns to the pool's free stake, planck. */
  stake: bigint;
  /** When its cooldown ended, unix seconds. */
  cooldownEnd: bigint;
}

/**
 * The pool's CoolingDown workers whose cooldown has ended (pure): `now ≥ cool_down_start + CoolDownPeriod`, the
 * chain's own test in `reclaim_pool_worker`. Nothing reclaims them by itself; until someone does, their stake is
 * neither mining nor paying the withdraw queue.
 */
export function reclaimableWorkers(snapshot: GuardianSnapshot): ReclaimableWorker[] {
  return snapshot.workers
    .filter((w) => w.reclaimable && w.cooldownEnd !== undefined)
    .map((w) => ({ pid: snapshot.pool.pid, worker: w.pubkey, stake: w.stake, cooldownEnd: w.cooldownEnd! }));
}
