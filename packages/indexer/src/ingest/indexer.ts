import { ChainMismatchError } from '../errors.js';
import type { Db } from '../store/schema.js';
import { BestBlocks } from './bestBlocks.js';
import type { ChainSource, FetchedBlock } from './chain.js';
import { extractBlock, type IndexState } from './extract.js';
import { loadCheckpoint, loadState, persistBatch } from './persist.js';
import { Prefetcher } from './prefetch.js';

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
  /**
   * While following live (not `untilHead`), also follow the node's BEST blocks above the database, in memory only
   * ({@link Indexer.pending}); default true.
   */
  followBest?: boolean;
}

/**
 * Follows a node's FINALIZED chain into the database. Blocks that are only best (not final) are never written, so
 * nothing ever needs a rollback; a resume starts after the checkpoint, which moves in the same transaction as rows.
 * While following live it also keeps the best blocks above the database in memory (`best`), replaced on a reorg.
 */
export class Indexer {
  constructor(
    private readonly db: Db,
    private readonly source: ChainSource,
    /** where the pending best blocks are kept (shared with the HTTP API by `openHistory`) */
    readonly best: BestBlocks = new BestBlocks(),
  ) {}

  async sync(options: SyncOptions = {}): Promise<{ block: number; rows: number }> {
    const batchSize = Math.max(1, options.batchSize ?? 100);
    const concurrency = Math.max(1, Math.min(options.concurrency ?? 8, batchSize));
    const checkpoint = await loadCheckpoint(this.db);
    if (checkpoint) {
      const onChain = await this.source.hashOf(checkpoint.number);
      if (onChain !== checkpoint.hash) {
        throw new ChainMismatchError(
          `the database was indexed from another chain: block #${checkpoint.number} is ${checkpoint.hash} there, ${onChain} here`,
        );
      }
    }
    let next = checkpoint ? checkpoint.number + 1 : Math.max(0, options.from ?? 0);
    let persisted: { number: number; hash: string } | undefined = checkpoint;
    const state: IndexState = await loadState(this.db);
    let head = await this.source.finalizedNumber();
    let wake: (() => void) | undefined;
    // one listener for the whole follow (not one per wait)
    const onAbort = () => wake?.();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const unsubscribe = await this.source.followFinalized((n) => {
      if (n > head) head = n;
      wake?.();
    });
    const followBest = !options.untilHead && options.followBest !== false;
    let bestHash: string | undefined;
    let bestSeen: string | undefined;
    const unsubscribeBest = followBest
      ? await this.source.followBest((hash) => {
          bestHash = hash;
          wake?.();
        })
      : () => undefined;
    const started = Date.now();
    const firstBlock = next;
    let rows = 0;
    // the next batch is read from the node while this one is extracted and written (one batch ahead at most)
    const prefetch = new Prefetcher((n) => this.source.fetch(n), next, head, concurrency, batchSize);
    try {
      for (;;) {
        if (options.signal?.aborted) break;
        if (next > head) {
          if (options.untilHead) break;
          // caught up with the finalized chain: bring the in-memory best blocks up to the node's best head
          const key = `${bestHash}@${persisted?.hash}`;
          if (bestHash !== undefined && key !== bestSeen) {
            bestSeen = key;
            try {
              await this.best.update(this.source, bestHash, persisted, state, head);
            } catch {
              // a best block the node already dropped (a reorg under our feet): the next head brings a new view;
              // the database, which only takes finalized blocks, is not concerned
              this.best.clear();
            }
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            if (options.signal?.aborted) resolve();
          });
          wake = undefined;
          continue;
        }
        const last = Math.min(head, next + batchSize - 1);
        prefetch.limit = head;
        const fetched: FetchedBlock[] = [];
        const extracted = [];
        for (let n = next; n <= last; n++) {
          const block = await prefetch.take(n);
          fetched.push(block);
          extracted.push({
            block,
            extracted: await extractBlock(block.events, state, this.source.reader(block.hash)),
          });
        }
        rows += await persistBatch(this.db, extracted, state);
        next = last + 1;
        const tip = fetched[fetched.length - 1]!;
        persisted = { number: tip.number, hash: tip.hash };
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
      unsubscribeBest();
      options.signal?.removeEventListener('abort', onAbort);
      // pending blocks are only known while following
      this.best.clear();
    }
    return { block: next - 1, rows };
  }
}
