import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';
import type { Runtime, StateReader } from '../runtime/interface.js';
import type { Hex } from '../scale/types.js';
import { type BlockRecord, Chain, type ChainSnapshot, DEFAULT_KEEP_STATES, toBlockState } from './chain.js';
import type { ChainDatabase } from './database.js';
import { DevControlError, ErrorCode } from './errors.js';
import { type BlockMode, BlockProducer, SLOT_MS } from './producer.js';
import { Signal } from './signal.js';
import { TxPool } from './txpool.js';
import type { PoolLimits, PoolSnapshot } from './txpoolTypes.js';

export interface DevNodeOptions {
  blockMode?: BlockMode;
  /** unix ms of the genesis block; default now, rounded down to a slot */
  genesisTimestamp?: number;
  keepStates?: number;
  /** longest wait between a client receiving `inBlock` and `finalized` when it never reads events (default 2000 ms; see FinalStatusGate) */
  finalizedStatusDelayMs?: number;
  /** the most blocks one `newBlock` call may build (default 10,000) */
  maxNewBlocks?: number;
  /** transaction pool limits (Substrate's defaults) */
  poolLimits?: Partial<PoolLimits>;
}

export interface NewBlockOptions {
  count?: number;
  /** build until the head has this number */
  to?: number;
  transactions?: Array<Hex | Uint8Array>;
}

/** A transaction given to `newBlock` that the block could not include. */
export interface RefusedTransaction {
  index: number;
  code: number;
  message: string;
  data?: unknown;
}

export const DEFAULT_FINALIZED_STATUS_DELAY_MS = 2000;

/**
 * One `dev_newBlock` builds at most this many blocks (about 33 hours of 12 s slots): a larger run is almost always
 * a mistake (`count: 1e9`), and use `dev_timeTravel` to jump in time.
 */
export const DEFAULT_MAX_NEW_BLOCKS = 10_000;

/** The latest instant `dev_timeTravel` accepts: 2100-01-01T00:00:00Z (later dates are a unit mistake). */
export const MAX_TIME_TRAVEL_MS = Date.UTC(2100, 0, 1);

/** Khala's pallet_timestamp MinimumPeriod: the least a block's time may advance over its parent's. */
export const MINIMUM_PERIOD_MS = 6_000;

interface NodeSnapshot {
  chain: ChainSnapshot;
  pool: PoolSnapshot;
  timeTravelTarget: number | undefined;
}

/** Why subscribers following the chain must start over (the head moved to a block that is not a descendant). */
export type ResetReason = 'setHead' | 'revert';

/**
 * The dev chain without its transport: the block store, the pool and the producer, plus the dev controls. RPC
 * method modules read from it and listen to its signals.
 */
export class DevNode {
  readonly chain: Chain;
  readonly pool: TxPool;
  readonly producer: BlockProducer;
  /** a block was added (always as the new head) */
  readonly onNewBlock = new Signal<BlockRecord>();
  /** the best block changed (new block or setHead/revert) */
  readonly onNewHead = new Signal<BlockRecord>();
  readonly onFinalized = new Signal<BlockRecord>();
  /** the head moved somewhere that is not a child of the previous head */
  readonly onReset = new Signal<ResetReason>();
  private readonly snapshots = new Map<string, NodeSnapshot>();
  readonly maxNewBlocks: number;
  private nextSnapshotId = 1;
  private closed = false;
  /** set by `stopRuns()`: a shutdown is saving; a long dev_newBlock run must end rather than make it wait */
  private stopping = false;
  private database: ChainDatabase | undefined;

  constructor(
    readonly runtime: Runtime,
    options: DevNodeOptions = {},
  ) {
    const built = runtime.genesisBlock();
    const genesisTimestamp =
      genesisNow(built.state) ?? options.genesisTimestamp ?? Math.floor(Date.now() / SLOT_MS) * SLOT_MS;
    this.chain = new Chain(
      {
        hash: built.hash.toLowerCase() as Hex,
        number: 0,
        parentHash: built.header.parentHash,
        header: built.header,
        encodedHeader: built.encodedHeader,
        extrinsics: built.extrinsics,
        timestamp: genesisTimestamp,
        state: toBlockState(built.state),
      },
      options.keepStates ?? DEFAULT_KEEP_STATES,
    );
    this.pool = new TxPool(
      runtime,
      () => {
        const head = this.chain.head;
        return { state: this.chain.stateAt(head.hash), number: head.number, hash: head.hash };
      },
      options.finalizedStatusDelayMs ?? DEFAULT_FINALIZED_STATUS_DELAY_MS,
      options.poolLimits,
    );
    this.maxNewBlocks = options.maxNewBlocks ?? DEFAULT_MAX_NEW_BLOCKS;
    this.producer = new BlockProducer(runtime, this.chain, this.pool, options.blockMode);
    this.producer.onBlock.subscribe((block) => {
      this.onNewBlock.emit(block);
      this.onNewHead.emit(block);
      this.onFinalized.emit(block);
    });
  }

