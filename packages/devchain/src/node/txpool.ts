import type { Runtime, ValidTransaction } from '../runtime/interface.js';
import type { Hex } from '../scale/types.js';
import { ErrorCode, PoolRejectedError } from './errors.js';
import { FinalStatusGate, type StatusReader } from './finalStatus.js';
import { admitTransaction, buildMembership, type Membership } from './poolMembership.js';
import { rejection } from './poolRejection.js';
import { ReadyHeap } from './readyHeap.js';
import { Signal } from './signal.js';
import { checkOpaqueFormat } from './txFormat.js';
import {
  DEFAULT_POOL_LIMITS,
  extrinsicHash,
  PoolEntry,
  type PoolHead,
  type PoolLimits,
  type PoolSnapshot,
  type PoolTransaction,
  type TxStatus,
} from './txpoolTypes.js';

/** Substrate's default ban time for an included transaction sent again. */
const BAN_MS = 30 * 60 * 1000;
const MAX_BANNED = 65_536;

/**
 * Validates and holds transactions until a block includes them. Ordering follows Substrate's ready queue: a
 * transaction is ready when every tag it `requires` is provided by a transaction ahead of it; among ready ones,
 * higher priority first, then arrival order. Transactions with unmet tags (future nonces) wait.
 */
export class TxPool {
  private readonly txs = new Map<Hex, PoolTransaction>();
  private readonly watchers = new Map<Hex, Set<(status: TxStatus) => void>>();
  /** who reads on behalf of each watcher (its connection), to gate `finalized` on that reader's event reads */
  private readonly readers = new WeakMap<(status: TxStatus) => void, StatusReader>();
  private nextSeq = 0;
  /** a transaction entered the pool as ready (producers in instant mode listen) */
  readonly onReady = new Signal<PoolTransaction>();

  /**
   * When watchers hear `finalized` (see FinalStatusGate): `finalizedDelayMs` is the longest a client that has
   * received `inBlock` but never reads the block's events waits for it.
   */
  private readonly finals: FinalStatusGate;

  readonly limits: PoolLimits;
  /**
   * Recently included transactions, refused if sent again (`1012`), as Substrate bans them for 30 minutes: the
   * same bytes are a replay, not a new transaction. Cleared when the chain is moved back (setHead, revert).
   */
  private readonly banned = new Map<Hex, number>();
  /** the pool's order as last computed; undefined when a change may have altered it */
  private readyCache: PoolTransaction[] | undefined;
  /**
   * Which transactions are ready and the tags they provide, kept up to date as submissions arrive (a submission
   * only ever adds to the ready set), so that admitting a transaction costs O(its tags + waiting futures), not a
   * rebuild of the whole order; undefined after a removal, rebuilt from `ready()` when next needed.
   */
  private membership: Membership | undefined;
  /** false after a removal: some statuses may be stale until the next full `refreshStatuses` */
  private statusesInSync = true;
  /** pool transactions by provided tag, for the replacement check at submission */
  private readonly providers = new Map<Hex, Set<PoolTransaction>>();

  constructor(
    private readonly runtime: Runtime,
    private readonly head: () => PoolHead,
    finalizedDelayMs = 0,
    limits: Partial<PoolLimits> = {},
  ) {
    this.limits = { ...DEFAULT_POOL_LIMITS, ...limits };
    this.finals = new FinalStatusGate(finalizedDelayMs);
  }

  get size(): number {
    return this.txs.size;
  }

  get(hash: Hex): PoolTransaction | undefined {
    return this.txs.get(hash);
  }

  /** All transactions: ready ones in inclusion order, then future ones in arrival order. */
  all(): PoolTransaction[] {
    const ready = this.ready();
    const readySet = new Set(ready);
    return ready.concat(
      [...this.txs.values()].filter((tx) => !readySet.has(tx)).sort((a, b) => a.seq - b.seq),
    );
  }

