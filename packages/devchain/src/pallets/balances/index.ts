/**
 * pallet_balances as Khala runs it (FRAME polkadot-v0.9.30, `AccountStore = System`, `DustRemoval = ()`): balances
 * live in `System.Account.data`; `Balances.Account` is declared for the metadata only and never written.
 */
import { lookupAddress, TREASURY_ACCOUNT } from '../../runtime/accounts.js';
import { badOrigin, call, definePallet } from '../../runtime/pallet.js';
import { bool, type Hex, u32, u128 } from '../../scale/types.js';
import { Account as SystemAccount, setAccount } from '../system/index.js';
import { addIssuance, mutateAccount, subIssuance, transfer, unreserve } from './currency.js';
import { balanceArg, Declaration, lookupArg } from './declaration.js';
import { reducibleBalance } from './reads.js';
import {
  Account,
  BalancesGenesisError,
  EXISTENTIAL_DEPOSIT,
  Locks,
  MAX_LOCKS,
  MAX_RESERVES,
  Reserves,
  StorageVersion,
  TotalIssuance,
  U128_MAX,
  ZERO_DATA,
} from './storage.js';

export {
  deposit,
  removeLock,
  reserve,
  setLock,
  slash,
  transfer,
  unreserve,
  withdraw,
} from './currency.js';
export {
  freeBalance,
  locks,
  reducibleBalance,
  reservedBalance,
  totalBalance,
  totalIssuance,
  usableBalance,
} from './reads.js';
export * from './storage.js';
export * from './types.js';
export { TREASURY_ACCOUNT };

export const Balances = definePallet({
  ...Declaration.spec,
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
      if (seen.has(id)) throw new BalancesGenesisError('DuplicateAccount', `${id} is endowed twice`);
      if (free < EXISTENTIAL_DEPOSIT) {
        throw new BalancesGenesisError(
          'BelowExistentialDeposit',
          `${id} is endowed with ${free}, below the existential deposit`,
        );
      }
      seen.add(id);
      total += free;
    }
    if (total > U128_MAX)
      throw new BalancesGenesisError('Overflow', `the endowments add up to ${total}, more than a u128`);
    TotalIssuance.set(ext.state, total);
    StorageVersion.set(ext.state, 'V2_0_0');
    for (const [who, free] of config.endowed) {
      const id = who.toLowerCase() as Hex;
      const info = SystemAccount.get(ext.state, id);
      setAccount(ext, id, { ...info, providers: info.providers + 1, data: { ...ZERO_DATA, free } });
    }
  },
});
