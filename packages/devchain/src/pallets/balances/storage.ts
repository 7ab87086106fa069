import { InputError } from '@phala-mining/errors';
import { AccountId32 } from '../../runtime/primitives.js';
import { storageOf } from '../../runtime/storage.js';
import { u128 } from '../../scale/types.js';
import {
  AccountData,
  type AccountDataValue,
  BalanceLocks,
  Releases,
  type ReleasesValue,
  ReserveDatas,
} from './types.js';

/** 1 CENT = 0.01 PHA. */
export const EXISTENTIAL_DEPOSIT = 10_000_000_000n;
export const MAX_LOCKS = 50;
export const MAX_RESERVES = 50;
export const U128_MAX = (1n << 128n) - 1n;

export const ZERO_DATA: AccountDataValue = { free: 0n, reserved: 0n, misc_frozen: 0n, fee_frozen: 0n };

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
export class BalancesGenesisError extends InputError {
  override readonly name = 'BalancesGenesisError' as const;
  constructor(
    readonly code: 'BelowExistentialDeposit' | 'DuplicateAccount' | 'Overflow',
    message: string,
  ) {
    super(message);
  }
}

export type Existence = 'KeepAlive' | 'AllowDeath';
export type WithdrawReason = 'fee' | 'misc';
