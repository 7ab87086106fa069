import type { Ext } from '../../runtime/ext.js';
import type { StateReader } from '../../runtime/interface.js';
import { DispatchError } from '../../runtime/pallet.js';
import type { Hex } from '../../scale/types.js';
import { System, Account as SystemAccount, setAccount } from '../system/index.js';
import type { AccountInfoValue } from '../system/types.js';
import { Declaration as Balances } from './declaration.js';
import { canDecProvider, dataOf, frozen, reasonsOf, totalBalance } from './reads.js';
import {
  EXISTENTIAL_DEPOSIT,
  type Existence,
  Locks,
  TotalIssuance,
  U128_MAX,
  type WithdrawReason,
  ZERO_DATA,
} from './storage.js';
import type { AccountDataValue, BalanceLockValue, ReasonsValue } from './types.js';

// ---------------------------------------------------------------------------------------------------------------
// Account mutation with FRAME's reference counting and dust handling

export function isZeroData(d: AccountDataValue): boolean {
  return d.free === 0n && d.reserved === 0n && d.misc_frozen === 0n && d.fee_frozen === 0n;
}

export function addIssuance(ext: Ext, amount: bigint): void {
  if (amount === 0n) return;
  const next = TotalIssuance.get(ext.state) + amount;
  TotalIssuance.set(ext.state, next > U128_MAX ? U128_MAX : next);
}

export function subIssuance(ext: Ext, amount: bigint): void {
  if (amount === 0n) return;
  const current = TotalIssuance.get(ext.state);
  TotalIssuance.set(ext.state, current > amount ? current - amount : 0n);
}

/**
 * Writes new balance data the way `StoredMap for frame_system::Pallet` does: an account "provides" while its data is
 * non-default; gaining data adds a provider (NewAccount), losing it removes one (KilledAccount when it was the last),
 * which fails with ConsumerRemaining while locks or other consumers still need the account.
 */
export function storeData(
  ext: Ext,
  who: Hex,
  info: AccountInfoValue,
  wasProviding: boolean,
  next: AccountDataValue | undefined,
): void {
  const isProviding = next !== undefined;
  if (!wasProviding && !isProviding) return;
  if (!wasProviding) {
    const updated = { ...info, providers: info.providers + 1, data: next! };
    // A zero-provider record left behind by `decConsumers` still counts as a new account for inc_providers.
    if (info.providers === 0 && info.sufficients === 0 && SystemAccount.has(ext.state, who)) {
      SystemAccount.set(ext.state, who, updated);
      System.emit(ext, 'NewAccount', { account: who });
    } else setAccount(ext, who, updated);
    return;
  }
  if (!isProviding) {
    const providers = info.providers === 0 ? 1 : info.providers;
    if (providers === 1 && info.consumers > 0) throw new DispatchError('ConsumerRemaining');
    setAccount(ext, who, { ...info, providers: providers - 1, data: ZERO_DATA });
    return;
  }
  SystemAccount.set(ext.state, who, { ...info, data: next! });
}

/**
 * `try_mutate_account_with_dust`: runs `f` on a copy of the account data; if it returns, the account is written (or
 * reaped when its total falls below the ED, the remainder becoming dust). Endowed is reported for every mutation that
 * started from a non-existent account, as FRAME does. The caller disposes of the dust with `loseDust`, which is
 * where FRAME drops its `DustCleaner`.
 */
export function mutateWithDust<R>(
  ext: Ext,
  who: Hex,
  f: (data: AccountDataValue, isNew: boolean) => R,
  /** the account as stored now, when the caller read it already */
  info: AccountInfoValue = SystemAccount.get(ext.state, who),
): { result: R; dust: bigint } {
  const wasProviding = !isZeroData(info.data);
  const data: AccountDataValue = wasProviding ? { ...info.data } : { ...ZERO_DATA };
  const result = f(data, !wasProviding);
  const total = data.free + data.reserved;
  const survives = total >= EXISTENTIAL_DEPOSIT;
  storeData(ext, who, info, wasProviding, survives ? data : undefined);
  if (!wasProviding) Balances.emit(ext, 'Endowed', { account: who, free_balance: data.free });
  return { result, dust: survives ? 0n : total };
}

/** `DustRemoval = ()`: dust is burnt, lowering TotalIssuance. */
export function loseDust(ext: Ext, who: Hex, dust: bigint): void {
  if (dust === 0n) return;
  Balances.emit(ext, 'DustLost', { account: who, amount: dust });
  subIssuance(ext, dust);
}

export function mutateAccount<R>(
  ext: Ext,
  who: Hex,
  f: (data: AccountDataValue, isNew: boolean) => R,
  info?: AccountInfoValue,
): R {
  const { result, dust } = mutateWithDust(ext, who, f, info);
  loseDust(ext, who, dust);
  return result;
}

