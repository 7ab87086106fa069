/** Types of the runtime APIs the node serves through `state_call` and advertises in V15 metadata. */
import {
  bool,
  bytes,
  enumType,
  newtype,
  option,
  result,
  struct,
  u8,
  u64,
  u128,
  unit,
  vec,
} from '../scale/types.js';
import { DispatchClass, DispatchErrorType, Weight } from './primitives.js';

export const OpaqueMetadata = newtype('sp_core::OpaqueMetadata', bytes, 'Vec<u8>');

export const InvalidTransactionType = enumType('sp_runtime::transaction_validity::InvalidTransaction', {
  Call: null,
  Payment: null,
  Future: null,
  Stale: null,
  BadProof: null,
  AncientBirthBlock: null,
  ExhaustsResources: null,
  Custom: { fields: [[u8, 'u8']] },
  BadMandatory: null,
  MandatoryValidation: null,
  BadSigner: null,
});

export const UnknownTransactionType = enumType('sp_runtime::transaction_validity::UnknownTransaction', {
  CannotLookup: null,
  NoUnsignedValidator: null,
  Custom: { fields: [[u8, 'u8']] },
});

export const TransactionValidityErrorType = enumType(
  'sp_runtime::transaction_validity::TransactionValidityError',
  {
    Invalid: { fields: [[InvalidTransactionType, 'InvalidTransaction']] },
    Unknown: { fields: [[UnknownTransactionType, 'UnknownTransaction']] },
  },
);

export const ValidTransactionType = struct('sp_runtime::transaction_validity::ValidTransaction', {
  priority: [u64, 'TransactionPriority'],
  requires: [vec(bytes), 'Vec<TransactionTag>'],
  provides: [vec(bytes), 'Vec<TransactionTag>'],
  longevity: [u64, 'TransactionLongevity'],
  propagate: [bool, 'bool'],
});

export const TransactionValidity = result(ValidTransactionType, TransactionValidityErrorType);

export const TransactionSource = enumType('sp_runtime::transaction_validity::TransactionSource', {
  InBlock: null,
  Local: null,
  External: null,
});

export const DispatchResult = result(unit, DispatchErrorType);
export const ApplyExtrinsicResult = result(DispatchResult, TransactionValidityErrorType);

export const RuntimeDispatchInfo = struct(
  'pallet_transaction_payment::types::RuntimeDispatchInfo',
  { weight: [Weight, 'Weight'], class: [DispatchClass, 'DispatchClass'], partial_fee: [u128, 'Balance'] },
  {
    params: [
      ['Balance', u128],
      ['Weight', Weight],
    ],
  },
);

export const InclusionFee = struct(
  'pallet_transaction_payment::types::InclusionFee',
  { base_fee: [u128, 'Balance'], len_fee: [u128, 'Balance'], adjusted_weight_fee: [u128, 'Balance'] },
  { params: [['Balance', u128]] },
);

export const FeeDetails = struct(
  'pallet_transaction_payment::types::FeeDetails',
  { inclusion_fee: [option(InclusionFee), 'Option<InclusionFee<Balance>>'], tip: [u128, 'Balance'] },
  { params: [['Balance', u128]] },
);
