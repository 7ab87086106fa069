import { beforeEach, describe, expect, it } from 'vitest';
import {
  BALANCES_ALICE,
  BALANCES_BOB,
  BALANCES_CHARLIE,
  balancesExt,
  callOf,
  errorOf,
  eventNames,
  eventsOf,
  idOf,
  moduleError,
  PHA,
  ROOT,
  runCall,
  STAKE_POOL_LOCK,
  signed,
} from '../../../test/helpers/palletTest.js';
import type { Ext } from '../../runtime/ext.js';
import { Account as SystemAccount } from '../system/index.js';
import {
  Balances,
  deposit,
  EXISTENTIAL_DEPOSIT,
  freeBalance,
  reserve,
  reservedBalance,
  setLock,
  slash,
  TotalIssuance,
  totalIssuance,
  unreserve,
  withdraw,
} from './index.js';

const ED = EXISTENTIAL_DEPOSIT;
const ALICE = BALANCES_ALICE;
const BOB = BALANCES_BOB;
const CHARLIE = BALANCES_CHARLIE;
const LOCK_A = STAKE_POOL_LOCK;
const err = (name: string) => moduleError(Balances, name);

describe('withdraw / deposit / slash', () => {
  let ext: Ext;
  beforeEach(() => {
    ext = balancesExt();
  });

  it('withdraw burns from free balance and reports Withdraw', () => {
    withdraw(ext, ALICE, PHA, 'fee', 'KeepAlive');
    expect(eventsOf(ext)).toEqual([{ name: 'Balances.Withdraw', fields: { who: ALICE, amount: PHA } }]);
    expect(freeBalance(ext.state, ALICE)).toBe(99n * PHA);
    expect(TotalIssuance.get(ext.state)).toBe(109n * PHA);
  });

  it('withdraw fails with InsufficientBalance or KeepAlive and leaves no trace', () => {
    expect(errorOf(() => withdraw(ext, BOB, 11n * PHA, 'fee', 'AllowDeath'))).toEqual(
      err('InsufficientBalance'),
    );
    expect(errorOf(() => withdraw(ext, BOB, 10n * PHA, 'fee', 'KeepAlive'))).toEqual(err('KeepAlive'));
    expect(ext.events).toEqual([]);
    expect(freeBalance(ext.state, BOB)).toBe(10n * PHA);
  });

  it('withdraw respects the locks of its reason: misc ones for misc, fee ones for fees', () => {
    setLock(ext, LOCK_A, ALICE, 90n * PHA, 'Misc');
    ext.events.length = 0;
    expect(errorOf(() => withdraw(ext, ALICE, 20n * PHA, 'misc', 'KeepAlive'))).toEqual(
      err('LiquidityRestrictions'),
    );
    expect(ext.events).toEqual([]);
    withdraw(ext, ALICE, 10n * PHA, 'misc', 'KeepAlive'); // down to the lock exactly
    withdraw(ext, ALICE, 20n * PHA, 'fee', 'KeepAlive'); // a misc lock does not hold fees back
    expect(freeBalance(ext.state, ALICE)).toBe(70n * PHA);
    setLock(ext, LOCK_A, ALICE, 60n * PHA, 'All');
    expect(errorOf(() => withdraw(ext, ALICE, 11n * PHA, 'fee', 'KeepAlive'))).toEqual(
      err('LiquidityRestrictions'),
    );
  });

  it('withdraw with AllowDeath reaps the account and loses its dust', () => {
    withdraw(ext, BOB, 10n * PHA - 5n, 'misc', 'AllowDeath');
    expect(eventNames(ext)).toEqual(['Balances.Withdraw', 'System.KilledAccount', 'Balances.DustLost']);
    expect(totalIssuance(ext.state)).toBe(100n * PHA);
  });

  it('reaping an account that still has consumers fails with ConsumerRemaining', () => {
    setLock(ext, LOCK_A, BOB, 1n, 'Misc');
    ext.events.length = 0;
    const issuance = totalIssuance(ext.state);
    expect(errorOf(() => withdraw(ext, BOB, 10n * PHA - 1n, 'fee', 'AllowDeath'))).toBe('ConsumerRemaining');
    expect(freeBalance(ext.state, BOB)).toBe(10n * PHA);
    // the Withdraw event raised before the failing check is taken back, and nothing was burnt
    expect(ext.events).toEqual([]);
    expect(totalIssuance(ext.state)).toBe(issuance);
  });

  it('deposit mints into existing and new accounts', () => {
    deposit(ext, ALICE, PHA);
    deposit(ext, CHARLIE, ED);
    expect(eventsOf(ext)).toEqual([
      { name: 'Balances.Deposit', fields: { who: ALICE, amount: PHA } },
      { name: 'Balances.Deposit', fields: { who: CHARLIE, amount: ED } },
      { name: 'System.NewAccount', fields: { account: CHARLIE } },
      { name: 'Balances.Endowed', fields: { account: CHARLIE, free_balance: ED } },
    ]);
    expect(totalIssuance(ext.state)).toBe(111n * PHA + ED);
  });

  it('deposit below the ED into a missing account does nothing', () => {
    deposit(ext, CHARLIE, ED - 1n);
    expect(ext.events).toEqual([]);
    expect(SystemAccount.has(ext.state, CHARLIE)).toBe(false);
    expect(totalIssuance(ext.state)).toBe(110n * PHA);
  });

  it('slash takes free then reserved balance, ignoring locks', () => {
    reserve(ext, ALICE, 10n * PHA);
    setLock(ext, LOCK_A, ALICE, 90n * PHA, 'All');
    ext.events.length = 0;
    expect(slash(ext, ALICE, 95n * PHA)).toBe(95n * PHA);
    expect(freeBalance(ext.state, ALICE)).toBe(0n);
    expect(reservedBalance(ext.state, ALICE)).toBe(5n * PHA);
    expect(eventsOf(ext)).toEqual([{ name: 'Balances.Slashed', fields: { who: ALICE, amount: 95n * PHA } }]);
    expect(totalIssuance(ext.state)).toBe(15n * PHA);
  });

  it('slash leaves the ED when the account must not be reaped (it has consumers)', () => {
    setLock(ext, LOCK_A, BOB, PHA, 'All');
    expect(slash(ext, BOB, 20n * PHA)).toBe(10n * PHA - ED);
    expect(freeBalance(ext.state, BOB)).toBe(ED);
  });

  it('slash may reap an account without consumers', () => {
    expect(slash(ext, BOB, 20n * PHA)).toBe(10n * PHA);
    expect(SystemAccount.has(ext.state, BOB)).toBe(false);
    expect(slash(ext, CHARLIE, PHA)).toBe(0n);
  });

  it('reserve needs free, unlocked balance; unreserve returns what was not reserved', () => {
    expect(errorOf(() => reserve(ext, BOB, 11n * PHA))).toEqual(err('InsufficientBalance'));
    setLock(ext, LOCK_A, BOB, 5n * PHA, 'Misc');
    expect(errorOf(() => reserve(ext, BOB, 6n * PHA))).toEqual(err('LiquidityRestrictions'));
    reserve(ext, BOB, 5n * PHA);
    expect(reservedBalance(ext.state, BOB)).toBe(5n * PHA);
    expect(unreserve(ext, BOB, 7n * PHA)).toBe(2n * PHA);
    expect(reservedBalance(ext.state, BOB)).toBe(0n);
    expect(freeBalance(ext.state, BOB)).toBe(10n * PHA);
    expect(unreserve(ext, CHARLIE, PHA)).toBe(PHA);
  });
});

