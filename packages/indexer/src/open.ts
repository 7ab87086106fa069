import type { ApiPromise } from '@polkadot/api';
import { BestBlocks, type PendingView } from './ingest/bestBlocks.js';
import { ChainSource } from './ingest/chain.js';
import { Indexer, type SyncOptions } from './ingest/indexer.js';
import { History } from './query/history.js';
import { type Dialect, openDb } from './store/open.js';

export interface OpenHistoryOptions {
  /** SQLite file path (default ./history.db) or postgres://… */
  db?: string;
  readonly?: boolean;
}

/** A database plus the read API; `sync` ingests from a node. */
export interface HistoryDb extends History {
  readonly dialect: Dialect;
  /** indexes `endpoint` (a ws URL) or a ready ApiPromise until caught up (`untilHead`) or aborted */
  sync(node: string | ApiPromise, options?: SyncOptions): Promise<{ block: number; rows: number }>;
  /**
   * The blocks above the database on the node's best chain, while a live `sync` follows it: in memory only, never
   * written, replaced when the node switches forks. Entries are filtered like `events` (pool, worker, staker).
   */
  pending(filter?: PendingFilter): PendingView;
  close(): Promise<void>;
}

export interface PendingFilter {
  pool?: number;
  worker?: string;
  staker?: string;
}

/** Keeps the entries of each pending block that match the filter (every block stays: it is the chain's shape). */
export function filterPending(view: PendingView, filter: PendingFilter = {}): PendingView {
  return {
    ...view,
    blocks: view.blocks.map((b) => ({
      ...b,
      entries: b.entries.filter(
        (e) =>
          (filter.pool === undefined || e.pool === filter.pool) &&
          (filter.worker === undefined || e.worker === filter.worker) &&
          (filter.staker === undefined || e.account === filter.staker),
      ),
    })),
  };
}

/** `const history = await openHistory({ db: './history.db' }); await history.sync('ws://…', { untilHead: true })` */
export async function openHistory(options: OpenHistoryOptions = {}): Promise<HistoryDb> {
  const opened = await openDb(options.db ?? './history.db', options.readonly ? { readonly: true } : {});
  const history = new History(opened.db) as HistoryDb;
  const best = new BestBlocks();
  Object.assign(history, {
    dialect: opened.dialect,
    async sync(node: string | ApiPromise, syncOptions: SyncOptions = {}) {
      const source = typeof node === 'string' ? await ChainSource.connect(node) : ChainSource.fromApi(node);
      try {
        return await new Indexer(opened.db, source, best).sync(syncOptions);
      } finally {
        await source.close();
      }
    },
    pending: (filter?: PendingFilter) => filterPending(best.pending(), filter),
    close: () => opened.close(),
  });
  return history;
}
