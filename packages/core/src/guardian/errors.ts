import { formatPha } from '../amount.js';
import { RuleError } from '../errors/base.js';

/** Why no set of worker stops can keep a pool out of the forced stop. */
export type CoverImpossibleReason = 'MiningDisabled' | 'NotEnoughStake' | 'DeadlinePassed';

/**
 * The category of {@link MiningClient.planWithdrawalCover}'s refusals: stopping workers cannot cover the withdraw queue in time.
 * A new contribution still can (it serves the queue at once); so can nothing at all, when the chain stops the pool.
 */
export abstract class CoverImpossibleError extends RuleError {
  /** Which rule made the plan impossible. */
  abstract readonly reason: CoverImpossibleReason;
  constructor(
    /** The pool. */
    readonly pid: bigint,
    message: string,
  ) {
    super(message);
  }
}

/** The mining switch is off: `stop_mining` fails with FeatureNotEnabled, while the forced stop still happens. */
export class CoverMiningDisabledError extends CoverImpossibleError {
  /** The class name as a literal type, for matching without `instanceof`. */
  override readonly name = 'CoverMiningDisabledError' as const;
  readonly code = 'CoverMiningDisabled' as const;
  readonly reason = 'MiningDisabled' as const;
  constructor(pid: bigint) {
    super(
      pid,
      `pool ${pid} cannot be covered by stopping workers: the mining switch is off (PhalaStakePool.MiningEnabled), so only the chain's forced stop can stop them`,
    );
  }
}

/** Even stopping every mining worker leaves the queue uncovered. */
export class CoverNotEnoughStakeError extends CoverImpossibleError {
  /** The class name as a literal type, for matching without `instanceof`. */
  override readonly name = 'CoverNotEnoughStakeError' as const;
  readonly code = 'CoverNotEnoughStake' as const;
  readonly reason = 'NotEnoughStake' as const;
  constructor(
    pid: bigint,
    /** Planck the plan must free. */
    readonly shortfall: bigint,
    /** Planck that stopping every mining worker would free. */
    readonly available: bigint,
  ) {
    super(
      pid,
      `pool ${pid} needs ${formatPha(shortfall, { group: true, unit: true })} more for its withdraw queue but its mining workers hold only ${formatPha(available, { group: true, unit: true })}`,
    );
  }
}

/** The first uncovered request's deadline is behind the chain's clock: stopping now comes too late for it. */
export class CoverDeadlinePassedError extends CoverImpossibleError {
  /** The class name as a literal type, for matching without `instanceof`. */
  override readonly name = 'CoverDeadlinePassedError' as const;
  readonly code = 'CoverDeadlinePassed' as const;
  readonly reason = 'DeadlinePassed' as const;
  constructor(
    pid: bigint,
    /** The passed deadline, unix seconds. */
    readonly deadline: bigint,
    /** Chain time, unix seconds. */
    readonly now: bigint,
  ) {
    super(
      pid,
      `pool ${pid}: the withdrawal deadline passed ${now - deadline} s ago (chain time ${now}); the chain stops the pool at its next check`,
    );
  }
}
