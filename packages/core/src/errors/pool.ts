/** Pool rules: ownership, cap, description and the contribution whitelist. */
import { RuleError } from './base.js';
import { phaText } from './format.js';

/** A pool description longer than the chain's bound. */
export class DescriptionTooLongError extends RuleError {
  override readonly name = 'DescriptionTooLongError' as const;
  readonly code = 'DescriptionTooLong' as const;
  constructor(
    /** Size of the description encoded as UTF-8, in bytes (not characters). */
    readonly length: number,
    /** The most bytes the chain stores for a description (4400 on Khala). */
    readonly maximum: number,
  ) {
    super(`pool description is ${length} bytes, the maximum is ${maximum}`);
  }
}

/** No stake pool with this id. */
export class PoolNotFoundError extends RuleError {
  override readonly name = 'PoolNotFoundError' as const;
  readonly code = 'PoolNotFound' as const;
  constructor(
    /** The requested pool id; `PhalaStakePool.StakePools` has no such entry (pools are never deleted). */
    readonly pid: bigint,
  ) {
    super(`stake pool ${pid} does not exist`);
  }
}

/** The signer is not the pool's owner. */
export class NotPoolOwnerError extends RuleError {
  override readonly name = 'NotPoolOwnerError' as const;
  readonly code = 'NotPoolOwner' as const;
  constructor(
    /** The pool the owner-only operation was aimed at. */
    readonly pid: bigint,
    /** SS58 address of the account that created the pool, the only one allowed to manage it. */
    readonly owner: string,
    /** SS58 address of the signer that tried. */
    readonly caller: string,
  ) {
    super(`only the owner ${owner} of pool ${pid} may do this, not ${caller}`);
  }
}

/** Cap below the pool's current total stake ("between Total Stake Now and unlimited"). */
export class CapBelowTotalStakeError extends RuleError {
  override readonly name = 'CapBelowTotalStakeError' as const;
  readonly code = 'CapBelowTotalStake' as const;
  constructor(
    /** The requested cap, planck. */
    readonly cap: bigint,
    /** Stake already in the pool, planck: the lowest cap the chain accepts. */
    readonly totalStake: bigint,
  ) {
    super(
      `the cap must be at least the pool's total stake: cap ${phaText(cap)} < total stake ${phaText(totalStake)}`,
    );
  }
}

// ── whitelist ─────────────────────────────────────────────────────────────────────────────────────────────────

/** The account is already on the contribution whitelist. */
export class AlreadyWhitelistedError extends RuleError {
  override readonly name = 'AlreadyWhitelistedError' as const;
  readonly code = 'AlreadyWhitelisted' as const;
  constructor(
    /** The pool whose contribution whitelist was to be extended. */
    readonly pid: bigint,
    /** SS58 address that is already allowed to contribute. */
    readonly account: string,
  ) {
    super(`${account} is already on the whitelist of pool ${pid}`);
  }
}

/** The whitelist holds its maximum number of accounts. */
export class WhitelistFullError extends RuleError {
  override readonly name = 'WhitelistFullError' as const;
  readonly code = 'WhitelistFull' as const;
  constructor(
    /** The pool whose whitelist is full. */
    readonly pid: bigint,
    /** Most accounts a whitelist may hold (100 on Khala; the runtime does not expose it). */
    readonly limit: number,
  ) {
    super(`the whitelist of pool ${pid} already holds the maximum of ${limit} accounts`);
  }
}

/** The pool has no whitelist to remove from. */
export class NoWhitelistError extends RuleError {
  override readonly name = 'NoWhitelistError' as const;
  readonly code = 'NoWhitelist' as const;
  constructor(
    /** The pool, which is open to every contributor because it has no whitelist. */
    readonly pid: bigint,
  ) {
    super(`pool ${pid} has no whitelist`);
  }
}

/** The account is not on the whitelist (removing it, or contributing to a whitelisted pool). */
export class NotWhitelistedError extends RuleError {
  override readonly name = 'NotWhitelistedError' as const;
  readonly code = 'NotWhitelisted' as const;
  constructor(
    /** The pool whose whitelist was checked. */
    readonly pid: bigint,
    /** SS58 address missing from the whitelist (the account to remove, or the would-be contributor). */
    readonly account: string,
  ) {
    super(`${account} is not on the whitelist of pool ${pid}`);
  }
}
