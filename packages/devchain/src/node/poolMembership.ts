import type { Hex } from '../scale/types.js';
import type { PoolTransaction } from './txpoolTypes.js';

/**
 * Which pool transactions are ready and which wait (future), with the tags the ready ones provide and each
 * queue's size in bytes. Submissions only ever add to the pool, so the pool keeps this up to date incrementally
 * (`admitTransaction`): admitting one costs O(its tags + the waiting futures) instead of a rebuild of the whole
 * ready order per submission, which made a burst of n submissions O(n²). After a removal it is rebuilt.
 */
export interface Membership {
  ready: Set<PoolTransaction>;
  future: Set<PoolTransaction>;
  /** tags provided by ready transactions */
  provided: Set<Hex>;
  readyBytes: number;
  futureBytes: number;
}

/** From the pool's full ready order (`TxPool.ready()`) and all its transactions. */
export function buildMembership(
  readyOrder: readonly PoolTransaction[],
  all: Iterable<PoolTransaction>,
): Membership {
  const ready = new Set(readyOrder);
  const m: Membership = { ready, future: new Set(), provided: new Set(), readyBytes: 0, futureBytes: 0 };
  for (const tx of all) {
    if (ready.has(tx)) {
      m.readyBytes += tx.bytes.length;
      for (const tag of tx.validity.provides) m.provided.add(tag);
    } else {
      m.future.add(tx);
      m.futureBytes += tx.bytes.length;
    }
  }
  return m;
}

/**
 * A new transaction joins: ready when every tag it requires is provided by a ready one; a ready newcomer may in
 * turn unlock waiting futures — the same fixpoint `TxPool.ready()` reaches, reached incrementally. Returns the
 * transactions that joined the ready set (the newcomer and those it unlocked), the only ones whose status changed.
 */
export function admitTransaction(m: Membership, tx: PoolTransaction): PoolTransaction[] {
  if (!satisfied(m, tx)) {
    m.future.add(tx);
    m.futureBytes += tx.bytes.length;
    return [];
  }
  const promoted: PoolTransaction[] = [];
  promote(m, tx, promoted);
  for (let changed = m.future.size > 0; changed; ) {
    changed = false;
    for (const waiting of m.future) {
      if (!satisfied(m, waiting)) continue;
      m.future.delete(waiting);
      m.futureBytes -= waiting.bytes.length;
      promote(m, waiting, promoted);
      changed = true;
    }
  }
  return promoted;
}

function satisfied(m: Membership, tx: PoolTransaction): boolean {
  for (const tag of tx.validity.requires) if (!m.provided.has(tag)) return false;
  return true;
}

function promote(m: Membership, tx: PoolTransaction, promoted: PoolTransaction[]): void {
  m.ready.add(tx);
  m.readyBytes += tx.bytes.length;
  for (const tag of tx.validity.provides) m.provided.add(tag);
  promoted.push(tx);
}