describe('root calls', () => {
  let ext: Ext;
  beforeEach(() => {
    ext = balancesExt();
  });

  it('set_balance is root only, adjusts TotalIssuance and reports BalanceSet', () => {
    const call = callOf('Balances', 'set_balance', {
      who: idOf(CHARLIE),
      new_free: 7n * PHA,
      new_reserved: PHA,
    });
    expect(runCall(ext, signed(ALICE), call)).toBe('BadOrigin');
    expect(runCall(ext, ROOT, call)).toBeUndefined();
    expect(eventNames(ext)).toEqual(['System.NewAccount', 'Balances.Endowed', 'Balances.BalanceSet']);
    expect(totalIssuance(ext.state)).toBe(118n * PHA);
    expect(
      runCall(
        ext,
        ROOT,
        callOf('Balances', 'set_balance', { who: idOf(ALICE), new_free: 60n * PHA, new_reserved: 0n }),
      ),
    ).toBeUndefined();
    expect(totalIssuance(ext.state)).toBe(78n * PHA);
  });

  it('set_balance below the ED wipes the account out', () => {
    const call = callOf('Balances', 'set_balance', { who: idOf(BOB), new_free: ED - 1n, new_reserved: 0n });
    expect(runCall(ext, ROOT, call)).toBeUndefined();
    expect(SystemAccount.has(ext.state, BOB)).toBe(false);
    expect(eventsOf(ext, 'Balances')).toEqual([
      { name: 'Balances.BalanceSet', fields: { who: BOB, free: 0n, reserved: 0n } },
    ]);
    expect(totalIssuance(ext.state)).toBe(100n * PHA);
  });

  it('force_transfer is root only and moves from any account', () => {
    const call = callOf('Balances', 'force_transfer', {
      source: idOf(BOB),
      dest: idOf(ALICE),
      value: 4n * PHA,
    });
    expect(runCall(ext, signed(BOB), call)).toBe('BadOrigin');
    expect(runCall(ext, ROOT, call)).toBeUndefined();
    expect(freeBalance(ext.state, BOB)).toBe(6n * PHA);
    expect(eventsOf(ext)).toEqual([
      { name: 'Balances.Transfer', fields: { from: BOB, to: ALICE, amount: 4n * PHA } },
    ]);
  });

  it('force_unreserve is root only', () => {
    reserve(ext, ALICE, 3n * PHA);
    const call = callOf('Balances', 'force_unreserve', { who: idOf(ALICE), amount: 2n * PHA });
    expect(runCall(ext, signed(ALICE), call)).toBe('BadOrigin');
    ext.events.length = 0;
    expect(runCall(ext, ROOT, call)).toBeUndefined();
    expect(eventsOf(ext)).toEqual([
      { name: 'Balances.Unreserved', fields: { who: ALICE, amount: 2n * PHA } },
    ]);
    expect(reservedBalance(ext.state, ALICE)).toBe(PHA);
  });
});

