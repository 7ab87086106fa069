import { definePallet } from '../../runtime/pallet.js';
import { AccountId32 } from '../../runtime/primitives.js';
import { storageOf } from '../../runtime/storage.js';
import { enumType, newtype, u8, u128 } from '../../scale/types.js';
import { EXTRINSIC_BASE_WEIGHT } from '../system/index.js';

const store = storageOf('TransactionPayment');

const FixedU128 = newtype('sp_arithmetic::fixed_point::FixedU128', u128, 'u128');
const Releases = enumType('pallet_transaction_payment::Releases', { V1Ancient: null, V2: null });
const ONE = 10n ** 18n;

export const NextFeeMultiplier = store.value('NextFeeMultiplier', { value: FixedU128, default: ONE });
export const StorageVersion = store.value('StorageVersion', { value: Releases, default: 'V1Ancient' });

/** 1 PHA = 10^12; Khala's fee unit constants. */
export const CENTS = 10n ** 10n;
export const MILLICENTS = 10n ** 7n;
/** Each byte of an extrinsic costs one millicent (Khala's TransactionByteFee). */
export const TRANSACTION_BYTE_FEE = MILLICENTS;
/** Khala's WeightToFee: the base extrinsic weight costs a tenth of a cent. */
export function weightToFee(refTime: bigint): bigint {
  return (refTime * (CENTS / 10n)) / EXTRINSIC_BASE_WEIGHT;
}

export interface FeeDetails {
  baseFee: bigint;
  lenFee: bigint;
  adjustedWeightFee: bigint;
  tip: bigint;
}

/** The fee of an extrinsic as pallet_transaction_payment computes it (multiplier fixed at 1). */
export function computeFee(length: number, callWeight: bigint, tip: bigint, paysFee = true): FeeDetails {
  if (!paysFee) return { baseFee: 0n, lenFee: 0n, adjustedWeightFee: 0n, tip };
  return {
    baseFee: weightToFee(EXTRINSIC_BASE_WEIGHT),
    lenFee: BigInt(length) * TRANSACTION_BYTE_FEE,
    adjustedWeightFee: weightToFee(callWeight),
    tip,
  };
}

export function totalFee(details: FeeDetails): bigint {
  return details.baseFee + details.lenFee + details.adjustedWeightFee + details.tip;
}

export const TransactionPayment = definePallet({
  name: 'TransactionPayment',
  index: 41,
  path: 'pallet_transaction_payment::pallet',
  alias: 'pallet_transaction_payment',
  storage: [NextFeeMultiplier, StorageVersion],
  events: {
    TransactionFeePaid: {
      index: 0,
      fields: {
        who: [AccountId32, 'T::AccountId'],
        actual_fee: [u128, 'BalanceOf<T>'],
        tip: [u128, 'BalanceOf<T>'],
      },
      docs: [
        ' A transaction fee `actual_fee`, of which `tip` was added to the minimum inclusion fee,',
        ' has been paid by `who`.',
      ],
    },
  },
  constants: {
    OperationalFeeMultiplier: {
      type: u8,
      value: 5,
      docs: [
        ' A fee mulitplier for `Operational` extrinsics to compute "virtual tip" to boost their',
        ' `priority`',
      ],
    },
  },
  genesis(ext) {
    StorageVersion.set(ext.state, 'V2');
  },
});