  /**
   * Ready transactions in the order a block should apply them: repeatedly the best (priority, then arrival)
   * transaction whose required tags are all provided by those taken before it. Kept in a heap keyed on that
   * order and unlocked through a tag index, so thousands of waiting future-nonce transactions cost
   * O(n log n) per call instead of a rescan per pick.
   */
  ready(): PoolTransaction[] {
    if (this.readyCache) return this.readyCache;
    const waitingOn = new Map<Hex, PoolTransaction[]>();
    const missing = new Map<PoolTransaction, number>();
    const heap = new ReadyHeap<PoolTransaction>();
    const provided = new Set<Hex>();
    for (const tx of this.txs.values()) {
      let unmet = 0;
      for (const tag of new Set(tx.validity.requires)) {
        unmet++;
        const list = waitingOn.get(tag);
        if (list) list.push(tx);
        else waitingOn.set(tag, [tx]);
      }
      missing.set(tx, unmet);
      if (unmet === 0) heap.push(tx);
    }
    const out: PoolTransaction[] = [];
    for (let tx = heap.pop(); tx; tx = heap.pop()) {
      out.push(tx);
      for (const tag of tx.validity.provides) {
        if (provided.has(tag)) continue;
        provided.add(tag);
        for (const waiter of waitingOn.get(tag) ?? []) {
          const left = missing.get(waiter)! - 1;
          missing.set(waiter, left);
          if (left === 0) heap.push(waiter);
        }
      }
    }
    this.readyCache = out;
    return out;
  }

  /** The refusal `submit` would answer for `bytes` (without adding it), or undefined when it is acceptable. */
  check(bytes: Uint8Array): PoolRejectedError | undefined {
    try {
      checkOpaqueFormat(bytes);
      this.checkBan(extrinsicHash(bytes));
      const validity = this.validate(bytes);
      if ('err' in validity) return rejection(validity.err, validity.reason);
      return undefined;
    } catch (error) {
      if (error instanceof PoolRejectedError) return error;
      throw error;
    }
  }

  /**
   * Validates `bytes` against the head and adds it. Throws `PoolRejectedError` with Substrate's author error
   * codes. `watcher`, if given, is attached before the first status is reported.
   */
  submit(bytes: Uint8Array, watcher?: (status: TxStatus) => void, reader?: StatusReader): PoolTransaction {
    checkOpaqueFormat(bytes);
    const hash = extrinsicHash(bytes);
    this.checkBan(hash);
    if (this.txs.has(hash)) {
      throw new PoolRejectedError(
        ErrorCode.AlreadyImported,
        'Transaction Already Imported',
        'The transaction is already in the pool.',
      );
    }
    const validity = this.validate(bytes);
    if ('err' in validity) throw rejection(validity.err, validity.reason);
    const valid = validity.ok;

    const usurped = new Set<PoolTransaction>();
    for (const tag of valid.provides) {
      for (const other of this.providers.get(tag) ?? []) usurped.add(other);
    }
    for (const other of usurped) {
      if (other.validity.priority >= valid.priority) {
        throw new PoolRejectedError(
          ErrorCode.TooLowPriority,
          `Priority is too low: (${other.validity.priority} vs ${valid.priority})`,
          'The transaction has too low priority to replace another transaction already in the pool.',
        );
      }
    }
    this.checkLimits(bytes.length, valid, [...usurped]);
    for (const other of usurped) this.drop(other.hash, { usurped: hash });

    const tx = new PoolEntry(hash, bytes, this.nextSeq++, valid);
    this.txs.set(hash, tx);
    this.index(tx);
    this.readyCache = undefined;
    const promoted = this.admit(tx);
    if (watcher) this.watch(hash, watcher, reader);
    // every other status is as the last full refresh left it unless a removal came since: only the newly ready
    // ones change (in pool order, as a full pass would report them)
    if (promoted && this.statusesInSync) this.refreshStatuses(promoted.sort((a, b) => a.seq - b.seq));
    else this.refreshStatuses();
    if (tx.status === 'future') this.notify(hash, 'future');
    return tx;
  }

  /** `reader`: the connection the watcher's client reads on (see the constructor's note on finality). */
  watch(hash: Hex, watcher: (status: TxStatus) => void, reader?: StatusReader): void {
    if (reader) this.readers.set(watcher, reader);
    let set = this.watchers.get(hash);
    if (!set) {
      set = new Set();
      this.watchers.set(hash, set);
    }
    set.add(watcher);
  }

