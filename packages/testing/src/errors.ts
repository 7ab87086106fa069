/**
 * Every error this package throws is a `TestingError` with a stable `code`, so tests and tools can branch on
 * `error.code` (or `instanceof`) instead of parsing messages.
 */
export type TestingErrorCode =
  | 'UnknownAccount'
  | 'InvalidArgument'
  | 'TimeTravelBackwards'
  | 'TimeTravelRejected'
  | 'DevRpcUnavailable'
  | 'DevRpcFailed'
  | 'SnapshotNotFound'
  | 'ConnectionFailed'
  | 'ChainClosed'
  | 'UnsupportedChain'
  | 'PalletError'
  | 'DispatchFailed'
  | 'TransactionInvalid';

/**
 * The categories of @phala-mining/core's error family, which this package's errors share (it cannot extend core's
 * classes: core's own tests depend on this package).
 */
export type TestingErrorCategory = 'input' | 'chain' | 'transport' | 'compatibility';

/**
 * Base of this package's errors. Like core's, every class spells out its `name` as a literal (a minifier renames
 * classes) and has a PascalCase `code` and a `category`.
 */
export abstract class TestingError extends Error {
  abstract override readonly name: string;
  abstract readonly code: TestingErrorCode;
  abstract readonly category: TestingErrorCategory;
}

export class UnknownAccountError extends TestingError {
  override readonly name = 'UnknownAccountError' as const;
  readonly category = 'input' as const;
  readonly code = 'UnknownAccount' as const;

  constructor(readonly account: string) {
    super(
      `unknown account ${JSON.stringify(account)}: expected a dev account name (alice, bob, charlie, dave, eve, ferdie), an SS58 address, a 32-byte hex public key or a KeyringPair`,
    );
  }
}

export class InvalidArgumentError extends TestingError {
  override readonly name = 'InvalidArgumentError' as const;
  readonly category = 'input' as const;
  readonly code = 'InvalidArgument' as const;
}

export class TimeTravelBackwardsError extends TestingError {
  override readonly name = 'TimeTravelBackwardsError' as const;
  readonly category = 'input' as const;
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
export class TimeTravelRejectedError extends TestingError {
  override readonly name = 'TimeTravelRejectedError' as const;
  readonly category = 'chain' as const;
  readonly code = 'TimeTravelRejected' as const;

  constructor(
    readonly target: number,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the node refused to time travel to ${iso(target)}: ${reason}`, options);
  }
}

export class DevRpcUnavailableError extends TestingError {
  override readonly name = 'DevRpcUnavailableError' as const;
  readonly category = 'compatibility' as const;
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
export class DevRpcError extends TestingError {
  override readonly name = 'DevRpcError' as const;
  readonly category = 'chain' as const;
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

export class SnapshotNotFoundError extends TestingError {
  override readonly name = 'SnapshotNotFoundError' as const;
  readonly category = 'input' as const;
  readonly code = 'SnapshotNotFound' as const;

  constructor(readonly id: string) {
    super(
      `no snapshot ${id}: it was never taken, or a revert to it (or to an earlier snapshot) already consumed it`,
    );
  }
}

export class ConnectionError extends TestingError {
  override readonly name = 'ConnectionError' as const;
  readonly category = 'transport' as const;
  readonly code = 'ConnectionFailed' as const;

  constructor(
    readonly endpoint: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot connect to ${endpoint}: ${reason}`, options);
  }
}

export class ChainClosedError extends TestingError {
  override readonly name = 'ChainClosedError' as const;
  readonly category = 'transport' as const;
  readonly code = 'ChainClosed' as const;

  constructor(action: string) {
    super(`cannot ${action}: the test chain is closed`);
  }
}

/** The chain lacks a pallet item a helper relies on (e.g. `System.Account`). */
export class UnsupportedChainError extends TestingError {
  override readonly name = 'UnsupportedChainError' as const;
  readonly category = 'compatibility' as const;
  readonly code = 'UnsupportedChain' as const;

  constructor(readonly item: string) {
    super(`the chain has no ${item}, which this helper needs`);
  }
}

/**
 * `System.ExtrinsicFailed` with a `Module` error, decoded through the chain's metadata; the same shape as
 * @phala-mining/core's `PalletError` (`section`, `errorName`, `docs`, `index`, `errorIndex`).
 */
export class PalletError extends TestingError {
  override readonly name = 'PalletError' as const;
  readonly category = 'chain' as const;
  readonly code = 'PalletError' as const;

  constructor(
    /** pallet name as in the metadata, e.g. `PhalaStakePool` */
    readonly section: string,
    /** error variant, e.g. `InsufficientFreeStake` */
    readonly errorName: string,
    /** the error's documentation from metadata, joined into one line */
    readonly docs: string,
    /** index of the pallet in the runtime */
    readonly index: number,
    /** position of the error in that pallet's error enum */
    readonly errorIndex: number,
    /** the block the failed extrinsic is in */
    readonly blockHash?: string,
  ) {
    super(`${section}.${errorName}${docs ? `: ${docs}` : ''}`);
  }

  /** `Section.Name`, the form the `toThrowPalletError` matcher takes */
  get qualifiedName(): string {
    return `${this.section}.${this.errorName}`;
  }

  /** @deprecated the error's position in its pallet is {@link PalletError.errorIndex} */
  get error(): number {
    return this.errorIndex;
  }
}

/** `System.ExtrinsicFailed` with a non-module error (`BadOrigin`, `Token`, `Arithmetic`, …). */
export class DispatchFailedError extends TestingError {
  override readonly name = 'DispatchFailedError' as const;
  readonly category = 'chain' as const;
  readonly code = 'DispatchFailed' as const;

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
  override readonly name = 'TransactionInvalidError' as const;
  readonly category = 'chain' as const;
  readonly code = 'TransactionInvalid' as const;
}

function iso(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}
