import type { HeaderFields, StateReader } from '../runtime/interface.js';
import { BlockState } from '../runtime/state.js';
import type { Hex } from '../scale/types.js';
import { StateUnavailableError } from './errors.js';

export interface BlockRecord {
  readonly hash: Hex;
  readonly number: number;
  readonly parentHash: Hex;
  readonly header: HeaderFields;
  readonly encodedHeader: Uint8Array;
  readonly extrinsics: readonly Uint8Array[];
  /** unix ms carried by the block's timestamp inherent (for genesis: the configured genesis time) */
  readonly timestamp: number;
  /** `undefined` once pruned (or when the block was restored from a state file without its state) */
  state: BlockState | undefined;
}

export interface ChainSnapshot {
  readonly blocks: ReadonlyArray<BlockRecord>;
  readonly canonical: readonly Hex[];
  /**
   * Where the blocks not among `blocks` are read when asked for, without their state: a `--db` chain restored
   * with only its recent blocks in memory (its restart then costs the same at any length).
   */
  readonly archive?: (hash: Hex) => BlockRecord | undefined;
}

export const DEFAULT_KEEP_STATES = 256;

/** Runtimes may hand back any reader; pruning and dev_setStorage need the layered BlockState. */
export function toBlockState(reader: StateReader): BlockState {
  if (reader instanceof BlockState) return reader;
  return BlockState.fromEntries(reader.keys('0x').map((key) => [key, reader.get(key)!]));
}

/**
 * The block store. Blocks are only ever built on the head, so the canonical chain is a list indexed by number;
 * `setHead` may move the head back (later blocks stay known by hash) or onto a non-canonical branch.
 * Finality is immediate: the finalized block is always the head.
 */
export class Chain {
  private readonly blocks = new Map<Hex, BlockRecord>();
  private canonical: Hex[] = [];
  /** blocks still holding a state, so pruning does not walk the whole history */
  private readonly stateful = new Set<BlockRecord>();
  private archive: ChainSnapshot['archive'];

  constructor(
    genesis: BlockRecord,
    private readonly keepStates = DEFAULT_KEEP_STATES,
  ) {
    if (genesis.number !== 0) throw new RangeError('genesis must be block 0');
    if (!genesis.state) throw new RangeError('genesis needs its state');
    this.blocks.set(genesis.hash, genesis);
    this.canonical.push(genesis.hash);
  }

  get genesis(): BlockRecord {
    return this.get(this.canonical[0]!)!;
  }

  get head(): BlockRecord {
    return this.get(this.canonical[this.canonical.length - 1]!)!;
  }

  private get(hash: Hex): BlockRecord | undefined {
    return this.blocks.get(hash) ?? this.archive?.(hash);
  }

  get finalized(): BlockRecord {
    return this.head;
  }

  get keep(): number {
    return this.keepStates;
  }

  byHash(hash: Hex): BlockRecord | undefined {
    return this.get(hash.toLowerCase() as Hex);
  }

  byNumber(number: number): BlockRecord | undefined {
    const hash = this.canonical[number];
    return hash === undefined ? undefined : this.get(hash);
  }

  isCanonical(hash: Hex): boolean {
    const block = this.byHash(hash);
    return !!block && this.canonical[block.number] === block.hash;
  }

  /** All blocks held in memory (all known ones unless restored with an archive), in insertion order. */
  all(): BlockRecord[] {
    return [...this.blocks.values()];
  }

  canonicalHashes(): readonly Hex[] {
    return this.canonical;
  }

  /** The state of a block, or an error naming why it is not available. */
  stateAt(hash: Hex): BlockState {
    const block = this.byHash(hash);
    if (!block)
      throw new StateUnavailableError(`UnknownBlock: Header was not found in the database: ${hash}`);
    if (!block.state) throw new StateUnavailableError(`State already discarded for ${block.hash}`);
    return block.state;
  }

  /** Adds a block built on the current head and makes it the head. */
  import(block: BlockRecord): void {
    const head = this.head;
    if (block.parentHash !== head.hash || block.number !== head.number + 1) {
      throw new RangeError(`block ${block.hash} does not extend the head ${head.hash}`);
    }
    if (!block.state) throw new RangeError('a new head needs its state');
    this.blocks.set(block.hash, block);
    this.stateful.add(block);
    this.canonical.push(block.hash);
    this.prune();
  }

  /**
   * Moves the head to `target` (a canonical number, or the hash of any known block whose state is kept).
   * Returns the new head.
   */
  setHead(target: Hex | number): BlockRecord {
    const block = typeof target === 'number' ? this.byNumber(target) : this.byHash(target);
    if (!block) throw new StateUnavailableError(`UnknownBlock: ${String(target)}`);
    if (!block.state) throw new StateUnavailableError(`State already discarded for ${block.hash}`);
    const route: Hex[] = [];
    let cursor: BlockRecord | undefined = block;
    while (cursor && this.canonical[cursor.number] !== cursor.hash) {
      route.push(cursor.hash);
      cursor = this.get(cursor.parentHash);
    }
    if (!cursor) throw new StateUnavailableError(`block ${block.hash} is not connected to the chain`);
    this.canonical = this.canonical.slice(0, cursor.number + 1).concat(route.reverse());
    return block;
  }

  snapshot(): ChainSnapshot {
    return {
      blocks: this.all().map((b) => ({ ...b })),
      canonical: [...this.canonical],
      ...(this.archive ? { archive: this.archive } : {}),
    };
  }

  restore(snapshot: ChainSnapshot): void {
    this.blocks.clear();
    this.stateful.clear();
    for (const snap of snapshot.blocks) {
      const block = { ...snap };
      this.blocks.set(block.hash, block);
      if (block.state && block.number > 0) this.stateful.add(block);
    }
    this.canonical = [...snapshot.canonical];
    this.archive = snapshot.archive;
  }

  private prune(): void {
    const floor = this.head.number - this.keepStates;
    if (floor <= 0) return;
    // genesis state is never in `stateful`: it answers "what did the chain start with" queries
    for (const block of this.stateful) {
      if (block.number < floor) {
        block.state = undefined;
        this.stateful.delete(block);
      }
    }
  }
}
