import { percentToPermill } from '../amount.js';
import type { PoolInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requireOwnedPool } from './poolChecks.js';

/** Rules of "Set Payout Pref": the pool exists and the caller owns it (the percentage was checked on input). */
export function checkSetPayout(pid: bigint, pool: PoolInfo | undefined, caller: string): void {
  requireOwnedPool(pid, pool, caller);
}

/**
 * "Set Payout Pref": the owner's commission, 0–100 % (default 0), sent as Permill parts. Throws
 * {@link InvalidPercentError} at once for a percentage outside 0–100 or finer than 0.0001 %.
 */
export function setPayout(pid: bigint, percent: number): Operation<void> {
  const parts = percentToPermill(percent);
  return {
    kind: 'setPayout',
    async validate({ view, caller }) {
      const pool = await view.pool(pid);
      checkSetPayout(pid, pool, caller);
      pool!.commission = parts;
    },
    calls: ({ api }) => [api.tx.phalaStakePool.setPayoutPref(pid, parts)],
  };
}
