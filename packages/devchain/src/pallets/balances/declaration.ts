import { definePallet } from '../../runtime/pallet.js';
import { AccountId32, MultiAddress } from '../../runtime/primitives.js';
import { compact, u128 } from '../../scale/types.js';
import { BalanceStatus } from './types.js';

export const balanceArg = [compact(u128), 'T::Balance'] as const;
export const lookupArg = [MultiAddress, 'AccountIdLookupOf<T>'] as const;
export const accountField = [AccountId32, 'T::AccountId'] as const;
export const amountField = [u128, 'T::Balance'] as const;

export const Declaration = definePallet({
  name: 'Balances',
  index: 40,
  path: 'pallet_balances::pallet',
  generics: ['T', 'I'],
  alias: 'pallet_balances',
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
});
