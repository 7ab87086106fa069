export {
  ChainMismatchError,
  ConnectionFailedError,
  DatabaseUnavailableError,
  INDEXER_ERROR_CLASSES,
  IndexerError,
  type IndexerErrorCode,
  InvalidArgumentError,
  MigrationFailedError,
  StatePrunedError,
} from './errors.js';
export { type HistoryServer, type ServeOptions, serveHistory } from './http.js';
export { BestBlocks, type PendingBlock, type PendingView } from './ingest/bestBlocks.js';
export { ChainSource, type FetchedBlock } from './ingest/chain.js';
export type { ChainEvent, EntryRow, IndexState } from './ingest/extract.js';
export { Indexer, type SyncOptions, type SyncProgress } from './ingest/indexer.js';
export { type HistoryDb, type OpenHistoryOptions, openHistory, type PendingFilter } from './open.js';
export {
  type AprResult,
  CSV_COLUMNS,
  ENTRY_KINDS,
  type EntryKind,
  type EventsQuery,
  History,
  type HistoryEntry,
  type HistoryFilter,
  pha12,
  type RewardPoint,
  type RewardsQuery,
  type TimeBound,
} from './query/history.js';
export { type Dialect, type OpenedDb, openDb } from './store/open.js';
export { MIGRATIONS, type Schema } from './store/schema.js';
