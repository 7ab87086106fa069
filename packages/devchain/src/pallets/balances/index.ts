/**
 * pallet_balances as Khala runs it (FRAME polkadot-v0.9.30, `AccountStore = System`, `DustRemoval = ()`): balances
 * live in `System.Account.data`; `Balances.Account` is declared for the metadata only and never written.
 */
import { lookupAddress, TREASURY_ACCOUNT } from '../../runtime/accounts.js';
import type { Ext } from '../../runtime/ext.js';
import type { StateReader } from '../../runtime/interface.js';
import { badOrigin, call, DispatchError, definePallet } from '../../runtime/pallet.js';
import { AccountId32, MultiAddress } from '../../runtime/primitives.js';
import { storageOf } from '../../runtime/storage.js';
import { bool, compact, type Hex, u32, u128 } from '../../scale/types.js';
import { System, Account as SystemAccount, setAccount } from '../system/index.js';
import type { AccountInfoValue } from '../system/types.js';
import {
  AccountData,
  type AccountDataValue,
  BalanceLocks,
  type BalanceLockValue,
  BalanceStatus,
  type ReasonsValue,
  Releases,
  type ReleasesValue,
  ReserveDatas,
} from './types.js';

export * from './types.js';
export { TREASURY_ACCOUNT };

/** 1 CENT = 0.01 PHA. */
export const EXISTENTIAL_DEPOSIT = 10_000_000_000n;
export const MAX_LOCKS = 50;
export const MAX_RESERVES = 50;
const U128_MAX = (1n << 128n) - 1n;

const ZERO_DATA: AccountDataValue = { free: 0n, reserved: 0n, misc_frozen: 0n, fee_frozen: 0n };

const store = storageOf('Balances');

export const TotalIssuance = store.value('TotalIssuance', {
  value: u128,
  default: 0n,
  docs: [' The total units issued in the system.'],
});
export const Account = store.map('Account', 'Blake2_128Concat', AccountId32, {
  value: AccountData,
  default: ZERO_DATA,
  docs: [
    ' The Balances pallet example of storing the balance of an account.',
    '',
    ' # Example',
    '',
    ' ```nocompile',
    '  impl pallet_balances::Config for Runtime {',
    '    type AccountStore = StorageMapShim<Self::Account<Runtime>, frame_system::Provider<Runtime>, AccountId, Self::AccountData<Balance>>',
    '  }',
    ' ```',
    '',
    ' You can also store the balance of an account in the `System` pallet.',
    '',
    ' # Example',
    '',
    ' ```nocompile',
    '  impl pallet_balances::Config for Runtime {',
    '   type AccountStore = System',
    '  }',
    ' ```',
    '',
    ' But this comes with tradeoffs, storing account balances in the system pallet stores',
    ' `frame_system` data alongside the account data contrary to storing account balances in the',
    ' `Balances` pallet, which uses a `StorageMap` to store balances data only.',
    ' NOTE: This is only used in the case that this pallet is used to store balances.',
  ],
});
export const Locks = store.map('Locks', 'Blake2_128Concat', AccountId32, {
  value: BalanceLocks,
  default: [],
  docs: [
    ' Any liquidity locks on some account balances.',
    ' NOTE: Should only be accessed when setting, changing and freeing a lock.',
  ],
});
export const Reserves = store.map('Reserves', 'Blake2_128Concat', AccountId32, {
  value: ReserveDatas,
  default: [],
  docs: [' Named reserves on some account balances.'],
});
export const StorageVersion = store.value('StorageVersion', {
  value: Releases,
  default: 'V1_0_0' as ReleasesValue,
  docs: [' Storage version of the pallet.', '', ' This is set to v2.0.0 for new networks.'],
});

/** Balances are u128 on chain; genesis input that cannot be stored is refused before any state is written. */
export class BalancesGenesisError extends Error {
  override readonly name = 'BalancesGenesisError';
  constructor(
    readonly code: 'BELOW_EXISTENTIAL_DEPOSIT' | 'DUPLICATE_ACCOUNT' | 'OVERFLOW',
    message: string,
  ) {
    super(message);
  }
}

export type Existence = 'KeepAlive' | 'AllowDeath';
export type WithdrawReason = 'fee' | 'misc';

// ---------------------------------------------------------------------------------------------------------------
// Reading

