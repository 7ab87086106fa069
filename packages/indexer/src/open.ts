import type { ApiPromise } from '@polkadot/api';
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
  close(): Promise<void>;
}

/** `const history = await openHistory({ db: './history.db' }); await history.sync('ws://…', { untilHead: true })` */
export async function openHistory(options: OpenHistoryOptions = {}): Promise<HistoryDb> {
  const opened = await openDb(options.db ?? './history.db', options.readonly ? { readonly: true } : {});
  const history = new History(opened.db) as HistoryDb;
  Object.assign(history, {
    dialect: opened.dialect,
    async sync(node: string | ApiPromise, syncOptions: SyncOptions = {}) {
      const source = typeof node === 'string' ? await ChainSource.connect(node) : ChainSource.fromApi(node);
      try {
        return await new Indexer(opened.db, source).sync(syncOptions);
      } finally {
        await source.close();
      }
    },
    close: () => opened.close(),
  });
  return history;
}