export function ensureCanWithdraw(
  state: StateReader,
  who: Hex,
  amount: bigint,
  reasons: ReasonsValue,
  newFree: bigint,
): void {
  if (amount === 0n) return;
  ensureUnfrozen(dataOf(state, who), reasons, newFree);
}

/** `ensureCanWithdraw` on the account's stored data, already read (a non-zero amount). */
function ensureUnfrozen(stored: AccountDataValue, reasons: ReasonsValue, newFree: bigint): void {
  if (newFree < frozen(stored, reasons)) throw Balances.error('LiquidityRestrictions');
}

// ---------------------------------------------------------------------------------------------------------------
// Currency operations other pallets and the executive call

/**
 * `Currency::transfer`. Throws InsufficientBalance, ExistentialDeposit (a new recipient would stay below the ED),
 * LiquidityRestrictions (a lock) or KeepAlive (the sender would be reaped while it must or has to survive).
 */
export function transfer(ext: Ext, from: Hex, to: Hex, amount: bigint, existence: Existence): void {
  if (amount === 0n || from === to) return;
  ext.transactional(() => {
    let fromDust = 0n;
    // Recipient outside, sender inside, as FRAME nests them: the order of System/Balances events follows from it.
    const { dust: toDust } = mutateWithDust(ext, to, (toData) => {
      fromDust = mutateWithDust(ext, from, (fromData) => {
        if (fromData.free < amount) throw Balances.error('InsufficientBalance');
        fromData.free -= amount;
        if (toData.free + amount > U128_MAX)
          throw new DispatchError({ tag: 'Arithmetic', value: 'Overflow' });
        toData.free += amount;
        if (toData.free + toData.reserved < EXISTENTIAL_DEPOSIT) throw Balances.error('ExistentialDeposit');
        ensureCanWithdraw(ext.state, from, amount, 'Misc', fromData.free);
        const allowDeath = existence === 'AllowDeath' && canDecProvider(SystemAccount.get(ext.state, from));
        if (!allowDeath && fromData.free + fromData.reserved < EXISTENTIAL_DEPOSIT)
          throw Balances.error('KeepAlive');
      }).dust;
    });
    loseDust(ext, from, fromDust);
    loseDust(ext, to, toDust);
    Balances.emit(ext, 'Transfer', { from, to, amount });
  });
}

/**
 * `Currency::withdraw`: burns `amount` from the free balance (TotalIssuance drops; whoever receives it deposits it
 * again). `fee` checks the fee locks, `misc` the others.
 */
export function withdraw(
  ext: Ext,
  who: Hex,
  amount: bigint,
  reason: WithdrawReason,
  existence: Existence,
): void {
  if (amount === 0n) return;
  // No storage layer (FRAME's `withdraw` has none either, and a settlement makes two per worker): every check that
  // can fail runs before the first write, and all that precedes the last one (storeData's ConsumerRemaining) is the
  // Withdraw event, which a failure takes back here.
  const eventCount = ext.events.length;
  try {
    mutateAccount(ext, who, (data) => {
      if (data.free < amount) throw Balances.error('InsufficientBalance');
      const newFree = data.free - amount;
      const wouldBeDead = newFree + data.reserved < EXISTENTIAL_DEPOSIT;
      const wouldKill = wouldBeDead && data.free + data.reserved >= EXISTENTIAL_DEPOSIT;
      if (existence === 'KeepAlive' && wouldKill) throw Balances.error('KeepAlive');
      // `data` is the stored account's (only `free` changes below): its frozen amounts are the stored ones, no
      // second read of the account
      ensureUnfrozen(data, reasonsOf(reason), newFree);
      data.free = newFree;
      Balances.emit(ext, 'Withdraw', { who, amount });
    });
  } catch (error) {
    ext.events.length = eventCount;
    throw error;
  }
  subIssuance(ext, amount);
}

/**
 * `Currency::deposit_creating`: mints `amount` into `who`. A deposit that cannot create the account (below the ED)
 * or would overflow it does nothing, as in FRAME, where it returns a zero imbalance.
 */
export function deposit(ext: Ext, who: Hex, amount: bigint): void {
  if (amount === 0n) return;
  const info = SystemAccount.get(ext.state, who);
  const isNew = isZeroData(info.data);
  if (isNew && amount < EXISTENTIAL_DEPOSIT) return;
  if (info.data.free + amount > U128_MAX) return;
  // No storage layer: with the checks above nothing below can fail (the account survives, as its total is at least
  // the ED, and nothing overflows).
  mutateAccount(
    ext,
    who,
    (data) => {
      data.free += amount;
      Balances.emit(ext, 'Deposit', { who, amount });
    },
    info, // read above, nothing written since
  );
  addIssuance(ext, amount);
}

/**
 * `Currency::slash`: takes up to `amount` from free, then reserved, ignoring locks; if reaping the account is not
 * allowed (it still has consumers) it takes as much as leaves the ED. Returns what was taken (burnt).
 */
