/**
 * Every error this package throws belongs to the SDK's one error family (@phala-mining/errors, whose classes
 * @phala-mining/core re-exports): a literal `name`, a PascalCase `code`, and a category base `instanceof` can test.
 * `PalletError`, `DispatchError`, `ConnectionFailedError` and `InvalidArgumentError` are the family's own classes
 * (the first three the same ones core rejects with).
 */
import {
  ChainError,
  CompatibilityError,
  ConnectionFailedError,
  DispatchError,
  InputError,
  InvalidArgumentError,
  PalletError,
  TransportError,
} from '@phala-mining/errors';

export { ConnectionFailedError, DispatchError, InvalidArgumentError, PalletError };

export class UnknownAccountError extends InputError {
  override readonly name = 'UnknownAccountError' as const;
  readonly code = 'UnknownAccount' as const;

  constructor(readonly account: string) {
    super(
      `unknown account ${JSON.stringify(account)}: expected a dev account name (alice, bob, charlie, dave, eve, ferdie), an SS58 address, a 32-byte hex public key or a KeyringPair`,
    );
  }
}

export class TimeTravelBackwardsError extends InputError {
  override readonly name = 'TimeTravelBackwardsError' as const;
  readonly code = 'TimeTravelBackwards' as const;

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
export class TimeTravelRejectedError extends ChainError {
  override readonly name = 'TimeTravelRejectedError' as const;
  readonly code = 'TimeTravelRejected' as const;

  constructor(
    readonly target: number,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the node refused to time travel to ${iso(target)}: ${reason}`, options);
  }
}

export class DevRpcUnavailableError extends CompatibilityError {
  override readonly name = 'DevRpcUnavailableError' as const;
  readonly code = 'DevRpcUnavailable' as const;

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
export class DevRpcError extends ChainError {
  override readonly name = 'DevRpcError' as const;
  readonly code = 'DevRpcFailed' as const;

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

export class SnapshotNotFoundError extends InputError {
  override readonly name = 'SnapshotNotFoundError' as const;
  readonly code = 'SnapshotNotFound' as const;

  constructor(readonly id: string) {
    super(
      `no snapshot ${id}: it was never taken, or a revert to it (or to an earlier snapshot) already consumed it`,
    );
  }
}

export class ChainClosedError extends TransportError {
  override readonly name = 'ChainClosedError' as const;
  readonly code = 'ChainClosed' as const;

  constructor(action: string) {
    super(`cannot ${action}: the test chain is closed`);
  }
}

/** The chain lacks a pallet item a helper relies on (e.g. `System.Account`). */
export class UnsupportedChainError extends CompatibilityError {
  override readonly name = 'UnsupportedChainError' as const;
  readonly code = 'UnsupportedChain' as const;

  constructor(readonly item: string) {
    super(`the chain has no ${item}, which this helper needs`);
  }
}

/** The transaction never made it into a block (rejected by the pool, dropped, usurped, …). */
export class TransactionInvalidError extends ChainError {
  override readonly name = 'TransactionInvalidError' as const;
  readonly code = 'TransactionInvalid' as const;
}

/**
 * @deprecated the family's {@link ConnectionFailedError} (the same class as @phala-mining/core's): this name is kept
 * for code written against earlier releases.
 */
export const ConnectionError = ConnectionFailedError;
/** @deprecated see {@link ConnectionFailedError}. */
export type ConnectionError = ConnectionFailedError;

/**
 * @deprecated the family's {@link DispatchError} (the same class as @phala-mining/core's, code `DispatchError`): this
 * name is kept for code written against earlier releases, and `instanceof` holds with either name.
 */
export const DispatchFailedError = DispatchError;
/** @deprecated see {@link DispatchError}. */
export type DispatchFailedError = DispatchError;

/** Every class this package throws, the family's shared ones included. */
export const TESTING_ERROR_CLASSES = [
  UnknownAccountError,
  InvalidArgumentError,
  TimeTravelBackwardsError,
  TimeTravelRejectedError,
  DevRpcUnavailableError,
  DevRpcError,
  SnapshotNotFoundError,
  ConnectionFailedError,
  ChainClosedError,
  UnsupportedChainError,
  PalletError,
  DispatchError,
  TransactionInvalidError,
] as const;

/** Any error this package throws, as a union discriminated by `code`. */
export type TestingError = InstanceType<(typeof TESTING_ERROR_CLASSES)[number]>;

/** Every `code` an error of this package can carry. */
export type TestingErrorCode = TestingError['code'];

/** The family's categories this package's errors fall into. */
export type TestingErrorCategory = TestingError['category'];

function iso(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}
