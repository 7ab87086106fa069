import type { FetchedBlock } from './chain.js';
import { type BlockReader, type EntryRow, extractBlock, type IndexState } from './extract.js';

/** What the tracker needs from the node: headers and blocks by hash. */
export interface BestSource {
  header(hash: string): Promise<{ number: number; parentHash: string }>;
  fetchByHash(hash: string): Promise<FetchedBlock>;
  reader(hash: string): BlockReader;
}

/** A block above the database's last one, on the node's current best chain; held in memory only. */
export interface PendingBlock {
  number: number;
  hash: string;
  parentHash: string;
  timestamp: number;
  /** false while only best: a reorg may still replace it */
  finalized: boolean;
  entries: EntryRow[];
}

export interface PendingView {
  /** the last block in the database (finalized, persisted) */
  persisted: number | undefined;
  /** the best block the node reported last */
  best: number | undefined;
  /** persisted+1 … best, oldest first */
  blocks: PendingBlock[];
}

/** Copies the extractor's state: a pending block must never advance the state the database is written with. */
export function cloneState(state: IndexState): IndexState {
  return {
    pools: new Map([...state.pools].map(([k, v]) => [k, { ...v }])),
    stakers: new Map(state.stakers),
    miners: new Map([...state.miners].map(([k, v]) => [k, { ...v }])),
  };
}

interface Cached {
  block: Omit<PendingBlock, 'finalized'>;
  after: IndexState;
}

/**
 * Follows the node's best chain above the last persisted block, IN MEMORY. Each pending block is extracted with a
 * copy of the state after its parent (so a fork is extracted from its own ancestry); when the best head moves to
 * another fork, the blocks of the old one are dropped, and once the database catches up they are dropped too —
 * nothing of this is ever written, so a reorg never needs a rollback.
 */
export class BestBlocks {
  private cache = new Map<string, Cached>();
  private view: PendingView = { persisted: undefined, best: undefined, blocks: [] };

  /** The current pending blocks. */
  pending(): PendingView {
    return this.view;
  }

  /**
   * Recomputes the pending segment for the best head `bestHash` over the persisted base (its number, hash and the
   * state after it). `finalizedNumber` marks which pending blocks are final already (not yet persisted).
   */
  async update(
    source: BestSource,
    bestHash: string,
    base: { number: number; hash: string } | undefined,
    baseState: IndexState,
    finalizedNumber: number,
  ): Promise<PendingView> {
    const floor = base?.number ?? -1;
    // walk back from the best head to the base: the hashes of this fork, newest first
    const path: { hash: string; number: number; parentHash: string }[] = [];
    let hash = bestHash;
    for (;;) {
      const cached = this.cache.get(hash);
      const header = cached
        ? { number: cached.block.number, parentHash: cached.block.parentHash }
        : await source.header(hash);
      if (header.number <= floor) break;
      path.push({ hash, ...header });
      hash = header.parentHash;
    }
    path.reverse();
    const kept = new Map<string, Cached>();
    let state = cloneState(baseState);
    for (const step of path) {
      let entry = this.cache.get(step.hash);
      if (!entry) {
        const fetched = await source.fetchByHash(step.hash);
        const after = cloneState(state);
        const extracted = await extractBlock(fetched.events, after, source.reader(step.hash));
        entry = {
          block: {
            number: step.number,
            hash: step.hash,
            parentHash: step.parentHash,
            timestamp: fetched.timestamp,
            entries: extracted.entries,
          },
          after,
        };
      }
      kept.set(step.hash, entry);
      state = entry.after;
    }
    // blocks of abandoned forks and blocks now in the database are forgotten
    this.cache = kept;
    this.view = {
      persisted: base?.number,
      best: path.length > 0 ? path[path.length - 1]!.number : base?.number,
      blocks: path.map((p) => ({ ...kept.get(p.hash)!.block, finalized: p.number <= finalizedNumber })),
    };
    return this.view;
  }

  /** Forgets everything (the follow stopped: nothing pending is known any more). */
  clear(): void {
    this.cache.clear();
    this.view = { persisted: undefined, best: undefined, blocks: [] };
  }
}
