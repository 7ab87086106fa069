import { pendingReward } from '@phala-mining/math';
import { normalizeAddress, sameAccount } from '../accounts.js';
import { NoRewardToClaimError, NotPoolOwnerError } from '../errors/index.js';
import type { PoolInfo, StakerInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requirePool } from './poolChecks.js';

/** Which rewards to claim: the owner's commission, the staker's rewards, or both. */
export type ClaimKind = 'owner' | 'staker' | 'both';

/** Claimable amounts of an account in a pool. */
export interface ClaimableRewards {
  /** pool owner_reward if the account owns the pool, else 0 */
  owner: bigint;
  /** available_rewards + pending */
  staker: bigint;
}

/** What the account could claim now, computed exactly as the chain settles it. */
export function claimableRewards(
  pool: PoolInfo,
  account: string,
  staker: StakerInfo | undefined,
): ClaimableRewards {
  return {
    owner: sameAccount(pool.owner, account) ? pool.ownerReward : 0n,
    staker: staker
      ? staker.availableRewards + pendingReward(staker.shares, pool.rewardAcc, staker.rewardDebt)
      : 0n,
  };
}

/**
 * Rules of "Claim": pool exists; for the owner part the caller owns the pool; something to claim. Returns what each
 * call will claim so the builder sends only calls that succeed.
 */
export function checkClaim(
  pid: bigint,
  pool: PoolInfo | undefined,
  caller: string,
  staker: StakerInfo | undefined,
  kind: ClaimKind,
): ClaimableRewards {
  const p = requirePool(pid, pool);
  if (kind === 'owner' && !sameAccount(p.owner, caller)) throw new NotPoolOwnerError(pid, p.owner, caller);
  const c = claimableRewards(p, caller, staker);
  const total = kind === 'owner' ? c.owner : kind === 'staker' ? c.staker : c.owner + c.staker;
  if (total === 0n) throw new NoRewardToClaimError(pid, caller, kind);
  return c;
}

/**
 * "Claim": sends the rewards to `target` (default: the signer). On runtimes with `claimOwnerRewards` /
 * `claimStakerRewards` each part is its own call (both only where there is something to claim); on older runtimes
 * `claimRewards` claims owner and staker rewards together whatever `kind` says.
 */
export function claim(pid: bigint, kind: ClaimKind = 'both', target?: string): Operation<bigint> {
  const to = target === undefined ? undefined : normalizeAddress(target);
  let claimable: ClaimableRewards = { owner: 0n, staker: 0n };
  return {
    kind: 'claim',
    async validate({ view, caller }) {
      const [pool, staker] = await Promise.all([view.pool(pid), view.staker(pid, caller)]);
      claimable = checkClaim(pid, pool, caller, staker, kind);
      if (kind !== 'staker') pool!.ownerReward = 0n;
    },
    calls: ({ api, caller, runtime }) => {
      const tx = api.tx.phalaStakePool;
      const dest = to ?? caller;
      if (!runtime.splitClaims) return [tx.claimRewards(pid, dest)];
      const calls = [];
      if (kind !== 'staker' && claimable.owner > 0n) calls.push(tx.claimOwnerRewards(pid, dest));
      if (kind !== 'owner' && claimable.staker > 0n) calls.push(tx.claimStakerRewards(pid, dest));
      return calls;
    },
    decode: (events, api) => {
      const { OwnerRewardsWithdrawn, RewardsWithdrawn, StakerRewardsWithdrawn } = api.events.phalaStakePool;
      let sum = 0n;
      for (const { event } of events) {
        if (RewardsWithdrawn.is(event) || OwnerRewardsWithdrawn.is(event) || StakerRewardsWithdrawn.is(event))
          sum += event.data.amount.toBigInt();
      }
      return sum;
    },
  };
}
