import { sharePrice, sharesForContribution } from '@phala-mining/math';
import { sameAccount } from '../accounts.js';
import {
  ContributionBelowMinimumError,
  ContributionExceedsCapError,
  InsufficientDelegableBalanceError,
  InvalidAmountError,
  NotWhitelistedError,
  PoolBankruptError,
} from '../errors/index.js';
import type { AccountBalance, PoolInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requirePool } from './poolChecks.js';

/** "Pool Cap Gap": what the pool can still take (undefined = unlimited). */
export function capGap(pool: PoolInfo): bigint | undefined {
  if (pool.cap === undefined) return undefined;
  return pool.cap > pool.totalStake ? pool.cap - pool.totalStake : 0n;
}

/**
 * Rules of "Contribute", in the chain's order: pool exists, whitelist (owner always allowed), amount ≥
 * MinContribution, amount ≤ delegable balance (free − stake locks), pool not bankrupt, amount ≤ cap gap.
 */
export function checkContribute(
  pid: bigint,
  pool: PoolInfo | undefined,
  caller: string,
  amount: bigint,
  balance: AccountBalance,
  minContribution: bigint,
): void {
  const p = requirePool(pid, pool);
  if (p.whitelist && !sameAccount(p.owner, caller) && !p.whitelist.some((a) => sameAccount(a, caller))) {
    throw new NotWhitelistedError(pid, caller);
  }
  if (amount < minContribution) throw new ContributionBelowMinimumError(amount, minContribution);
  if (amount > balance.delegable) throw new InsufficientDelegableBalanceError(amount, balance.delegable);
  if (p.totalShares !== 0n && p.totalStake === 0n) throw new PoolBankruptError(pid);
  const gap = capGap(p);
  if (gap !== undefined && amount > gap)
    throw new ContributionExceedsCapError(amount, gap, p.cap!, p.totalStake);
}

/** "Contribute": stakes planck into the pool; the result's `value` is the shares minted (from `Contribution`). */
export function contribute(pid: bigint, amount: bigint): Operation<bigint> {
  if (typeof amount !== 'bigint' || amount <= 0n)
    throw new InvalidAmountError(
      amount,
      typeof amount !== 'bigint' ? 'NotANumber' : amount < 0n ? 'Negative' : 'NotPositive',
    );
  return {
    kind: 'contribute',
    async validate({ view, caller }) {
      const [pool, balance] = await Promise.all([view.pool(pid), view.balance(caller)]);
      checkContribute(pid, pool, caller, amount, balance, view.constants.minContribution);
      const shares = sharesForContribution(amount, sharePrice(pool!.totalStake, pool!.totalShares));
      pool!.totalStake += amount;
      pool!.freeStake += amount;
      pool!.totalShares += shares;
      balance.delegable -= amount;
      balance.lockedByPools += amount;
    },
    calls: ({ api }) => [api.tx.phalaStakePool.contribute(pid, amount)],
    decode: (events, api) => {
      for (const { event } of events)
        if (api.events.phalaStakePool.Contribution.is(event)) return event.data.shares.toBigInt();
      return 0n;
    },
  };
}
