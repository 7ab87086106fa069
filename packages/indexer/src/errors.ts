export type IndexerErrorCode =
  | 'INVALID_ARGUMENT'
  | 'DB_UNAVAILABLE'
  | 'MIGRATION_FAILED'
  | 'CONNECTION_FAILED'
  | 'STATE_PRUNED'
  | 'CHAIN_MISMATCH';

/** Every failure of the indexer, with a stable `code`. */
export class IndexerError extends Error {
  override readonly name = 'IndexerError';
  constructor(
    readonly code: IndexerErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
