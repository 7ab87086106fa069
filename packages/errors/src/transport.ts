/** Getting to the node: the one connection failure every package reports. */
import { TransportError } from './base.js';

/** The node could not be reached or the handshake failed before the client was ready; the original is the `cause`. */
export class ConnectionFailedError extends TransportError {
  override readonly name = 'ConnectionFailedError' as const;
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
