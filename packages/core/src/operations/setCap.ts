import { CapBelowTotalStakeError, InvalidAmountError } from '../errors/index.js';
import type { PoolInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requireOwnedPool } from './poolChecks.js';

/** Rules of "Set Cap": pool exists, caller owns it, cap ≥ the pool's total stake ("Total Stake Now"). */
export function checkSetCap(pid: bigint, pool: PoolInfo | undefined, caller: string, cap: bigint): void {
  const p = requireOwnedPool(pid, pool, caller);
  if (cap < p.totalStake) throw new CapBelowTotalStakeError(cap, p.totalStake);
}

/** "Set Cap": the pool's staking capacity in planck (there is no way back to unlimited). */
export function setCap(pid: bigint, cap: bigint): Operation<void> {
  if (typeof cap !== 'bigint' || cap < 0n)
    throw new InvalidAmountError(cap, typeof cap === 'bigint' ? 'Negative' : 'NotANumber');
  return {
    kind: 'setCap',
    async validate({ view, caller }) {
      const pool = await view.pool(pid);
      checkSetCap(pid, pool, caller, cap);
      pool!.cap = cap;
    },
    calls: ({ api }) => [api.tx.phalaStakePool.setCap(pid, cap)],
  };
}