  unwatch(hash: Hex, watcher: (status: TxStatus) => void): void {
    const set = this.watchers.get(hash);
    set?.delete(watcher);
    if (set?.size === 0) this.watchers.delete(hash);
  }

  /** Removes a transaction (author_removeExtrinsic, transaction_v1_stop); watchers hear `status`. */
  drop(hash: Hex, status: TxStatus = 'dropped'): boolean {
    const tx = this.txs.get(hash);
    if (!tx) return false;
    this.remove(tx);
    this.notify(hash, status);
    this.watchers.delete(hash);
    return true;
  }

  /**
   * After a block: included transactions leave (inBlock then finalized, finality being immediate), rejected ones
   * leave as invalid, deferred ones stay; the rest are revalidated against the new head.
   */
  onBlock(
    blockHash: Hex,
    included: readonly Uint8Array[],
    rejected: ReadonlyArray<{ extrinsic: Uint8Array }>,
  ): void {
    for (const bytes of included) {
      const hash = extrinsicHash(bytes);
      this.ban(hash);
      const tx = this.txs.get(hash);
      if (!tx) continue;
      this.remove(tx);
      this.notify(hash, { inBlock: blockHash });
      const watchers = this.watchers.get(hash);
      this.watchers.delete(hash);
      if (!watchers?.size) continue;
      for (const watcher of watchers) {
        this.finals.schedule(blockHash, this.readers.get(watcher), () =>
          safely(() => watcher({ finalized: blockHash })),
        );
      }
    }
    this.finals.statusesSent();
    for (const { extrinsic } of rejected) this.drop(extrinsicHash(extrinsic), 'invalid');
    this.revalidate();
  }

  /** `reader` asked for the block `blockHash` (see FinalStatusGate). */
  blockFetched(blockHash: Hex, reader: StatusReader): void {
    this.finals.blockFetched(blockHash, reader);
  }

  /** `reader` has been answered a read of the System.Events of `blockHash` (see FinalStatusGate). */
  eventsRead(blockHash: Hex, reader: StatusReader): void {
    this.finals.eventsRead(blockHash, reader);
  }

  /** The chain moved back: transactions it had included may be sent again. */
  clearBans(): void {
    this.banned.clear();
  }

  private ban(hash: Hex): void {
    this.banned.delete(hash);
    this.banned.set(hash, Date.now() + BAN_MS);
    // oldest first (insertion order): drop expired ones and keep the list bounded
    for (const [old, until] of this.banned) {
      if (until > Date.now() && this.banned.size <= MAX_BANNED) break;
      this.banned.delete(old);
    }
  }

  private checkBan(hash: Hex): void {
    const until = this.banned.get(hash);
    if (until === undefined) return;
    if (until <= Date.now()) {
      this.banned.delete(hash);
      return;
    }
    throw new PoolRejectedError(
      ErrorCode.TemporarilyBanned,
      'Transaction is temporarily banned',
      'The same transaction was included in a block recently; a replay of it is refused for 30 minutes',
    );
  }

  /** Re-checks every transaction against the current head (after a block, setHead or revert). */
  revalidate(): void {
    for (const tx of [...this.txs.values()]) {
      const validity = this.validate(tx.bytes);
      if ('err' in validity) this.drop(tx.hash, 'invalid');
      else {
        this.unindex(tx);
        tx.validity = validity.ok;
        this.index(tx);
      }
    }
    this.invalidate();
    this.refreshStatuses();
  }

  snapshot(): PoolSnapshot {
    return {
      transactions: [...this.txs.values()].map((tx) => ({
        bytes: tx.bytes,
        seq: tx.seq,
        validity: tx.validity,
      })),
    };
  }

  /** Replaces the pool's content; current watchers hear `dropped` (their transactions may be gone). */
  restore(snapshot: PoolSnapshot): void {
    for (const hash of [...this.txs.keys()]) this.drop(hash, 'dropped');
    for (const { bytes, seq, validity } of snapshot.transactions) {
      const hash = extrinsicHash(bytes);
      const tx = new PoolEntry(hash, bytes, seq, validity);
      this.txs.set(hash, tx);
      this.index(tx);
      this.invalidate();
      this.nextSeq = Math.max(this.nextSeq, seq + 1);
    }
    this.revalidate();
  }