  get head(): BlockRecord {
    return this.chain.head;
  }

  /**
   * From now on every block is committed to `db` before it is imported or announced, and every change of the
   * canonical chain (setHead, revert) right after it happens.
   */
  attachDatabase(db: ChainDatabase): void {
    this.database = db;
    this.producer.commit = (block, parentState, remaining) =>
      db.commitBlock(block, parentState, remaining, undefined);
  }

  /** The canonical chain moved without a new block: the database follows before anyone hears of it. */
  private persistCanonical(): void {
    this.database?.commitCanonical(
      this.chain.canonicalHashes(),
      this.pool.all().map((tx) => tx.bytes),
      this.producer.timeTravelTarget,
      (hash) => this.chain.byHash(hash),
    );
  }

  /**
   * Builds `count` blocks (or up to number `to`); returns the last one (the head if none was built). A long run
   * yields to the event loop between blocks, so RPC calls are still answered and a shutdown stops it.
   */
  async newBlock(options: NewBlockOptions = {}): Promise<BlockRecord> {
    this.assertOpen();
    const transactions = (options.transactions ?? []).map((t) => (typeof t === 'string' ? hexToU8a(t) : t));
    const requested = (head: number) =>
      options.to !== undefined ? Math.max(0, options.to - head) : (options.count ?? 1);
    const checkCount = (count: number) => {
      if (count > this.maxNewBlocks) {
        throw new DevControlError(
          `cannot build ${count} blocks in one call: at most ${this.maxNewBlocks} (use dev_timeTravel to move time forward, or call again)`,
        );
      }
    };
    checkCount(requested(this.chain.head.number));
    return this.producer.enqueue(async () => {
      const count = requested(this.chain.head.number);
      checkCount(count);
      // refused before anything is built: a bad transaction costs the caller nothing
      const refused = refusals(transactions, (bytes) => this.pool.check(bytes));
      if (refused.length) {
        throw new DevControlError(
          `dev_newBlock: ${refused.length} of ${transactions.length} transactions refused; no block was built`,
          refused,
        );
      }
      let last = this.chain.head;
      let rejected: Array<{ extrinsic: Uint8Array; reason: string }> = [];
      for (let i = 0; i < count && !this.closed && !this.stopping; i++) {
        last = this.producer.buildNow(
          i === 0 ? { transactions, onRejected: (list) => (rejected = list) } : {},
        );
        if (i + 1 < count) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      // valid against the head but not includable in order (e.g. a nonce gap among them): the blocks stand
      const dropped = transactions
        .map((bytes, index) => ({ index, entry: rejected.find((r) => sameBytes(r.extrinsic, bytes)) }))
        .filter((x) => x.entry);
      if (dropped.length) {
        throw new DevControlError(
          `dev_newBlock: block ${last.hash} was built without ${dropped.length} of the given transactions`,
          dropped.map(({ index, entry }) => ({
            index,
            code: ErrorCode.InvalidTransaction,
            message: 'Invalid Transaction',
            data: entry!.reason,
          })),
        );
      }
      return last;
    });
  }

  /**
   * Sets the timestamp of the next block; returns it. Only forward: pallet_timestamp refuses a block less than
   * its minimum period after the previous one (use setHead/revert to go back).
   */
  timeTravel(target: number | string | Date): number {
    const ms =
      typeof target === 'number'
        ? target
        : typeof target === 'string'
          ? Date.parse(target)
          : target.getTime();
    if (Number.isNaN(ms)) {
      throw new DevControlError(
        `cannot time travel to ${JSON.stringify(target)}: not a date (give unix milliseconds or an ISO-8601 date)`,
      );
    }
    if (!Number.isInteger(ms) || ms < 0) {
      throw new DevControlError(
        `cannot time travel to ${String(target)}: expected a non-negative whole number of unix milliseconds`,
      );
    }
    if (ms > MAX_TIME_TRAVEL_MS) {
      throw new DevControlError(
        `cannot time travel to ${String(target)}: after 2100-01-01 (is it seconds or microseconds instead of milliseconds?)`,
      );
    }
    const earliest = this.chain.head.timestamp + MINIMUM_PERIOD_MS;
    if (ms < earliest) {
      throw new DevControlError(
        `cannot time travel to ${new Date(ms).toISOString()}: the next block must be at or after ${new Date(earliest).toISOString()} (pallet_timestamp needs ${MINIMUM_PERIOD_MS / 1000} s over the head's time; use dev_setHead or dev_revert to go back)`,
      );
    }
    this.producer.timeTravelTarget = ms;
    this.database?.commitPool(
      this.pool.all().map((tx) => tx.bytes),
      ms,
    );
    return ms;
  }

  /** Writes raw storage in a new block on top of the head; returns that block. */
  setStorage(changes: Iterable<[Hex, Hex | Uint8Array | null]>): Promise<BlockRecord> {
    this.assertOpen();
    const map = new Map<Hex, Uint8Array | null>();
    for (const [key, value] of changes) {
      map.set(
        key.toLowerCase() as Hex,
        value === null ? null : typeof value === 'string' ? hexToU8a(value) : value,
      );
    }
    return this.producer.build({ storage: map, includePool: false });
  }

  setBlockMode(mode: BlockMode): void {
    this.producer.setMode(mode);
  }

  /** Makes an earlier canonical block (by number) or any known block (by hash) the head. */
  setHead(target: Hex | number): Promise<BlockRecord> {
    return this.producer.enqueue(() => {
      const previous = this.chain.head;
      const head = this.chain.setHead(target);
      if (head.hash === previous.hash) return head;
      this.pool.clearBans();
      this.pool.revalidate();
      this.persistCanonical();
      this.onReset.emit('setHead');
      this.onNewHead.emit(head);
      this.onFinalized.emit(head);
      return head;
    });
  }

  /** Captures chain, pool and pending time travel; returns an id for `revert`. */
  snapshot(): Promise<string> {
    return this.producer.enqueue(() => {
      const id = `0x${(this.nextSnapshotId++).toString(16)}`;
      this.snapshots.set(id, {
        chain: this.chain.snapshot(),
        pool: this.pool.snapshot(),
        timeTravelTarget: this.producer.timeTravelTarget,
      });
      return id;
    });
  }

  /** Restores a snapshot; it and every later snapshot are consumed (as in Hardhat's evm_revert). */
  revert(id: string): Promise<boolean> {
    return this.producer.enqueue(() => {
      const snap = this.snapshots.get(id);
      if (!snap) return false;
      const order = [...this.snapshots.keys()];
      for (const later of order.slice(order.indexOf(id))) this.snapshots.delete(later);
      this.chain.restore(snap.chain);
      this.producer.timeTravelTarget = snap.timeTravelTarget;
      this.pool.clearBans();
      this.pool.restore(snap.pool);
      this.persistCanonical();
      this.onReset.emit('revert');
      this.onNewHead.emit(this.chain.head);
      this.onFinalized.emit(this.chain.head);
      return true;
    });
  }

  /** Replaces the whole chain (state file restore). */
  load(snapshot: ChainSnapshot, pool: PoolSnapshot, timeTravelTarget: number | undefined): void {
    this.chain.restore(snapshot);
    this.producer.timeTravelTarget = timeTravelTarget;
    this.pool.restore(pool);
  }

  /**
   * Ends a running dev_newBlock run after the block it is building. A shutdown calls this before saving: the save
   * queues behind the run, which would otherwise build all its blocks (minutes for 100,000) first.
   */
  stopRuns(): void {
    this.stopping = true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.producer.close();
    await this.producer.idle();
    if (this.database) {
      this.database.commitPool(
        this.pool.all().map((tx) => tx.bytes),
        this.producer.timeTravelTarget,
      );
      this.database.close();
    }
    this.pool.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new DevControlError('the dev chain is closed');
  }
}

/** FRAME's `Timestamp.Now` key: twox128("Timestamp") ++ twox128("Now"). */
const TIMESTAMP_NOW_KEY = u8aToHex(u8aConcat(xxhashAsU8a('Timestamp', 128), xxhashAsU8a('Now', 128))) as Hex;

/**
 * The genesis time a runtime wrote into its genesis state, if it has pallet_timestamp. It wins over the option:
 * the first block's time must follow it by at least the minimum period.
 */
function genesisNow(state: StateReader): number | undefined {
  const raw = state.get(TIMESTAMP_NOW_KEY);
  if (raw?.length !== 8) return undefined;
  const ms = Number(new DataView(raw.buffer, raw.byteOffset, 8).getBigUint64(0, true));
  return ms > 0 ? ms : undefined;
}

function refusals(
  transactions: Uint8Array[],
  check: (bytes: Uint8Array) => { toJSON(): object } | undefined,
): RefusedTransaction[] {
  const out: RefusedTransaction[] = [];
  transactions.forEach((bytes, index) => {
    const error = check(bytes);
    if (error) out.push({ index, ...(error.toJSON() as Omit<RefusedTransaction, 'index'>) });
  });
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
