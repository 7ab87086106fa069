/** Getting to the node and getting a transaction included. */
import { AbortedError, ChainError, TransportError } from './base.js';

/** The node could not be reached or the handshake failed: the family's one connection failure, shared with testing. */
export { ConnectionFailedError } from '@phala-mining/errors';

/** The node refused the transaction (invalid signature, nonce, fees…) or dropped it from its pool. */
export class TransactionRejectedError extends ChainError {
  override readonly name = 'TransactionRejectedError' as const;
  readonly code = 'TransactionRejected' as const;
  constructor(
    /** The node's status (`Invalid`, `Dropped`, `Usurped`) or its error message. */
    readonly reason: string,
    /** Extrinsic hash, 0x-hex; undefined when it failed before it was signed (e.g. the signer declined). */
    readonly hash: string | undefined,
  ) {
    super(
      hash === undefined
        ? `transaction rejected before it was sent: ${reason}`
        : `transaction ${hash} rejected: ${reason}`,
    );
  }
}

/** A client-created connection did not become ready in time (node down, wrong address, or not a Substrate node). */
export class ConnectionTimeoutError extends TransportError {
  override readonly name = 'ConnectionTimeoutError' as const;
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

/**
 * Connecting was called off through `createMiningClient`'s `signal` (e.g. a React provider unmounted while it was
 * connecting): the socket is closed and nothing of the attempt is kept.
 */
export class ConnectAbortedError extends AbortedError {
  override readonly name = 'ConnectAbortedError' as const;
  readonly code = 'ConnectAborted' as const;
  constructor(
    /** The WebSocket URL(s) being connected to, or `the given ApiPromise`. */
    readonly endpoint: string | string[],
  ) {
    super(`connecting to ${[endpoint].flat().join(', ')} was aborted`);
  }
}

/** The transaction's mortality ran out without it being included. */
export class TransactionExpiredError extends ChainError {
  override readonly name = 'TransactionExpiredError' as const;
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

/**
 * The nonce the transaction was signed with was used meanwhile by another transaction of the same account (the same
 * account on another connection, app or device). Nothing was sent. Re-signing would ask the user a second time
 * without saying why, so it is done automatically only for local keys (a KeyringPair, or a signer marked
 * `{ local: true }`); any other signer gets this error and the app decides.
 */
export class StaleNonceError extends ChainError {
  override readonly name = 'StaleNonceError' as const;
  readonly code = 'StaleNonce' as const;
  constructor(
    /** The signing account, SS58. */
    readonly account: string,
    /** The nonce that was already used. */
    readonly nonce: number,
  ) {
    super(
      `nonce ${nonce} of ${account} was used by another transaction meanwhile (the same account elsewhere): nothing was sent — send again to sign with the next nonce (signers marked { local: true } are re-signed automatically)`,
    );
  }
}

/** The client was disconnected by its owner while something still waited for the chain. */
export class ClientClosedError extends TransportError {
  override readonly name = 'ClientClosedError' as const;
  readonly code = 'ClientClosed' as const;
  constructor() {
    super('the mining client was closed');
  }
}