  /** Shutdown: pending transactions are dropped and delayed statuses delivered now, leaving no timers. */
  clear(): void {
    this.finals.flush();
    for (const hash of [...this.txs.keys()]) this.drop(hash, 'dropped');
  }

  /**
   * Refuses a transaction the pool has no room for. Whether it would wait (future) or be ready is judged as
   * Substrate does, by its required tags; the transactions it replaces free their room first.
   */
  private checkLimits(size: number, validity: ValidTransaction, replaced: readonly PoolTransaction[]): void {
    const m = this.membershipNow();
    const future = !validity.requires.every((tag) => m.provided.has(tag));
    const queue = future ? m.future : m.ready;
    let count = queue.size;
    let bytes = future ? m.futureBytes : m.readyBytes;
    for (const tx of replaced) {
      if (!queue.has(tx)) continue;
      count--;
      bytes -= tx.bytes.length;
    }
    const [maxCount, maxBytes, kind] = future
      ? [this.limits.futureCount, this.limits.futureBytes, 'future']
      : [this.limits.readyCount, this.limits.readyBytes, 'ready'];
    if (count + 1 > maxCount || bytes + size > maxBytes) {
      throw new PoolRejectedError(
        ErrorCode.ImmediatelyDropped,
        'Immediately Dropped',
        `The transaction couldn't enter the pool because of the limit: the ${kind} queue holds ${count} transactions of ${bytes} bytes (at most ${maxCount} and ${maxBytes} bytes)`,
      );
    }
  }

  private validate(bytes: Uint8Array) {
    const head = this.head();
    try {
      return this.runtime.validateTransaction(head.state, bytes, { number: head.number, hash: head.hash });
    } catch (error) {
      // Substrate: "Verification Error: Runtime error: Execution failed: …"; the detail goes in `data`
      throw new PoolRejectedError(
        ErrorCode.Verification,
        'Verification Error: Runtime error: Execution failed',
        (error as Error)?.message ?? String(error),
      );
    }
  }

  /** Reports `ready` for transactions that became ready; `among` limits the pass to those that may have. */
  private refreshStatuses(among?: readonly PoolTransaction[]): void {
    const { ready } = this.membershipNow();
    if (!among) this.statusesInSync = true;
    for (const tx of among ?? this.txs.values()) {
      const status = ready.has(tx) ? 'ready' : 'future';
      if (status === tx.status) continue;
      tx.status = status;
      if (status === 'ready') {
        this.notify(tx.hash, 'ready');
        this.onReady.emit(tx);
      }
    }
  }

  private invalidate(): void {
    this.readyCache = undefined;
    this.membership = undefined;
    this.statusesInSync = false;
  }

  private remove(tx: PoolTransaction): void {
    this.txs.delete(tx.hash);
    this.unindex(tx);
    this.invalidate();
  }

  private index(tx: PoolTransaction): void {
    for (const tag of tx.validity.provides) {
      const set = this.providers.get(tag);
      if (set) set.add(tx);
      else this.providers.set(tag, new Set([tx]));
    }
  }

  private unindex(tx: PoolTransaction): void {
    for (const tag of tx.validity.provides) {
      const set = this.providers.get(tag);
      set?.delete(tx);
      if (set?.size === 0) this.providers.delete(tag);
    }
  }

  /** Ready/future membership, rebuilt from the full order when a removal invalidated it. */
  private membershipNow(): Membership {
    this.membership ??= buildMembership(this.ready(), this.txs.values());
    return this.membership;
  }

  /** The transactions `tx` made ready, or undefined when there is no membership to update (rebuilt later). */
  private admit(tx: PoolTransaction): PoolTransaction[] | undefined {
    return this.membership ? admitTransaction(this.membership, tx) : undefined;
  }

  private notify(hash: Hex, status: TxStatus): void {
    for (const watcher of [...(this.watchers.get(hash) ?? [])]) safely(() => watcher(status));
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.error('[phala-devchain] transaction watcher failed', error);
  }
}
