import { IndexerError } from '../errors.js';
import type { Db } from '../store/schema.js';
import type { ChainSource, FetchedBlock } from './chain.js';
import { extractBlock, type IndexState } from './extract.js';
import { loadCheckpoint, loadState, persistBatch } from './persist.js';

export interface SyncProgress {
  /** last persisted block */
  block: number;
  /** finalized head the backfill is heading for */
  target: number;
  rows: number;
  blocksPerSecond: number;
  /** seconds left at the current rate, undefined before a rate is known */
  etaSeconds: number | undefined;
}

export interface SyncOptions {
  /** first block to index when the database is empty (default 0); ignored on resume */
  from?: number;
  /** stop once the finalized head at start-up (and any that arrived meanwhile) is indexed; default false: follow live */
  untilHead?: boolean;
  /** blocks per DB transaction (default 100) */
  batchSize?: number;
  /** blocks fetched from the node at once (default 8) */
  concurrency?: number;
  onProgress?: (p: SyncProgress) => void;
  /** aborts a live follow (or a backfill, between batches) */
  signal?: AbortSignal;
}

/**
 * Follows a node's FINALIZED chain into the database. Blocks that are only best (not final) are never written, so
 * nothing ever needs a rollback; a resume starts after the checkpoint, which moves in the same transaction as rows.
 */
export class Indexer {
  constructor(
    private readonly db: Db,
    private readonly source: ChainSource,
  ) {}

  async sync(options: SyncOptions = {}): Promise<{ block: number; rows: number }> {
    const batchSize = Math.max(1, options.batchSize ?? 100);
    const concurrency = Math.max(1, Math.min(options.concurrency ?? 8, batchSize));
    const checkpoint = await loadCheckpoint(this.db);
    if (checkpoint) {
      const onChain = await this.source.hashOf(checkpoint.number);
      if (onChain !== checkpoint.hash) {
        throw new IndexerError(
          'CHAIN_MISMATCH',
          `the database was indexed from another chain: block #${checkpoint.number} is ${checkpoint.hash} there, ${onChain} here`,
        );
      }
    }
    let next = checkpoint ? checkpoint.number + 1 : Math.max(0, options.from ?? 0);
    const state: IndexState = await loadState(this.db);
    let head = await this.source.finalizedNumber();
    let wake: (() => void) | undefined;
    const unsubscribe = await this.source.followFinalized((n) => {
      if (n > head) head = n;
      wake?.();
    });
    const started = Date.now();
    const firstBlock = next;
    let rows = 0;
    try {
      for (;;) {
        if (options.signal?.aborted) break;
        if (next > head) {
          if (options.untilHead) break;
          await new Promise<void>((resolve) => {
            wake = resolve;
            options.signal?.addEventListener('abort', () => resolve(), { once: true });
          });
          wake = undefined;
          continue;
        }
        const last = Math.min(head, next + batchSize - 1);
        const fetched = await this.fetchRange(next, last, concurrency);
        const extracted = [];
        for (const block of fetched) {
          extracted.push({
            block,
            extracted: await extractBlock(block.events, state, this.source.reader(block.hash)),
          });
        }
        rows += await persistBatch(this.db, extracted, state);
        next = last + 1;
        const elapsed = (Date.now() - started) / 1000;
        const rate = elapsed > 0 ? (next - firstBlock) / elapsed : 0;
        options.onProgress?.({
          block: last,
          target: head,
          rows,
          blocksPerSecond: rate,
          etaSeconds: rate > 0 ? (head - last) / rate : undefined,
        });
      }
    } finally {
      unsubscribe();
    }
    return { block: next - 1, rows };
  }

  /** Fetches [from, to] with at most `concurrency` requests in flight, in block order. */
  private async fetchRange(from: number, to: number, concurrency: number): Promise<FetchedBlock[]> {
    const out: FetchedBlock[] = new Array(to - from + 1);
    let cursor = from;
    const worker = async () => {
      while (cursor <= to) {
        const n = cursor++;
        out[n - from] = await this.source.fetch(n);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return out;
  }
}