export function slash(ext: Ext, who: Hex, amount: bigint): bigint {
  if (amount === 0n || totalBalance(ext.state, who) === 0n) return 0n;
  for (const attempt of [0, 1]) {
    try {
      return ext.transactional(() => {
        const slashed = mutateAccount(ext, who, (data) => {
          let best = amount;
          if (attempt === 1) {
            const total = data.free + data.reserved;
            const spare = total > EXISTENTIAL_DEPOSIT ? total - EXISTENTIAL_DEPOSIT : 0n;
            best = amount < spare ? amount : spare;
          }
          const fromFree = data.free < best ? data.free : best;
          data.free -= fromFree;
          const rest = best - fromFree;
          const fromReserved = data.reserved < rest ? data.reserved : rest;
          data.reserved -= fromReserved;
          return fromFree + fromReserved;
        });
        Balances.emit(ext, 'Slashed', { who, amount: slashed });
        subIssuance(ext, slashed);
        return slashed;
      });
    } catch (error) {
      if (!(error instanceof DispatchError)) throw error;
    }
  }
  return 0n;
}

/** `ReservableCurrency::reserve`: moves free to reserved; reserving counts as a `misc` withdrawal for locks. */
export function reserve(ext: Ext, who: Hex, amount: bigint): void {
  if (amount === 0n) return;
  ext.transactional(() => {
    mutateAccount(ext, who, (data) => {
      if (data.free < amount) throw Balances.error('InsufficientBalance');
      data.free -= amount;
      data.reserved += amount;
      ensureCanWithdraw(ext.state, who, amount, 'Misc', data.free);
    });
    Balances.emit(ext, 'Reserved', { who, amount });
  });
}

/** `ReservableCurrency::unreserve`: moves up to `amount` back to free; returns the part that was not reserved. */
export function unreserve(ext: Ext, who: Hex, amount: bigint): bigint {
  if (amount === 0n) return 0n;
  if (totalBalance(ext.state, who) === 0n) return amount;
  const moved = mutateAccount(ext, who, (data) => {
    const actual = data.reserved < amount ? data.reserved : amount;
    data.reserved -= actual;
    data.free = data.free + actual > U128_MAX ? U128_MAX : data.free + actual;
    return actual;
  });
  Balances.emit(ext, 'Unreserved', { who, amount: moved });
  return amount - moved;
}

/**
 * `update_locks`: recomputes misc_frozen / fee_frozen as the largest lock of each kind and keeps one consumer
 * reference on the account while it has any lock (so it cannot be reaped from under the lock).
 */
export function updateLocks(ext: Ext, who: Hex, list: BalanceLockValue[]): void {
  mutateAccount(ext, who, (data) => {
    data.misc_frozen = 0n;
    data.fee_frozen = 0n;
    for (const l of list) {
      if ((l.reasons === 'All' || l.reasons === 'Misc') && l.amount > data.misc_frozen)
        data.misc_frozen = l.amount;
      if ((l.reasons === 'All' || l.reasons === 'Fee') && l.amount > data.fee_frozen)
        data.fee_frozen = l.amount;
    }
  });
  const existed = Locks.has(ext.state, who);
  if (list.length === 0) {
    Locks.remove(ext.state, who);
    if (existed) decConsumers(ext, who);
  } else {
    Locks.set(ext.state, who, list);
    if (!existed) incConsumersWithoutLimit(ext, who);
  }
}

/** Fails silently without a provider: FRAME only logs it (a lock on an empty account holds nothing). */
export function incConsumersWithoutLimit(ext: Ext, who: Hex): void {
  const info = SystemAccount.get(ext.state, who);
  if (info.providers > 0) SystemAccount.set(ext.state, who, { ...info, consumers: info.consumers + 1 });
}

/** `frame_system::dec_consumers` writes the record back even when it was absent (ValueQuery `mutate`). */
export function decConsumers(ext: Ext, who: Hex): void {
  const info = SystemAccount.get(ext.state, who);
  SystemAccount.set(ext.state, who, { ...info, consumers: info.consumers > 0 ? info.consumers - 1 : 0 });
}

/** `LockableCurrency::set_lock`: adds or replaces lock `id`; a zero amount changes nothing (use `removeLock`). */
export function setLock(ext: Ext, id: Hex, who: Hex, amount: bigint, reasons: ReasonsValue): void {
  if (amount === 0n) return;
  const lockId = id.toLowerCase() as Hex;
  let fresh: BalanceLockValue | undefined = { id: lockId, amount, reasons };
  const next: BalanceLockValue[] = [];
  for (const l of Locks.get(ext.state, who)) {
    if (l.id === lockId) {
      if (fresh) next.push(fresh);
      fresh = undefined;
    } else next.push(l);
  }
  if (fresh) next.push(fresh);
  updateLocks(ext, who, next);
}

export function removeLock(ext: Ext, id: Hex, who: Hex): void {
  const lockId = id.toLowerCase() as Hex;
  updateLocks(
    ext,
    who,
    Locks.get(ext.state, who).filter((l) => l.id !== lockId),
  );
}