function dataOf(state: StateReader, who: Hex): AccountDataValue {
  return SystemAccount.get(state, who).data;
}

export function freeBalance(state: StateReader, who: Hex): bigint {
  return dataOf(state, who).free;
}

export function reservedBalance(state: StateReader, who: Hex): bigint {
  return dataOf(state, who).reserved;
}

/** free + reserved */
export function totalBalance(state: StateReader, who: Hex): bigint {
  const d = dataOf(state, who);
  return d.free + d.reserved;
}

function frozen(data: AccountDataValue, reasons: ReasonsValue): bigint {
  if (reasons === 'Fee') return data.fee_frozen;
  if (reasons === 'Misc') return data.misc_frozen;
  return data.misc_frozen > data.fee_frozen ? data.misc_frozen : data.fee_frozen;
}

const reasonsOf = (reason: WithdrawReason): ReasonsValue => (reason === 'fee' ? 'Fee' : 'Misc');

/** What can leave the account for `reason` without breaking a lock (`usable_balance` / `usable_balance_for_fees`). */
export function usableBalance(state: StateReader, who: Hex, reason: WithdrawReason): bigint {
  const d = dataOf(state, who);
  const f = frozen(d, reasonsOf(reason));
  return d.free > f ? d.free - f : 0n;
}

export function locks(state: StateReader, who: Hex): BalanceLockValue[] {
  return Locks.get(state, who);
}

export function totalIssuance(state: StateReader): bigint {
  return TotalIssuance.get(state);
}

/**
 * What `transfer_all` moves (`fungible::Inspect::reducible_balance`): free minus the strictest lock, minus what must
 * stay for the ED when the account has to (or is made to) survive.
 */
export function reducibleBalance(state: StateReader, who: Hex, keepAlive: boolean): bigint {
  const info = SystemAccount.get(state, who);
  const a = info.data;
  const strictest = a.fee_frozen > a.misc_frozen ? a.fee_frozen : a.misc_frozen;
  const liquid = a.free > strictest ? a.free - strictest : 0n;
  if (canDecProvider(info) && !keepAlive) return liquid;
  const total = a.free + a.reserved;
  const mustRemain = EXISTENTIAL_DEPOSIT > total - liquid ? EXISTENTIAL_DEPOSIT - (total - liquid) : 0n;
  return liquid > mustRemain ? liquid - mustRemain : 0n;
}

// ---------------------------------------------------------------------------------------------------------------
// Account mutation with FRAME's reference counting and dust handling

/** `frame_system::can_dec_provider`: the account may lose its last provider only if nothing consumes it. */
function canDecProvider(info: AccountInfoValue): boolean {
  return info.consumers === 0 || info.providers > 1;
}

function isZeroData(d: AccountDataValue): boolean {
  return d.free === 0n && d.reserved === 0n && d.misc_frozen === 0n && d.fee_frozen === 0n;
}

function addIssuance(ext: Ext, amount: bigint): void {
  if (amount === 0n) return;
  const next = TotalIssuance.get(ext.state) + amount;
  TotalIssuance.set(ext.state, next > U128_MAX ? U128_MAX : next);
}

function subIssuance(ext: Ext, amount: bigint): void {
  if (amount === 0n) return;
  const current = TotalIssuance.get(ext.state);
  TotalIssuance.set(ext.state, current > amount ? current - amount : 0n);
}

/**
 * Writes new balance data the way `StoredMap for frame_system::Pallet` does: an account "provides" while its data is
 * non-default; gaining data adds a provider (NewAccount), losing it removes one (KilledAccount when it was the last),
 * which fails with ConsumerRemaining while locks or other consumers still need the account.
 */
