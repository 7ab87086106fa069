/**
 * The root of every SDK error: a stable `code` and the numbers behind the decision, so callers can branch on
 * `error.code` (or `instanceof`) and show the figures the Phala App showed.
 */

/** Base class of every error the SDK throws or rejects with. */
export abstract class MiningError extends Error {
  /** Stable machine-readable identifier; never changes between releases. */
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Anything else that went wrong (e.g. an RPC failure while reading state); the original is the `cause`. */
export class UnexpectedError extends MiningError {
  readonly code = 'Unexpected' as const;
}