describe('Balances.transfer_all', () => {
  it('with keep_alive leaves the ED and respects locks', () => {
    const ext = balancesExt();
    setLock(ext, LOCK_A, ALICE, 40n * PHA, 'All');
    expect(
      runCall(
        ext,
        signed(ALICE),
        callOf('Balances', 'transfer_all', { dest: idOf(CHARLIE), keep_alive: true }),
      ),
    ).toBeUndefined();
    // The 40 PHA lock already keeps the account above the ED.
    expect(freeBalance(ext.state, ALICE)).toBe(40n * PHA);
    expect(
      runCall(
        ext,
        signed(BOB),
        callOf('Balances', 'transfer_all', { dest: idOf(CHARLIE), keep_alive: true }),
      ),
    ).toBeUndefined();
    expect(freeBalance(ext.state, BOB)).toBe(ED);
  });

  it('without keep_alive empties and reaps the sender', () => {
    const ext = balancesExt();
    expect(
      runCall(ext, signed(BOB), callOf('Balances', 'transfer_all', { dest: idOf(ALICE), keep_alive: false })),
    ).toBeUndefined();
    expect(SystemAccount.has(ext.state, BOB)).toBe(false);
    expect(freeBalance(ext.state, ALICE)).toBe(110n * PHA);
  });

  it('without keep_alive but with a consumer keeps the ED', () => {
    const ext = balancesExt();
    setLock(ext, LOCK_A, BOB, 1n, 'Fee');
    expect(
      runCall(ext, signed(BOB), callOf('Balances', 'transfer_all', { dest: idOf(ALICE), keep_alive: false })),
    ).toBeUndefined();
    expect(freeBalance(ext.state, BOB)).toBe(ED);
  });

  it('needs a signed origin', () => {
    const ext = balancesExt();
    expect(
      runCall(ext, ROOT, callOf('Balances', 'transfer_all', { dest: idOf(ALICE), keep_alive: false })),
    ).toBe('BadOrigin');
  });
});

describe('Balances metadata declarations', () => {
  it('lists the errors in Khala order', () => {
    const names = [
      'VestingBalance',
      'LiquidityRestrictions',
      'InsufficientBalance',
      'ExistentialDeposit',
      'KeepAlive',
    ];
    for (const [index, name] of names.entries()) expect(Balances.errorIndex(name as never)).toBe(index);
    expect(Balances.error('TooManyReserves').error).toEqual({
      tag: 'Module',
      value: { index: 40, error: '0x07000000' },
    });
  });
});
