/** Stake rules: Smin/Smax, free stake, contributions, withdrawals and rewards. */
import { formatPha } from '../amount.js';
import { RuleError } from './base.js';
import { phaText } from './format.js';

/** Shares as the Stake pop-up shows them (4 decimals), or in the chain's units when that would read as 0. */
function sharesText(shares: bigint): string {
  return shares !== 0n && shares < 100_000_000n
    ? `${shares} share units`
    : `${formatPha(shares, { group: true, decimals: 4 })} shares`;
}

/** Stake below Smin = k·√P. */
export class StakeBelowMinimumError extends RuleError {
  override readonly name = 'StakeBelowMinimumError' as const;
  readonly code = 'StakeBelowMinimum' as const;
  constructor(
    /** The stake asked for the worker, planck. */
    readonly stake: bigint,
    /** Smin for this worker, planck: k·√P, with the tokenomic parameter k and the benchmark score P. */
    readonly minimum: bigint,
  ) {
    super(`a worker's stake must be at least Smin: stake ${phaText(stake)} < Smin ${phaText(minimum)}`);
  }
}

/** Stake above Smax (Ve would exceed Vmax). */
export class StakeAboveMaximumError extends RuleError {
  override readonly name = 'StakeAboveMaximumError' as const;
  readonly code = 'StakeAboveMaximum' as const;
  constructor(
    /** The stake asked for the worker, planck. */
    readonly stake: bigint,
    /** undefined when no stake at all is accepted for this worker */
    readonly maximum: bigint | undefined,
  ) {
    super(
      maximum === undefined
        ? `a worker's stake must be at most Smax: this worker accepts no stake (stake ${phaText(stake)})`
        : `a worker's stake must be at most Smax: stake ${phaText(stake)} > Smax ${phaText(maximum)}`,
    );
  }
}

/** Stake above the pool's free stake. */
export class InsufficientFreeStakeError extends RuleError {
  override readonly name = 'InsufficientFreeStakeError' as const;
  readonly code = 'InsufficientFreeStake' as const;
  constructor(
    /** The stake the worker would need, planck. */
    readonly stake: bigint,
    /**
     * Free stake it could draw on, planck: pool stake held by no worker. A restart adds the worker's
     * current stake (returned to the pool first), except when the pool has no free stake at all: the chain
     * refuses that outright.
     */
    readonly freeStake: bigint,
  ) {
    super(
      `a worker's stake must come from the pool's free stake: stake ${phaText(stake)} > free stake ${phaText(freeStake)}`,
    );
  }
}

/** restartMining needs strictly more stake than the worker has now. */
export class RestartStakeNotHigherError extends RuleError {
  override readonly name = 'RestartStakeNotHigherError' as const;
  readonly code = 'RestartStakeNotHigher' as const;
  constructor(
    /** The new stake asked for, planck. */
    readonly stake: bigint,
    /** What the worker mines with now (`PhalaMining.Stakes` of its miner account), planck. */
    readonly currentStake: bigint,
  ) {
    super(
      `a restart needs more stake than the worker has: stake ${phaText(stake)} ≤ current ${phaText(currentStake)}`,
    );
  }
}

/** Contribution below MinContribution. */
export class ContributionBelowMinimumError extends RuleError {
  override readonly name = 'ContributionBelowMinimumError' as const;
  readonly code = 'ContributionBelowMinimum' as const;
  constructor(
    /** The contribution, planck. */
    readonly amount: bigint,
    /** The pallet's `MinContribution`, planck (0.01 PHA on Khala). */
    readonly minimum: bigint,
  ) {
    super(`a contribution must be at least the minimum: ${phaText(amount)} < minimum ${phaText(minimum)}`);
  }
}

/** Contribution above the delegable balance (free balance − stake locks). */
export class InsufficientDelegableBalanceError extends RuleError {
  override readonly name = 'InsufficientDelegableBalanceError' as const;
  readonly code = 'InsufficientDelegableBalance' as const;
  constructor(
    /** The contribution, planck. */
    readonly amount: bigint,
    /** What the account can still stake, planck: its free balance minus what pools already lock. */
    readonly delegable: bigint,
  ) {
    super(
      `a contribution must be within the delegable balance (free − stake locks): ${phaText(amount)} > delegable ${phaText(delegable)}`,
    );
  }
}

/** Contribution above the pool's cap gap (cap − total stake). */
export class ContributionExceedsCapError extends RuleError {
  override readonly name = 'ContributionExceedsCapError' as const;
  readonly code = 'ContributionExceedsCap' as const;
  constructor(
    /** The contribution, planck. */
    readonly amount: bigint,
    /** Room left under the cap, planck: the most the pool accepts now. */
    readonly capGap: bigint,
    /** The pool's cap on total stake, planck, as set by the owner. */
    readonly cap: bigint,
    /** Stake the pool holds now, planck. */
    readonly totalStake: bigint,
  ) {
    super(
      `a contribution must fit the pool cap gap: ${phaText(amount)} > gap ${phaText(capGap)} (cap ${phaText(cap)} − total stake ${phaText(totalStake)})`,
    );
  }
}

/** The pool lost all its stake (slashing) while shares remain; contributions are refused. */
export class PoolBankruptError extends RuleError {
  override readonly name = 'PoolBankruptError' as const;
  readonly code = 'PoolBankrupt' as const;
  constructor(
    /** The pool: no stake is left behind its shares (share price 0), so new stake cannot be priced. */
    readonly pid: bigint,
  ) {
    super(`pool ${pid} is bankrupt (no stake behind its shares)`);
  }
}

/** The account has no stake in the pool. */
export class NoStakeError extends RuleError {
  override readonly name = 'NoStakeError' as const;
  readonly code = 'NoStake' as const;
  constructor(
    /** The pool to withdraw from. */
    readonly pid: bigint,
    /** SS58 address that has no `PoolStakers` record in that pool. */
    readonly account: string,
  ) {
    super(`${account} has no stake in pool ${pid}`);
  }
}

/** Withdrawal of dust (≤ 1000 planck of shares) or of more shares than held. */
export class InvalidWithdrawalError extends RuleError {
  override readonly name = 'InvalidWithdrawalError' as const;
  readonly code = 'InvalidWithdrawal' as const;
  constructor(
    /** The shares the withdrawal would redeem (an amount is converted at the current share price). */
    readonly shares: bigint,
    /** Shares the account holds in the pool. */
    readonly available: bigint,
  ) {
    super(
      `a withdrawal must be more than 1000 share units (dust) and at most the shares held: ${sharesText(shares)} requested, ${sharesText(available)} held`,
    );
  }
}

/** Nothing to claim. */
export class NoRewardToClaimError extends RuleError {
  override readonly name = 'NoRewardToClaimError' as const;
  readonly code = 'NoRewardToClaim' as const;
  constructor(
    /** The pool claimed from. */
    readonly pid: bigint,
    /** SS58 address of the claimant. */
    readonly account: string,
    /** What was claimed: the owner's commission, the staker's rewards, or both together. */
    readonly which: 'owner' | 'staker' | 'both',
  ) {
    super(`${account} has no ${which === 'both' ? '' : `${which} `}reward to claim in pool ${pid}`);
  }
}
