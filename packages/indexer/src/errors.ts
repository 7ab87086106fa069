/**
 * The indexer's errors belong to the SDK's one error family (@phala-mining/errors): a literal `name`, a PascalCase
 * `code` and a category base `instanceof` can test. A bad argument and a failed connection are the family's shared
 * classes; the rest are the indexer's own.
 */
import {
  CompatibilityError,
  ConnectionFailedError,
  InvalidArgumentError,
  TransportError,
} from '@phala-mining/errors';

export { ConnectionFailedError, InvalidArgumentError };

/** The database cannot be opened or reached (a SQLite file that cannot be opened, PostgreSQL not answering). */
export class DatabaseUnavailableError extends TransportError {
  override readonly name = 'DatabaseUnavailableError' as const;
  readonly code = 'DbUnavailable' as const;
}

/** The database could not be brought to the indexer's schema. */
export class MigrationFailedError extends CompatibilityError {
  override readonly name = 'MigrationFailedError' as const;
  readonly code = 'MigrationFailed' as const;
}

/** The node discarded the state of a block the indexer needs: index from an archive node. */
export class StatePrunedError extends CompatibilityError {
  override readonly name = 'StatePrunedError' as const;
  readonly code = 'StatePruned' as const;
}

/** The database was indexed from another chain (its checkpoint's block hash differs on this one). */
export class ChainMismatchError extends CompatibilityError {
  override readonly name = 'ChainMismatchError' as const;
  readonly code = 'ChainMismatch' as const;
}

/** Every class the indexer throws. */
export const INDEXER_ERROR_CLASSES = [
  InvalidArgumentError,
  DatabaseUnavailableError,
  MigrationFailedError,
  ConnectionFailedError,
  StatePrunedError,
  ChainMismatchError,
] as const;

/** Any failure of the indexer, as a union discriminated by `code`. */
export type IndexerError = InstanceType<(typeof INDEXER_ERROR_CLASSES)[number]>;

/** Every `code` an indexer error can carry. */
export type IndexerErrorCode = IndexerError['code'];

/** `error instanceof IndexerError` holds for an instance of any of {@link INDEXER_ERROR_CLASSES}. */
export const IndexerError: { [Symbol.hasInstance](value: unknown): value is IndexerError } = {
  [Symbol.hasInstance]: (value: unknown): value is IndexerError =>
    INDEXER_ERROR_CLASSES.some((errorClass) => value instanceof errorClass),
};