function storeData(
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
function mutateWithDust<R>(
  ext: Ext,
  who: Hex,
  f: (data: AccountDataValue, isNew: boolean) => R,
): { result: R; dust: bigint } {
  const info = SystemAccount.get(ext.state, who);
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
function loseDust(ext: Ext, who: Hex, dust: bigint): void {
  if (dust === 0n) return;
  Balances.emit(ext, 'DustLost', { account: who, amount: dust });
  subIssuance(ext, dust);
}

function mutateAccount<R>(ext: Ext, who: Hex, f: (data: AccountDataValue, isNew: boolean) => R): R {
  const { result, dust } = mutateWithDust(ext, who, f);
  loseDust(ext, who, dust);
  return result;
}

function ensureCanWithdraw(
  state: StateReader,
  who: Hex,
  amount: bigint,
  reasons: ReasonsValue,
  newFree: bigint,
): void {
  if (amount === 0n) return;
  if (newFree < frozen(dataOf(state, who), reasons)) throw Balances.error('LiquidityRestrictions');
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
  ext.transactional(() => {
    mutateAccount(ext, who, (data) => {
      if (data.free < amount) throw Balances.error('InsufficientBalance');
      const newFree = data.free - amount;
      const wouldBeDead = newFree + data.reserved < EXISTENTIAL_DEPOSIT;
      const wouldKill = wouldBeDead && data.free + data.reserved >= EXISTENTIAL_DEPOSIT;
      if (existence === 'KeepAlive' && wouldKill) throw Balances.error('KeepAlive');
      ensureCanWithdraw(ext.state, who, amount, reasonsOf(reason), newFree);
      data.free = newFree;
      Balances.emit(ext, 'Withdraw', { who, amount });
    });
    subIssuance(ext, amount);
  });
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
  ext.transactional(() => {
    mutateAccount(ext, who, (data) => {
      data.free += amount;
      Balances.emit(ext, 'Deposit', { who, amount });
    });
    addIssuance(ext, amount);
  });
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
function updateLocks(ext: Ext, who: Hex, list: BalanceLockValue[]): void {
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
function incConsumersWithoutLimit(ext: Ext, who: Hex): void {
  const info = SystemAccount.get(ext.state, who);
  if (info.providers > 0) SystemAccount.set(ext.state, who, { ...info, consumers: info.consumers + 1 });
}

/** `frame_system::dec_consumers` writes the record back even when it was absent (ValueQuery `mutate`). */
function decConsumers(ext: Ext, who: Hex): void {
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

// ---------------------------------------------------------------------------------------------------------------
// The pallet

const balanceArg = [compact(u128), 'T::Balance'] as const;
const lookupArg = [MultiAddress, 'AccountIdLookupOf<T>'] as const;
const accountField = [AccountId32, 'T::AccountId'] as const;
const amountField = [u128, 'T::Balance'] as const;

export const Balances = definePallet({
  name: 'Balances',
  index: 40,
  path: 'pallet_balances::pallet',
  generics: ['T', 'I'],
  alias: 'pallet_balances',
  storage: [TotalIssuance, Account, Locks, Reserves, StorageVersion],
  calls: {
    transfer: call({
      index: 0,
      args: { dest: lookupArg, value: balanceArg },
      docs: [
        'Transfer some liquid free balance to another account.',
        '',
        '`transfer` will set the `FreeBalance` of the sender and receiver.',
        "If the sender's account is below the existential deposit as a result",
        'of the transfer, the account will be reaped.',
        '',
        'The dispatch origin for this call must be `Signed` by the transactor.',
        '',
        '# <weight>',
        '- Dependent on arguments but not critical, given proper implementations for input config',
        '  types. See related functions below.',
        '- It contains a limited number of reads and writes internally and no complex',
        '  computation.',
        '',
        'Related functions:',
        '',
        '  - `ensure_can_withdraw` is always called internally but has a bounded complexity.',
        '  - Transferring balances to accounts that did not exist before will cause',
        '    `T::OnNewAccount::on_new_account` to be called.',
        '  - Removing enough funds from an account will trigger `T::DustRemoval::on_unbalanced`.',
        '  - `transfer_keep_alive` works the same way as `transfer`, but has an additional check',
        '    that the transfer will not kill the origin account.',
        '---------------------------------',
        '- Origin account is already in memory, so no DB operations for them.',
        '# </weight>',
      ],
      dispatch(ext, origin, { dest, value }) {
        if (origin.kind !== 'signed') throw badOrigin();
        transfer(ext, origin.who, lookupAddress(dest), value, 'AllowDeath');
      },
    }),
    set_balance: call({
      index: 1,
      args: { who: lookupArg, new_free: balanceArg, new_reserved: balanceArg },
      docs: [
        'Set the balances of a given account.',
        '',
        'This will alter `FreeBalance` and `ReservedBalance` in storage. it will',
        'also alter the total issuance of the system (`TotalIssuance`) appropriately.',
        'If the new free or reserved balance is below the existential deposit,',
        'it will reset the account nonce (`frame_system::AccountNonce`).',
        '',
        'The dispatch origin for this call is `root`.',
      ],
      dispatch(ext, origin, args) {
        if (origin.kind !== 'root') throw badOrigin();
        const who = lookupAddress(args.who);
        const wipeout = args.new_free + args.new_reserved < EXISTENTIAL_DEPOSIT;
        const newFree = wipeout ? 0n : args.new_free;
        const newReserved = wipeout ? 0n : args.new_reserved;
        const [oldFree, oldReserved] = mutateAccount(ext, who, (data) => {
          const old = [data.free, data.reserved] as const;
          data.free = newFree;
          data.reserved = newReserved;
          return old;
        });
        // The mutation itself does not touch TotalIssuance; the imbalances FRAME drops here do.
        if (newFree > oldFree) addIssuance(ext, newFree - oldFree);
        else subIssuance(ext, oldFree - newFree);
        if (newReserved > oldReserved) addIssuance(ext, newReserved - oldReserved);
        else subIssuance(ext, oldReserved - newReserved);
        Balances.emit(ext, 'BalanceSet', { who, free: newFree, reserved: newReserved });
      },
    }),
    force_transfer: call({
      index: 2,
      args: { source: lookupArg, dest: lookupArg, value: balanceArg },
      docs: [
        'Exactly as `transfer`, except the origin must be root and the source account may be',
        'specified.',
        '# <weight>',
        '- Same as transfer, but additional read and write because the source account is not',
        '  assumed to be in the overlay.',
        '# </weight>',
      ],
      dispatch(ext, origin, { source, dest, value }) {
        if (origin.kind !== 'root') throw badOrigin();
        const from = lookupAddress(source);
        transfer(ext, from, lookupAddress(dest), value, 'AllowDeath');
      },
    }),
    transfer_keep_alive: call({
      index: 3,
      args: { dest: lookupArg, value: balanceArg },
      docs: [
        'Same as the [`transfer`] call, but with a check that the transfer will not kill the',
        'origin account.',
        '',
        '99% of the time you want [`transfer`] instead.',
        '',
        '[`transfer`]: struct.Pallet.html#method.transfer',
      ],
      dispatch(ext, origin, { dest, value }) {
        if (origin.kind !== 'signed') throw badOrigin();
        transfer(ext, origin.who, lookupAddress(dest), value, 'KeepAlive');
      },
    }),
    transfer_all: call({
      index: 4,
      args: { dest: lookupArg, keep_alive: [bool, 'bool'] },
      docs: [
        'Transfer the entire transferable balance from the caller account.',
        '',
        'NOTE: This function only attempts to transfer _transferable_ balances. This means that',
        'any locked, reserved, or existential deposits (when `keep_alive` is `true`), will not be',
        'transferred by this function. To ensure that this function results in a killed account,',
        'you might need to prepare the account by removing any reference counters, storage',
        'deposits, etc...',
        '',
        'The dispatch origin of this call must be Signed.',
        '',
        '- `dest`: The recipient of the transfer.',
        '- `keep_alive`: A boolean to determine if the `transfer_all` operation should send all',
        '  of the funds the account has, causing the sender account to be killed (false), or',
        '  transfer everything except at least the existential deposit, which will guarantee to',
        '  keep the sender account alive (true). # <weight>',
        "- O(1). Just like transfer, but reading the user's transferable balance first.",
        '  #</weight>',
      ],
      dispatch(ext, origin, { dest, keep_alive }) {
        if (origin.kind !== 'signed') throw badOrigin();
        const amount = reducibleBalance(ext.state, origin.who, keep_alive);
        transfer(ext, origin.who, lookupAddress(dest), amount, keep_alive ? 'KeepAlive' : 'AllowDeath');
      },
    }),
    force_unreserve: call({
      index: 5,
      args: { who: lookupArg, amount: [u128, 'T::Balance'] },
      docs: ['Unreserve some balance from a user by force.', '', 'Can only be called by ROOT.'],
      dispatch(ext, origin, args) {
        if (origin.kind !== 'root') throw badOrigin();
        unreserve(ext, lookupAddress(args.who), args.amount);
      },
    }),
  },
  events: {
    Endowed: {
      index: 0,
      fields: { account: accountField, free_balance: amountField },
      docs: ['An account was created with some free balance.'],
    },
    DustLost: {
      index: 1,
      fields: { account: accountField, amount: amountField },
      docs: [
        'An account was removed whose balance was non-zero but below ExistentialDeposit,',
        'resulting in an outright loss.',
      ],
    },
    Transfer: {
      index: 2,
      fields: { from: accountField, to: accountField, amount: amountField },
      docs: ['Transfer succeeded.'],
    },
    BalanceSet: {
      index: 3,
      fields: { who: accountField, free: amountField, reserved: amountField },
      docs: ['A balance was set by root.'],
    },
    Reserved: {
      index: 4,
      fields: { who: accountField, amount: amountField },
      docs: ['Some balance was reserved (moved from free to reserved).'],
    },
    Unreserved: {
      index: 5,
      fields: { who: accountField, amount: amountField },
      docs: ['Some balance was unreserved (moved from reserved to free).'],
    },
    ReserveRepatriated: {
      index: 6,
      fields: {
        from: accountField,
        to: accountField,
        amount: amountField,
        destination_status: [BalanceStatus, 'Status'],
      },
      docs: [
        'Some balance was moved from the reserve of the first account to the second account.',
        'Final argument indicates the destination balance type.',
      ],
    },
    Deposit: {
      index: 7,
      fields: { who: accountField, amount: amountField },
      docs: ['Some amount was deposited (e.g. for transaction fees).'],
    },
    Withdraw: {
      index: 8,
      fields: { who: accountField, amount: amountField },
      docs: ['Some amount was withdrawn from the account (e.g. for transaction fees).'],
    },
    Slashed: {
      index: 9,
      fields: { who: accountField, amount: amountField },
      docs: ['Some amount was removed from the account (e.g. for misbehavior).'],
    },
  },
  errors: [
    ['VestingBalance', 'Vesting balance too high to send value'],
    ['LiquidityRestrictions', 'Account liquidity restrictions prevent withdrawal'],
    ['InsufficientBalance', 'Balance too low to send value'],
    ['ExistentialDeposit', 'Value too low to create account due to existential deposit'],
    ['KeepAlive', 'Transfer/payment would kill account'],
    ['ExistingVestingSchedule', 'A vesting schedule already exists for this account'],
    ['DeadAccount', 'Beneficiary account must pre-exist'],
    ['TooManyReserves', 'Number of named reserves exceed MaxReserves'],
  ],
  constants: {
    ExistentialDeposit: {
      type: u128,
      value: EXISTENTIAL_DEPOSIT,
      docs: [' The minimum amount required to keep an account open.'],
    },
    MaxLocks: {
      type: u32,
      value: MAX_LOCKS,
      docs: [
        ' The maximum number of locks that should exist on an account.',
        ' Not strictly enforced, but used for weight estimation.',
      ],
    },
    MaxReserves: {
      type: u32,
      value: MAX_RESERVES,
      docs: [' The maximum number of named reserves that can exist on an account.'],
    },
  },
  genesis(ext, config) {
    const seen = new Set<Hex>();
    let total = 0n;
    for (const [who, free] of config.endowed) {
      const id = who.toLowerCase() as Hex;
      if (seen.has(id)) throw new BalancesGenesisError('DUPLICATE_ACCOUNT', `${id} is endowed twice`);
      if (free < EXISTENTIAL_DEPOSIT) {
        throw new BalancesGenesisError(
          'BELOW_EXISTENTIAL_DEPOSIT',
          `${id} is endowed with ${free}, below the existential deposit`,
        );
      }
      seen.add(id);
      total += free;
    }
    if (total > U128_MAX)
      throw new BalancesGenesisError('OVERFLOW', `the endowments add up to ${total}, more than a u128`);
    TotalIssuance.set(ext.state, total);
    StorageVersion.set(ext.state, 'V2_0_0');
    for (const [who, free] of config.endowed) {
      const id = who.toLowerCase() as Hex;
      const info = SystemAccount.get(ext.state, id);
      setAccount(ext, id, { ...info, providers: info.providers + 1, data: { ...ZERO_DATA, free } });
    }
  },
});
