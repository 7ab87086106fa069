import { byteArray, enumType, newtype, struct, u128, type ValueOf, vec } from '../../scale/types.js';
import { AccountData } from '../system/types.js';

export { AccountData };
export type AccountDataValue = ValueOf<typeof AccountData>;

export type ReasonsValue = 'Fee' | 'Misc' | 'All';
/** Which withdrawals a lock blocks: transaction fees, everything else, or both. */
export const Reasons = enumType<ReasonsValue>('pallet_balances::Reasons', {
  Fee: null,
  Misc: null,
  All: null,
});

const LockIdentifier = byteArray(8);

export const BalanceLock = struct(
  'pallet_balances::BalanceLock',
  {
    id: [LockIdentifier, 'LockIdentifier'],
    amount: [u128, 'Balance'],
    reasons: [Reasons, 'Reasons'],
  },
  { params: [['Balance', u128]] },
);
export type BalanceLockValue = ValueOf<typeof BalanceLock>;

/** `WeakBoundedVec<BalanceLock, MaxLocks>`: the bound is only advisory, so more locks are stored, not refused. */
export const BalanceLocks = newtype(
  'sp_core::bounded::weak_bounded_vec::WeakBoundedVec',
  vec(BalanceLock),
  'Vec<T>',
  {
    params: [['T', BalanceLock], ['S']],
  },
);

export const ReserveData = struct(
  'pallet_balances::ReserveData',
  {
    id: [LockIdentifier, 'ReserveIdentifier'],
    amount: [u128, 'Balance'],
  },
  {
    params: [
      ['ReserveIdentifier', LockIdentifier],
      ['Balance', u128],
    ],
  },
);

export const ReserveDatas = newtype('sp_core::bounded::bounded_vec::BoundedVec', vec(ReserveData), 'Vec<T>', {
  params: [['T', ReserveData], ['S']],
});

export type ReleasesValue = 'V1_0_0' | 'V2_0_0';
export const Releases = enumType<ReleasesValue>('pallet_balances::Releases', { V1_0_0: null, V2_0_0: null });

export const BalanceStatus = enumType<'Free' | 'Reserved'>(
  'frame_support::traits::tokens::misc::BalanceStatus',
  {
    Free: null,
    Reserved: null,
  },
);
