import { bdiv, isDust, sharePrice, valueOfShares } from '@phala-mining/math';
import { InvalidWithdrawalError, InvalidWithdrawalInputError, NoStakeError } from '../errors/index.js';
import type { PoolInfo, StakerInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requirePool } from './poolChecks.js';

/** How much to withdraw: a share count, a planck amount (converted at the current share price), or everything. */
export type WithdrawInput =
  | {
      /** Shares to redeem; more than 1000 (dust) and at most those held. */
      shares: bigint;
      /** Not with `shares`. */
      amount?: never;
      /** Not with `shares`. */
      all?: never;
    }
  | {
      /**
       * Planck to withdraw, converted to shares at the current share price; asking for the stake's whole
       * value or more redeems every share.
       */
      amount: bigint;
      /** Not with `amount`. */
      shares?: never;
      /** Not with `amount`. */
      all?: never;
    }
  | {
      /** Redeem every share the account holds in the pool. */
      all: true;
      /** Not with `all`. */
      shares?: never;
      /** Not with `all`. */
      amount?: never;
    };

/**
 * Shares to withdraw for an input. An amount is converted with the chain's own bdiv at the current price; asking for
 * at least the stake's whole value withdraws every share (so rounding never leaves dust behind).
 */
export function sharesToWithdraw(input: WithdrawInput, pool: PoolInfo, staker: StakerInfo): bigint {
  if (input.all) return staker.shares;
  if (input.shares !== undefined) return input.shares;
  const price = sharePrice(pool.totalStake, pool.totalShares);
  const amount = input.amount;
  if (price === undefined || price === 0n) return amount;
  if (amount >= valueOfShares(staker.shares, price)) return staker.shares;
  return bdiv(amount, price);
}

/**
 * Rules of "Withdraw", in the chain's order: the caller has stake in the pool, the shares are more than dust (> 1000)
 * and at most those held, and the pool exists.
 */
export function checkWithdraw(
  pid: bigint,
  pool: PoolInfo | undefined,
  caller: string,
  staker: StakerInfo | undefined,
  shares: bigint,
): void {
  if (!staker) throw new NoStakeError(pid, caller);
  if (isDust(shares) || shares > staker.shares) throw new InvalidWithdrawalError(shares, staker.shares);
  requirePool(pid, pool);
}

/**
 * "Withdraw": withdraws now what the pool's free stake covers and queues the rest (a new request replaces the
 * caller's earlier one; it must be covered within the 7-day grace period or every worker of the pool is stopped).
 */
export function withdraw(pid: bigint, input: WithdrawInput): Operation<void> {
  const valid =
    typeof input === 'object' &&
    input !== null &&
    // exactly one of shares / amount / all: a mixed input from untyped code would be ambiguous
    ['shares', 'amount', 'all'].filter((k) => (input as Record<string, unknown>)[k] !== undefined).length ===
      1 &&
    (('all' in input && input.all === true) ||
      ('shares' in input && typeof input.shares === 'bigint' && input.shares > 0n) ||
      ('amount' in input && typeof input.amount === 'bigint' && input.amount > 0n));
  if (!valid) throw new InvalidWithdrawalInputError(input);
  let shares = 0n;
  return {
    kind: 'withdraw',
    async validate({ view, caller }) {
      const [staker, pool] = await Promise.all([view.staker(pid, caller), view.pool(pid)]);
      shares = staker && pool ? sharesToWithdraw(input, pool, staker) : (input.shares ?? 0n);
      checkWithdraw(pid, pool, caller, staker, shares);
      staker!.shares -= shares;
    },
    calls: ({ api }) => [api.tx.phalaStakePool.withdraw(pid, shares)],
  };
}
