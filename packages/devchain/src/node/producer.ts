import type { BuiltBlock, Runtime } from '../runtime/interface.js';
import type { BlockState } from '../runtime/state.js';
import type { Hex } from '../scale/types.js';
import { type BlockRecord, type Chain, toBlockState } from './chain.js';
import { Signal } from './signal.js';
import type { TxPool } from './txpool.js';
import { extrinsicHash } from './txpoolTypes.js';

/** Khala's slot: `MinimumPeriod` × 2 = 12 s between block timestamps. */
export const SLOT_MS = 12_000;

export type BlockMode =
  | { mode: 'instant' }
  /** chopsticks' "Batch": wait a moment after a transaction arrives so several land in one block */
  | { mode: 'batch'; delayMs: number }
  | { mode: 'interval'; intervalMs: number }
  | { mode: 'manual' };

export interface BuildRequest {
  /** extra extrinsics applied after the pool's (dev_newBlock `transactions`) */
  transactions?: Uint8Array[];
  /** storage written on top of the parent state before the block executes (dev_setStorage) */
  storage?: Map<Hex, Uint8Array | null>;
  /** false builds without pool transactions */
  includePool?: boolean;
  /** told which extrinsics the runtime could not include, and why */
  onRejected?: (rejected: BuiltBlock['rejected']) => void;
}

/**
 * Builds blocks one at a time. Every chain mutation (build, setHead, revert) goes through `enqueue` so a timer
 * firing during an RPC-driven build cannot interleave with it.
 */
export class BlockProducer {
  readonly onBlock = new Signal<BlockRecord>();
  /** the timestamp the next block carries; afterwards blocks continue one slot apart from it */
  timeTravelTarget: number | undefined;
  /**
   * Makes a built block durable before anything else happens: it runs before the block is imported, so a
   * failure (disk full) leaves the chain as it was, and before any watcher or subscriber hears of the block.
   */
  commit: ((block: BlockRecord, parentState: BlockState, remainingPool: Uint8Array[]) => void) | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private currentMode: BlockMode = { mode: 'instant' };
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly runtime: Runtime,
    private readonly chain: Chain,
    private readonly pool: TxPool,
    mode: BlockMode = { mode: 'instant' },
  ) {
    this.unsubscribe = pool.onReady.subscribe(() => this.onTransaction());
    this.setMode(mode);
  }

  get mode(): BlockMode {
    return this.currentMode;
  }

  setMode(mode: BlockMode): void {
    this.clearTimer();
    this.currentMode = mode;
    if (this.closed) return;
    if (mode.mode === 'interval') this.armInterval(mode.intervalMs);
    else if (mode.mode !== 'manual' && this.pool.ready().length) this.onTransaction();
  }

  /** Runs `task` after every chain mutation queued before it. */
  enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once everything queued so far has run. */
  idle(): Promise<void> {
    return this.enqueue(() => undefined);
  }

  build(request: BuildRequest = {}): Promise<BlockRecord> {
    return this.enqueue(() => this.buildNow(request));
  }

  nextTimestamp(parent: BlockRecord): number {
    return this.timeTravelTarget ?? parent.timestamp + SLOT_MS;
  }

  close(): void {
    this.closed = true;
    this.clearTimer();
    this.unsubscribe();
  }

  /** Synchronous build; only for tasks already running inside `enqueue`. */
  buildNow(request: BuildRequest): BlockRecord {
    const parent = this.chain.head;
    const chainParentState = this.chain.stateAt(parent.hash);
    let parentState = chainParentState;
    if (request.storage?.size) parentState = parentState.apply(request.storage);
    const fromPool = request.includePool === false ? [] : this.pool.ready().map((tx) => tx.bytes);
    const extrinsics = fromPool.concat(request.transactions ?? []);
    const timestamp = this.nextTimestamp(parent);
    const built = this.runtime.buildBlock(parentState, {
      parentHash: parent.hash,
      number: parent.number + 1,
      timestamp,
      extrinsics,
    });
    const record: BlockRecord = {
      hash: built.hash.toLowerCase() as Hex,
      number: built.header.number,
      parentHash: built.header.parentHash.toLowerCase() as Hex,
      header: built.header,
      encodedHeader: built.encodedHeader,
      extrinsics: built.extrinsics,
      timestamp,
      state: toBlockState(built.state),
    };
    if (this.commit) {
      const included = new Set(built.extrinsics.map((x) => extrinsicHash(x)));
      const rejected = new Set(built.rejected.map((r) => extrinsicHash(r.extrinsic)));
      const remaining = this.pool
        .all()
        .filter((tx) => !included.has(tx.hash) && !rejected.has(tx.hash))
        .map((tx) => tx.bytes);
      this.commit(record, chainParentState, remaining);
    }
    this.chain.import(record);
    this.timeTravelTarget = undefined;
    this.pool.onBlock(record.hash, built.extrinsics, built.rejected);
    if (built.rejected.length) request.onRejected?.(built.rejected);
    this.onBlock.emit(record);
    return record;
  }

  private onTransaction(): void {
    const { mode } = this.currentMode;
    if (this.closed || this.scheduled || mode === 'manual' || mode === 'interval') return;
    this.scheduled = true;
    // a macrotask, so the RPC reply (and "ready") for the submission goes out before the block's statuses
    const fire = () => {
      this.timer = undefined;
      this.enqueue(() => {
        this.scheduled = false;
        if (this.closed || this.pool.ready().length === 0) return;
        if (this.currentMode.mode !== 'instant' && this.currentMode.mode !== 'batch') return;
        this.buildNow({});
      }).catch((error) => console.error('[phala-devchain] block production failed', error));
    };
    if (mode === 'batch')
      this.timer = setTimeout(fire, this.currentMode.mode === 'batch' ? this.currentMode.delayMs : 0);
    else setImmediate(fire);
  }

  private armInterval(ms: number): void {
    const tick = () => {
      this.timer = undefined;
      this.enqueue(() => {
        if (!this.closed && this.currentMode.mode === 'interval') this.buildNow({});
      })
        .catch((error) => console.error('[phala-devchain] block production failed', error))
        .finally(() => {
          if (
            !this.closed &&
            this.currentMode.mode === 'interval' &&
            this.currentMode.intervalMs === ms &&
            !this.timer
          ) {
            this.timer = setTimeout(tick, ms);
          }
        });
    };
    this.timer = setTimeout(tick, ms);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.scheduled = false;
  }
}
