/**
 * The root of every SDK error and its categories, shared by every package (core, react, cli, testing, the dev chain,
 * the indexer), so one `instanceof` test holds whichever package threw. Each concrete class has a stable PascalCase
 * `code` and the numbers behind the decision, so callers can branch on `error.code`, on `instanceof` a class, or on
 * `instanceof` a category.
 *
 * Every class spells out its own `name` as a string literal: a minifier renames classes, so a name taken from
 * `new.target.name` would read `kI` in a production bundle.
 */

/** What kind of failure an error is; every category has a base class of its own. */
export type MiningErrorCategory =
  | 'input'
  | 'rule'
  | 'chain'
  | 'transport'
  | 'compatibility'
  | 'signer'
  | 'aborted'
  | 'unexpected';

/** Base class of every error the SDK's packages (and the packages built on them) throw or reject with. */
export abstract class MiningError extends Error {
  /** The class's name as a literal, so it survives minification. */
  abstract override readonly name: string;
  /** Stable machine-readable identifier; never changes between releases. */
  abstract readonly code: string;
  /** The category, one base class each: `error instanceof RuleError` ⇔ `error.category === 'rule'`. */
  abstract readonly category: MiningErrorCategory;
}

/** Malformed input (an amount, address, key, pool id, percentage, …): refused before any chain state is read. */
export abstract class InputError extends MiningError {
  override readonly category = 'input' as const;
}

/** A rule of the operation is broken by the chain's current state; refused before signing. */
export abstract class RuleError extends MiningError {
  override readonly category = 'rule' as const;
}

/** The chain refused or failed the transaction: a pallet or dispatch error, rejected by the node, or expired. */
export abstract class ChainError extends MiningError {
  override readonly category = 'chain' as const;
}

/** The node could not be reached, did not answer in time, or the client was closed. */
export abstract class TransportError extends MiningError {
  override readonly category = 'transport' as const;
}

/** The connected runtime is not one the SDK supports (no stake pool v1, or an unknown storage layout). */
export abstract class CompatibilityError extends MiningError {
  override readonly category = 'compatibility' as const;
}

/** No usable signer: no key, no wallet account, or the wallet refused access. */
export abstract class SignerError extends MiningError {
  override readonly category = 'signer' as const;
}

/** The operation was cancelled (superseded, interrupted) before anything was signed or sent. */
export abstract class AbortedError extends MiningError {
  override readonly category = 'aborted' as const;
}

/** Anything else that went wrong (e.g. an RPC failure while reading state); the original is the `cause`. */
export class UnexpectedError extends MiningError {
  override readonly name = 'UnexpectedError' as const;
  readonly code = 'Unexpected' as const;
  override readonly category = 'unexpected' as const;
}

/** The category base classes, for code that walks the family (the CLI's exit codes, tests). */
export const MINING_ERROR_CATEGORIES = [
  InputError,
  RuleError,
  ChainError,
  TransportError,
  CompatibilityError,
  SignerError,
  AbortedError,
] as const;
