/**
 * Every error this package throws is a `TestingError` with a stable `code`, so tests and tools can branch on
 * `error.code` (or `instanceof`) instead of parsing messages.
 */
export type TestingErrorCode =
  | 'UNKNOWN_ACCOUNT'
  | 'INVALID_ARGUMENT'
  | 'TIME_TRAVEL_BACKWARDS'
  | 'TIME_TRAVEL_REJECTED'
  | 'DEV_RPC_UNAVAILABLE'
  | 'DEV_RPC_FAILED'
  | 'SNAPSHOT_NOT_FOUND'
  | 'CONNECTION_FAILED'
  | 'CHAIN_CLOSED'
  | 'UNSUPPORTED_CHAIN'
  | 'PALLET_ERROR'
  | 'DISPATCH_FAILED'
  | 'TRANSACTION_INVALID';

export abstract class TestingError extends Error {
  abstract readonly code: TestingErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class UnknownAccountError extends TestingError {
  readonly code = 'UNKNOWN_ACCOUNT';

  constructor(readonly account: string) {
    super(
      `unknown account ${JSON.stringify(account)}: expected a dev account name (alice, bob, charlie, dave, eve, ferdie), an SS58 address, a 32-byte hex public key or a KeyringPair`,
    );
  }
}

export class InvalidArgumentError extends TestingError {
  readonly code = 'INVALID_ARGUMENT';
}

export class TimeTravelBackwardsError extends TestingError {
  readonly code = 'TIME_TRAVEL_BACKWARDS';

  constructor(
    /** unix ms the caller asked for */
    readonly target: number,
    /** unix ms of the chain's head block */
    readonly chainTime: number,
  ) {
    super(
      `cannot time travel to ${iso(target)}: the chain is already at ${iso(chainTime)} and time only moves forward (use snapshot()/revert() to go back)`,
    );
  }
}

/** The node refused the target time (e.g. closer to the head than pallet_timestamp's minimum period). */
export class TimeTravelRejectedError extends TestingError {
  readonly code = 'TIME_TRAVEL_REJECTED';

  constructor(
    readonly target: number,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the node refused to time travel to ${iso(target)}: ${reason}`, options);
  }
}

export class DevRpcUnavailableError extends TestingError {
  readonly code = 'DEV_RPC_UNAVAILABLE';

  constructor(
    readonly method: string,
    readonly endpoint: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${endpoint} does not serve the dev RPC method ${method}: this helper needs a dev chain (the in-process @phala-mining/devchain, or a chopsticks fork for the dev_* methods)`,
      options,
    );
  }
}

/** A dev RPC method exists but failed. */
export class DevRpcError extends TestingError {
  readonly code = 'DEV_RPC_FAILED';

  constructor(
    readonly method: string,
    /** the JSON-RPC error code, when the node sent one */
    readonly rpcCode: number | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${method} failed: ${message}`, options);
  }
}

export class SnapshotNotFoundError extends TestingError {
  readonly code = 'SNAPSHOT_NOT_FOUND';

  constructor(readonly id: string) {
    super(
      `no snapshot ${id}: it was never taken, or a revert to it (or to an earlier snapshot) already consumed it`,
    );
  }
}

export class ConnectionError extends TestingError {
  readonly code = 'CONNECTION_FAILED';

  constructor(
    readonly endpoint: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot connect to ${endpoint}: ${reason}`, options);
  }
}

export class ChainClosedError extends TestingError {
  readonly code = 'CHAIN_CLOSED';

  constructor(action: string) {
    super(`cannot ${action}: the test chain is closed`);
  }
}

/** The chain lacks a pallet item a helper relies on (e.g. `System.Account`). */
export class UnsupportedChainError extends TestingError {
  readonly code = 'UNSUPPORTED_CHAIN';

  constructor(readonly item: string) {
    super(`the chain has no ${item}, which this helper needs`);
  }
}

/** `System.ExtrinsicFailed` with a `Module` error, decoded through the chain's metadata. */
export class PalletError extends TestingError {
  readonly code = 'PALLET_ERROR';

  constructor(
    /** pallet name as in the metadata, e.g. `PhalaStakePool` */
    readonly section: string,
    /** error variant, e.g. `InsufficientFreeStake` (replaces Error's class name, as the error's identity) */
    name: string,
    readonly docs: string,
    /** pallet index and error index */
    readonly index: number,
    readonly error: number,
    /** the block the failed extrinsic is in */
    readonly blockHash?: string,
  ) {
    super(`${section}.${name}${docs ? `: ${docs}` : ''}`);
    this.name = name;
  }

  /** `Section.Name`, the form the `toThrowPalletError` matcher takes */
  get qualifiedName(): string {
    return `${this.section}.${this.name}`;
  }
}

/** `System.ExtrinsicFailed` with a non-module error (`BadOrigin`, `Token`, `Arithmetic`, …). */
export class DispatchFailedError extends TestingError {
  readonly code = 'DISPATCH_FAILED';

  constructor(
    /** the DispatchError variant, e.g. `BadOrigin` */
    readonly kind: string,
    readonly detail: unknown,
    readonly blockHash?: string,
  ) {
    super(
      `dispatch failed: ${kind}${detail === undefined || detail === null ? '' : ` ${JSON.stringify(detail)}`}`,
    );
  }
}

/** The transaction never made it into a block (rejected by the pool, dropped, usurped, …). */
export class TransactionInvalidError extends TestingError {
  readonly code = 'TRANSACTION_INVALID';
}

function iso(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}
