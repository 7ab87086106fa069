import { compactFromU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import type { Runtime, TransactionValidityError, ValidTransaction } from '../runtime/interface.js';
import type { BlockState } from '../runtime/state.js';
import type { Hex } from '../scale/types.js';
import { ErrorCode, PoolRejectedError } from './errors.js';
import { Signal } from './signal.js';

/** `author_extrinsicUpdate` payloads, as Substrate serializes `TransactionStatus`. */
export type TxStatus =
  | 'future'
  | 'ready'
  | { inBlock: Hex }
  | { finalized: Hex }
  | { usurped: Hex }
  | 'invalid'
  | 'dropped';

export interface PoolTransaction {
  readonly hash: Hex;
  readonly bytes: Uint8Array;
  readonly hex: Hex;
  /** insertion order, the tie-breaker after priority */
  readonly seq: number;
  validity: ValidTransaction;
  status: 'ready' | 'future';
}

export interface PoolHead {
  readonly state: BlockState;
  readonly number: number;
  readonly hash: Hex;
}

export interface PoolSnapshot {
  readonly transactions: ReadonlyArray<{ bytes: Uint8Array; seq: number; validity: ValidTransaction }>;
}

export function extrinsicHash(bytes: Uint8Array): Hex {
  return blake2AsHex(bytes, 256) as Hex;
}

/** True when a status ends the watch (Substrate closes the subscription after it). */
export function isFinalStatus(status: TxStatus): boolean {
  return (
    status === 'invalid' ||
    status === 'dropped' ||
    (typeof status === 'object' && ('finalized' in status || 'usurped' in status))
  );
}

/**
 * Validates and holds transactions until a block includes them. Ordering follows Substrate's ready queue: a
 * transaction is ready when every tag it `requires` is provided by a transaction ahead of it; among ready ones,
 * higher priority first, then arrival order. Transactions with unmet tags (future nonces) wait.
 */
/** after a client read the block, how long it has to fetch the block's events before `finalized` */
const BLOCK_READ_GRACE_MS = 50;

export class TxPool {
  private readonly txs = new Map<Hex, PoolTransaction>();
  private readonly watchers = new Map<Hex, Set<(status: TxStatus) => void>>();
  private nextSeq = 0;
  /** a transaction entered the pool as ready (producers in instant mode listen) */
  readonly onReady = new Signal<PoolTransaction>();

  /** finalized-status notifications waiting for their delay (flushed on clear) */
  private readonly pendingFinal = new Map<NodeJS.Timeout, () => void>();
  /** finalizations waiting for a client to read their block (by block hash) */
  private readonly awaitingRead = new Map<Hex, Set<NodeJS.Timeout>>();

  /**
   * `finalizedDelayMs`: at most how long after `inBlock` watchers hear `finalized`. @polkadot/api fetches a
   * block's events on `inBlock` and abandons that fetch when the next status arrives (switchMap), so an early
   * `finalized` would swallow the `inBlock` result. A fixed short delay (chopsticks waits 50–100 ms) loses that
   * race on a busy machine, so `finalized` follows shortly after a client has read the block instead, and the
   * delay is only the upper bound for clients that never read it.
   */
  constructor(
    private readonly runtime: Runtime,
    private readonly head: () => PoolHead,
    private readonly finalizedDelayMs = 0,
  ) {}

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

  /** Ready transactions in the order a block should apply them. */
  ready(): PoolTransaction[] {
    const pending = [...this.txs.values()].sort((a, b) =>
      a.validity.priority === b.validity.priority
        ? a.seq - b.seq
        : a.validity.priority > b.validity.priority
          ? -1
          : 1,
    );
    const provided = new Set<Hex>();
    const out: PoolTransaction[] = [];
    let progressed = true;
    while (progressed && pending.length) {
      progressed = false;
      for (let i = 0; i < pending.length; i++) {
        const tx = pending[i]!;
        if (tx.validity.requires.every((tag) => provided.has(tag))) {
          out.push(tx);
          for (const tag of tx.validity.provides) provided.add(tag);
          pending.splice(i, 1);
          progressed = true;
          break;
        }
      }
    }
    return out;
  }

  /**
   * Validates `bytes` against the head and adds it. Throws `PoolRejectedError` with Substrate's author error
   * codes. `watcher`, if given, is attached before the first status is reported.
   */
  submit(bytes: Uint8Array, watcher?: (status: TxStatus) => void): PoolTransaction {
    checkOpaqueFormat(bytes);
    const hash = extrinsicHash(bytes);
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

    const usurped: PoolTransaction[] = [];
    for (const other of this.txs.values()) {
      if (!other.validity.provides.some((tag) => valid.provides.includes(tag))) continue;
      if (other.validity.priority >= valid.priority) {
        throw new PoolRejectedError(
          ErrorCode.TooLowPriority,
          `Priority is too low: (${other.validity.priority} vs ${valid.priority})`,
          'The transaction has too low priority to replace another transaction already in the pool.',
        );
      }
      usurped.push(other);
    }
    for (const other of usurped) this.drop(other.hash, { usurped: hash });

    const tx: PoolTransaction = {
      hash,
      bytes,
      hex: u8aToHex(bytes) as Hex,
      seq: this.nextSeq++,
      validity: valid,
      status: 'future',
    };
    this.txs.set(hash, tx);
    if (watcher) this.watch(hash, watcher);
    this.refreshStatuses();
    if (tx.status === 'future') this.notify(hash, 'future');
    return tx;
  }

  watch(hash: Hex, watcher: (status: TxStatus) => void): void {
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
    if (!this.txs.delete(hash)) return false;
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
      if (!this.txs.delete(hash)) continue;
      this.notify(hash, { inBlock: blockHash });
      const watchers = this.watchers.get(hash);
      this.watchers.delete(hash);
      if (!watchers?.size) continue;
      const finalize = () => {
        for (const watcher of watchers) safely(() => watcher({ finalized: blockHash }));
      };
      if (this.finalizedDelayMs <= 0) {
        finalize();
      } else {
        this.scheduleFinal(blockHash, finalize, this.finalizedDelayMs);
      }
    }
    for (const { extrinsic } of rejected) this.drop(extrinsicHash(extrinsic), 'invalid');
    this.revalidate();
  }

  private scheduleFinal(blockHash: Hex, finalize: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.pendingFinal.delete(timer);
      this.awaitingRead.get(blockHash)?.delete(timer);
      finalize();
    }, delayMs);
    this.pendingFinal.set(timer, finalize);
    let timers = this.awaitingRead.get(blockHash);
    if (!timers) {
      timers = new Set();
      this.awaitingRead.set(blockHash, timers);
    }
    timers.add(timer);
  }

  /**
   * A client read a block (`chain_getBlock`): watchers of its transactions hear `finalized` soon after, leaving
   * the client time to read that block's events too.
   */
  blockRead(blockHash: Hex): void {
    const timers = this.awaitingRead.get(blockHash);
    if (!timers) return;
    this.awaitingRead.delete(blockHash);
    for (const timer of timers) {
      const finalize = this.pendingFinal.get(timer);
      clearTimeout(timer);
      this.pendingFinal.delete(timer);
      if (finalize) this.scheduleFinal(blockHash, finalize, BLOCK_READ_GRACE_MS);
    }
    this.awaitingRead.delete(blockHash);
  }

  /** Re-checks every transaction against the current head (after a block, setHead or revert). */
  revalidate(): void {
    for (const tx of [...this.txs.values()]) {
      const validity = this.validate(tx.bytes);
      if ('err' in validity) this.drop(tx.hash, 'invalid');
      else tx.validity = validity.ok;
    }
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
      this.txs.set(hash, { hash, bytes, hex: u8aToHex(bytes) as Hex, seq, validity, status: 'future' });
      this.nextSeq = Math.max(this.nextSeq, seq + 1);
    }
    this.revalidate();
  }

  /** Shutdown: pending transactions are dropped and delayed statuses delivered now, leaving no timers. */
  clear(): void {
    for (const [timer, finalize] of this.pendingFinal) {
      clearTimeout(timer);
      finalize();
    }
    this.pendingFinal.clear();
    this.awaitingRead.clear();
    for (const hash of [...this.txs.keys()]) this.drop(hash, 'dropped');
  }

  private validate(bytes: Uint8Array) {
    const head = this.head();
    try {
      return this.runtime.validateTransaction(head.state, bytes, { number: head.number, hash: head.hash });
    } catch (error) {
      throw new PoolRejectedError(
        ErrorCode.Verification,
        `Verification Error: Runtime error: ${(error as Error)?.message ?? String(error)}`,
        (error as Error)?.message ?? String(error),
      );
    }
  }

  private refreshStatuses(): void {
    const ready = new Set(this.ready());
    for (const tx of this.txs.values()) {
      const status = ready.has(tx) ? 'ready' : 'future';
      if (status === tx.status) continue;
      tx.status = status;
      if (status === 'ready') {
        this.notify(tx.hash, 'ready');
        this.onReady.emit(tx);
      }
    }
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

/** An opaque extrinsic is `Compact<u32> length ++ body`; anything else cannot even be handed to the runtime. */
function checkOpaqueFormat(bytes: Uint8Array): void {
  let ok = false;
  try {
    const [offset, length] = compactFromU8a(bytes);
    ok = bytes.length > 0 && offset + length.toNumber() === bytes.length && length.toNumber() > 0;
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new PoolRejectedError(
      ErrorCode.BadFormat,
      'Extrinsic has invalid format: Could not decode the length-prefixed extrinsic',
      'The length prefix does not match the extrinsic size',
    );
  }
}

function rejection(error: TransactionValidityError, reason: string): PoolRejectedError {
  if ('invalid' in error)
    return new PoolRejectedError(ErrorCode.InvalidTransaction, 'Invalid Transaction', reason);
  return new PoolRejectedError(ErrorCode.UnknownTransaction, 'Unknown Transaction Validity', reason);
}
