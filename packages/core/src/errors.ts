/**
 * Every failure the SDK reports is one of these classes, each with a stable `code` and the numbers behind the
 * decision, so callers can branch on `error.code` (or `instanceof`) and show the figures the Phala App showed.
 */

import { formatPha } from './amount.js';

/** Exact PHA for messages (the planck integers stay on the error's fields). */
function phaText(planck: bigint): string {
  return formatPha(planck, { group: true, unit: true });
}

/** Base class of every error the SDK throws or rejects with. */
export abstract class MiningError extends Error {
  /** Stable machine-readable identifier; never changes between releases. */
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

// ── input ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Why {@link pha} refused a string. */
export type InvalidAmountReason = 'NotANumber' | 'Negative' | 'TooManyDecimals';

/** An amount that is not a non-negative decimal with at most 12 fraction digits. */
export class InvalidAmountError extends MiningError {
  readonly code = 'InvalidAmount' as const;
  constructor(
    /** The value as it was given (string, number, bigint, or whatever untyped code passed); never altered. */
    readonly input: unknown,
    /** The rule it broke: not a plain decimal, below zero, or finer than 1 planck (more than 12 decimals). */
    readonly reason: InvalidAmountReason,
  ) {
    super(`invalid PHA amount ${JSON.stringify(String(input))}: ${reason}`);
  }
}

/** A payout commission outside 0–100 % or finer than Permill (0.0001 %). */
export class InvalidPercentError extends MiningError {
  readonly code = 'InvalidPercent' as const;
  constructor(
    /** The commission as given, in percent (not Permill parts). */
    readonly percent: number,
  ) {
    super(`payout commission must be a percentage between 0 and 100 with at most 4 decimals, got ${percent}`);
  }
}

/** Not an SS58 address / 32-byte account id. */
export class InvalidAddressError extends MiningError {
  readonly code = 'InvalidAddress' as const;
  constructor(
    /** The rejected input; a byte array is shown as 0x-hex. */
    readonly address: string,
  ) {
    super(`not a valid account address: ${address}`);
  }
}

/** Not a 32-byte sr25519 worker public key. */
export class InvalidWorkerKeyError extends MiningError {
  readonly code = 'InvalidWorkerKey' as const;
  constructor(
    /** The rejected key (bytes are shown as 0x-hex); a worker key is its pRuntime's sr25519 public key. */
    readonly key: string,
  ) {
    super(`not a 32-byte worker public key: ${key}`);
  }
}

/** A pool id that is not a non-negative integer. */
export class InvalidPoolIdError extends MiningError {
  readonly code = 'InvalidPoolId' as const;
  constructor(
    /** The value given as pool id; `undefined` when a pool operation was chained without choosing a pool. */
    readonly pid: unknown,
  ) {
    super(`not a pool id: ${String(pid)}`);
  }
}

/** A pool description longer than the chain's bound. */
export class DescriptionTooLongError extends MiningError {
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

/** A chain with nothing to send. */
export class EmptyChainError extends MiningError {
  readonly code = 'EmptyChain' as const;
  constructor() {
    super('no operation to send: add at least one operation to the chain');
  }
}

/** A withdrawal given neither a positive share count nor a positive amount. */
export class InvalidWithdrawalInputError extends MiningError {
  readonly code = 'InvalidWithdrawalInput' as const;
  constructor(
    /** The input as given, e.g. a zero or negative amount, or both `shares` and `amount` at once. */
    readonly input: unknown,
  ) {
    super('withdraw needs { shares } or { amount } (a positive bigint) or { all: true }');
  }
}

// ── pool ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** No stake pool with this id. */
export class PoolNotFoundError extends MiningError {
  readonly code = 'PoolNotFound' as const;
  constructor(
    /** The requested pool id; `PhalaStakePool.StakePools` has no such entry (pools are never deleted). */
    readonly pid: bigint,
  ) {
    super(`stake pool ${pid} does not exist`);
  }
}

/** The signer is not the pool's owner. */
export class NotPoolOwnerError extends MiningError {
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
export class CapBelowTotalStakeError extends MiningError {
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
export class AlreadyWhitelistedError extends MiningError {
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
export class WhitelistFullError extends MiningError {
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
export class NoWhitelistError extends MiningError {
  readonly code = 'NoWhitelist' as const;
  constructor(
    /** The pool, which is open to every contributor because it has no whitelist. */
    readonly pid: bigint,
  ) {
    super(`pool ${pid} has no whitelist`);
  }
}

/** The account is not on the whitelist (removing it, or contributing to a whitelisted pool). */
export class NotWhitelistedError extends MiningError {
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

// ── workers ───────────────────────────────────────────────────────────────────────────────────────────────────

/** The worker key is not registered in PhalaRegistry. */
export class WorkerNotRegisteredError extends MiningError {
  readonly code = 'WorkerNotRegistered' as const;
  constructor(
    /** Worker public key, 0x-hex; `PhalaRegistry.Workers` has it only once its pRuntime has registered. */
    readonly worker: string,
  ) {
    super(`worker ${worker} is not registered`);
  }
}

/** The worker's registered operator is not the signer (the pool owner must be the miner's operator). */
export class NotWorkerOperatorError extends MiningError {
  readonly code = 'NotWorkerOperator' as const;
  constructor(
    /** Worker public key, 0x-hex. */
    readonly worker: string,
    /** SS58 operator account the worker registered with; undefined when it registered without one. */
    readonly operator: string | undefined,
    /** SS58 address of the signer, who would have to be that operator. */
    readonly caller: string,
  ) {
    super(`worker ${worker} is operated by ${operator ?? 'nobody'}, not by ${caller}`);
  }
}

/** The worker has no benchmark score yet. */
export class BenchmarkMissingError extends MiningError {
  readonly code = 'BenchmarkMissing' as const;
  constructor(
    /** Worker public key, 0x-hex; its registry record gets an initial score once the benchmark reports. */
    readonly worker: string,
  ) {
    super(`worker ${worker} has not finished its benchmark (no initial score)`);
  }
}

/** The benchmark score is below the minimum accepted for mining. */
export class BenchmarkTooLowError extends MiningError {
  readonly code = 'BenchmarkTooLow' as const;
  constructor(
    /** Worker public key, 0x-hex. */
    readonly worker: string,
    /** The worker's benchmark score P (registry `initial_score`), a measure of its CPU throughput. */
    readonly score: number,
    /** Lowest score the mining pallet accepts (`MinInitP`, 50 on Khala). */
    readonly minimum: number,
  ) {
    super(`worker ${worker} scored ${score}, below the minimum ${minimum}`);
  }
}

/** The worker already belongs to a pool (this one or another) or is bound to another miner. */
export class WorkerAlreadyBoundError extends MiningError {
  readonly code = 'WorkerAlreadyBound' as const;
  constructor(
    /** Worker public key, 0x-hex. */
    readonly worker: string,
    /** The pool the worker is already in; undefined when it is bound to a miner account outside any pool. */
    readonly pid: bigint | undefined,
  ) {
    super(
      pid === undefined
        ? `worker ${worker} is already bound to a miner`
        : `worker ${worker} is already in pool ${pid}`,
    );
  }
}

/** The pool already has the maximum number of workers. */
export class PoolWorkersFullError extends MiningError {
  readonly code = 'PoolWorkersFull' as const;
  constructor(
    /** The pool that has no room left. */
    readonly pid: bigint,
    /** Most workers one pool may hold (`MaxPoolWorkers`, 200 on Khala). */
    readonly limit: number,
  ) {
    super(`pool ${pid} already has the maximum of ${limit} workers`);
  }
}

/** The worker is not in this pool. */
export class WorkerNotInPoolError extends MiningError {
  readonly code = 'WorkerNotInPool' as const;
  constructor(
    /** The pool named in the operation. */
    readonly pid: bigint,
    /** Worker public key, 0x-hex. */
    readonly worker: string,
    /** the pool it is in, if any */
    readonly actualPid: bigint | undefined,
  ) {
    super(
      actualPid === undefined
        ? `worker ${worker} is not in pool ${pid}`
        : `worker ${worker} is in pool ${actualPid}, not in pool ${pid}`,
    );
  }
}

/** The worker's mining state does not allow the operation (e.g. Remove needs Ready, Stop needs Mining). */
export class WorkerStateError extends MiningError {
  readonly code = 'WorkerState' as const;
  constructor(
    /** Worker public key, 0x-hex. */
    readonly worker: string,
    /** Its `MinerState` (e.g. `MiningCoolingDown`), or `Unbound` when the pool has no miner record for it. */
    readonly state: string,
    /** The states the operation accepts. */
    readonly expected: readonly string[],
  ) {
    super(`worker ${worker} is ${state}; this needs ${expected.join(' or ')}`);
  }
}

/** The 7-day cooldown has not ended yet. */
export class CooldownNotOverError extends MiningError {
  readonly code = 'CooldownNotOver' as const;
  constructor(
    /** Worker public key, 0x-hex. */
    readonly worker: string,
    /** unix seconds when the worker can be reclaimed */
    readonly cooldownEnd: bigint,
    /** chain time, unix seconds */
    readonly now: bigint,
  ) {
    super(
      `worker ${worker} is cooling down until ${new Date(Number(cooldownEnd) * 1000).toISOString()} (${cooldownEnd - now} s left)`,
    );
  }
}

/** Stop/restart need the mining switch (`MiningEnabled`) on. */
export class MiningDisabledError extends MiningError {
  readonly code = 'MiningDisabled' as const;
  constructor() {
    super('mining is switched off on this chain (PhalaStakePool.MiningEnabled is false)');
  }
}

/** The chain has no tokenomic parameters; nothing can start mining. */
export class TokenomicsMissingError extends MiningError {
  readonly code = 'TokenomicsMissing' as const;
  constructor() {
    super('the chain has no tokenomic parameters (PhalaMining.TokenomicParameters is empty)');
  }
}

// ── stake amounts ─────────────────────────────────────────────────────────────────────────────────────────────

/** Stake below Smin = k·√P. */
export class StakeBelowMinimumError extends MiningError {
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
export class StakeAboveMaximumError extends MiningError {
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
export class InsufficientFreeStakeError extends MiningError {
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
export class RestartStakeNotHigherError extends MiningError {
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
export class ContributionBelowMinimumError extends MiningError {
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
export class InsufficientDelegableBalanceError extends MiningError {
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
export class ContributionExceedsCapError extends MiningError {
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
export class PoolBankruptError extends MiningError {
  readonly code = 'PoolBankrupt' as const;
  constructor(
    /** The pool: no stake is left behind its shares (share price 0), so new stake cannot be priced. */
    readonly pid: bigint,
  ) {
    super(`pool ${pid} is bankrupt (no stake behind its shares)`);
  }
}

/** The account has no stake in the pool. */
export class NoStakeError extends MiningError {
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
export class InvalidWithdrawalError extends MiningError {
  readonly code = 'InvalidWithdrawal' as const;
  constructor(
    /** The shares the withdrawal would redeem (an amount is converted at the current share price). */
    readonly shares: bigint,
    /** Shares the account holds in the pool. */
    readonly available: bigint,
  ) {
    super(
      `a withdrawal must be more than 1000 planck of shares and at most the shares held: ${formatPha(shares, { group: true })} shares requested, ${formatPha(available, { group: true })} held`,
    );
  }
}

/** Nothing to claim. */
export class NoRewardToClaimError extends MiningError {
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

// ── runtime, transport, chain ─────────────────────────────────────────────────────────────────────────────────

/** The connected runtime lacks stake pool v1 (e.g. a StakePool v2 chain, or not a Phala chain). */
export class UnsupportedRuntimeError extends MiningError {
  readonly code = 'UnsupportedRuntime' as const;
  constructor(
    /** The call or storage item the SDK needs and did not find, e.g. `phalaStakePool.contribute call`. */
    readonly missing: string,
    /** The runtime's spec name, e.g. `khala`. */
    readonly specName: string,
    /** The runtime's spec version; Khala ran stake pool v1 up to spec 1192. */
    readonly specVersion: number,
  ) {
    super(`runtime ${specName}/${specVersion} has no ${missing}: stake pool v1 is required`);
  }
}

/** The dispatch failed on chain with a module error; carries the pallet's own identification and docs. */
export class PalletError extends MiningError {
  readonly code = 'PalletError' as const;
  constructor(
    /** pallet name as in metadata, e.g. `phalaStakePool` */
    readonly section: string,
    /** error variant, e.g. `InsufficientContribution` */
    readonly errorName: string,
    /** The error's documentation from metadata, joined into one line; empty when the runtime has none. */
    readonly docs: string,
    /** Index of the pallet in the runtime (88 for PhalaStakePool on Khala). */
    readonly index: number,
    /** Position of the error in that pallet's error enum. */
    readonly errorIndex: number,
  ) {
    super(`${section}.${errorName}${docs ? `: ${docs}` : ''}`);
  }
}

/** The dispatch failed with a non-module error (BadOrigin, Arithmetic, Token …). */
export class DispatchError extends MiningError {
  readonly code = 'DispatchError' as const;
  constructor(
    /** The variant, e.g. `BadOrigin`, `Arithmetic`, `Token`; `Module` when metadata did not name it. */
    readonly kind: string,
    /** The variant's payload as JSON (`null` when it has none). */
    readonly detail: string,
  ) {
    super(`dispatch failed: ${kind}${detail ? ` (${detail})` : ''}`);
  }
}

/** The node refused the transaction (invalid signature, nonce, fees…) or dropped it from its pool. */
export class TransactionRejectedError extends MiningError {
  readonly code = 'TransactionRejected' as const;
  constructor(
    /** The node's status (`Invalid`, `Dropped`, `Usurped`) or its error message. */
    readonly reason: string,
    /** Extrinsic hash, 0x-hex; undefined when it failed before it was signed (e.g. the signer declined). */
    readonly hash: string | undefined,
  ) {
    super(`transaction ${hash ?? ''} rejected: ${reason}`);
  }
}

/** The node could not be reached or the handshake failed before the client was ready; the original is the `cause`. */
export class ConnectionFailedError extends MiningError {
  readonly code = 'ConnectionFailed' as const;
  constructor(
    /** The WebSocket URL(s) tried, or `the given ApiPromise` for a connection passed in. */
    readonly endpoint: string | string[],
    /** Why, in words, from the underlying error or WebSocket event. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`could not connect to ${[endpoint].flat().join(', ')}: ${reason}`, options);
  }
}

/** A client-created connection did not become ready in time (node down, wrong address, or not a Substrate node). */
export class ConnectionTimeoutError extends MiningError {
  readonly code = 'ConnectionTimeout' as const;
  constructor(
    /** The WebSocket URL(s) tried, or `the given ApiPromise` for a connection passed in. */
    readonly endpoint: string | string[],
    /** How long the client waited, ms (`connectTimeoutMs`). */
    readonly timeoutMs: number,
  ) {
    super(`could not connect to ${[endpoint].flat().join(', ')} within ${timeoutMs / 1000} s`);
  }
}

/** The connected runtime has no such storage item (not a Khala stake pool v1 runtime, or a newer layout). */
export class MissingStorageError extends MiningError {
  readonly code = 'MissingStorage' as const;
  constructor(
    /** pallet name as in the metadata, e.g. `PhalaStakePool` */
    readonly pallet: string,
    /** storage item name as in the metadata, e.g. `StakePools` */
    readonly item: string,
  ) {
    super(`the runtime has no storage item ${pallet}.${item}`);
  }
}

/** A storage key was built with the wrong number of arguments (a programming error in the caller). */
export class StorageKeyArityError extends MiningError {
  readonly code = 'StorageKeyArity' as const;
  constructor(pallet: string, item: string, expected: number, got: number) {
    super(`${pallet}.${item} takes ${expected} key argument(s), got ${got}`);
  }
}

/** The transaction's mortality ran out without it being included. */
export class TransactionExpiredError extends MiningError {
  readonly code = 'TransactionExpired' as const;
  constructor(
    /** Extrinsic hash, 0x-hex. */
    readonly hash: string,
    /** The last block number the signed mortal era allowed it in; it can never be included after that. */
    readonly lastValidBlock: number,
  ) {
    super(`transaction ${hash} was not included up to its last valid block ${lastValidBlock}`);
  }
}

/** Anything else that went wrong (e.g. an RPC failure while reading state); the original is the `cause`. */
export class UnexpectedError extends MiningError {
  readonly code = 'Unexpected' as const;
}

/** The client was disconnected by its owner while something still waited for the chain. */
export class ClientClosedError extends MiningError {
  readonly code = 'ClientClosed' as const;
  constructor() {
    super('the mining client was closed');
  }
}

/**
 * Every concrete error class of the SDK. A new class must be listed here (a test checks it), so that
 * {@link KnownMiningError} and {@link MiningErrorCode} stay complete.
 */
export const MINING_ERROR_CLASSES = [
  InvalidAmountError,
  InvalidPercentError,
  InvalidAddressError,
  InvalidWorkerKeyError,
  InvalidPoolIdError,
  DescriptionTooLongError,
  EmptyChainError,
  InvalidWithdrawalInputError,
  PoolNotFoundError,
  NotPoolOwnerError,
  CapBelowTotalStakeError,
  AlreadyWhitelistedError,
  WhitelistFullError,
  NoWhitelistError,
  NotWhitelistedError,
  WorkerNotRegisteredError,
  NotWorkerOperatorError,
  BenchmarkMissingError,
  BenchmarkTooLowError,
  WorkerAlreadyBoundError,
  PoolWorkersFullError,
  WorkerNotInPoolError,
  WorkerStateError,
  CooldownNotOverError,
  MiningDisabledError,
  TokenomicsMissingError,
  StakeBelowMinimumError,
  StakeAboveMaximumError,
  InsufficientFreeStakeError,
  RestartStakeNotHigherError,
  ContributionBelowMinimumError,
  InsufficientDelegableBalanceError,
  ContributionExceedsCapError,
  PoolBankruptError,
  NoStakeError,
  InvalidWithdrawalError,
  NoRewardToClaimError,
  UnsupportedRuntimeError,
  PalletError,
  DispatchError,
  TransactionRejectedError,
  ConnectionFailedError,
  ConnectionTimeoutError,
  MissingStorageError,
  StorageKeyArityError,
  TransactionExpiredError,
  UnexpectedError,
  ClientClosedError,
] as const;

/** Any error the SDK throws, as a union discriminated by `code`: `switch (error.code)` narrows to the class. */
export type KnownMiningError = InstanceType<(typeof MINING_ERROR_CLASSES)[number]>;

/** Every `code` an SDK error can carry. */
export type MiningErrorCode = KnownMiningError['code'];

/**
 * Narrows an unknown failure to one of this package's errors (then `switch (error.code)` is exhaustive). Errors of
 * other packages that extend {@link MiningError} (e.g. @phala-mining/react's) are not among them.
 */
export function isKnownMiningError(error: unknown): error is KnownMiningError {
  return MINING_ERROR_CLASSES.some((errorClass) => error instanceof errorClass);
}
