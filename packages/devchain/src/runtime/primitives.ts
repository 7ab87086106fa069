/** Substrate primitive types, declared with the paths and shapes Khala's metadata uses. */
import {
  byteArray,
  bytes,
  compact,
  type EnumValue,
  emptyStruct,
  enumType,
  type Hex,
  newtype,
  type ScaleType,
  struct,
  u8,
  u32,
  u64,
  u128,
  unit,
  vec,
} from '../scale/types.js';

export const Bytes32 = byteArray(32);
export const AccountId32 = newtype('sp_core::crypto::AccountId32', Bytes32, '[u8; 32]');
export const H256 = newtype('primitive_types::H256', Bytes32, '[u8; 32]');
export const Sr25519Public = newtype('sp_core::sr25519::Public', Bytes32, '[u8; 32]');
export const Perbill = newtype('sp_arithmetic::per_things::Perbill', u32, 'u32');
export const Permill = newtype('sp_arithmetic::per_things::Permill', u32, 'u32');
export const Balance = u128;
export const BlockNumber = u32;
export const Index = u32;

export const Weight = struct('sp_weights::weight_v2::Weight', {
  ref_time: [compact(u64), 'u64'],
  proof_size: [compact(u64), 'u64'],
});

/** Khala looks accounts up by id only (`MultiAddress<AccountId32, ()>`), so the `Index` variant holds `Compact<()>`. */
const CompactUnit: ScaleType<null> = {
  def: { kind: 'compact', inner: unit },
  path: [],
  params: [],
  docs: [],
  codec: emptyStruct('').codec,
};

export type MultiAddressValue =
  | { tag: 'Id'; value: Hex }
  | { tag: 'Index'; value: null }
  | { tag: 'Raw'; value: Hex }
  | { tag: 'Address32'; value: Hex }
  | { tag: 'Address20'; value: Hex };

export const MultiAddress = enumType<MultiAddressValue>(
  'sp_runtime::multiaddress::MultiAddress',
  {
    Id: { fields: [[AccountId32, 'AccountId']] },
    Index: { fields: [[CompactUnit, 'AccountIndex']] },
    Raw: { fields: [[bytes, 'Vec<u8>']] },
    Address32: { fields: [[Bytes32, '[u8; 32]']] },
    Address20: { fields: [[byteArray(20), '[u8; 20]']] },
  },
  {
    params: [
      ['AccountId', AccountId32],
      ['AccountIndex', unit],
    ],
  },
);

export type MultiSignatureValue = { tag: 'Ed25519' | 'Sr25519' | 'Ecdsa'; value: Hex };
export const MultiSignature = enumType<MultiSignatureValue>('sp_runtime::MultiSignature', {
  Ed25519: {
    fields: [[newtype('sp_core::ed25519::Signature', byteArray(64), '[u8; 64]'), 'ed25519::Signature']],
  },
  Sr25519: {
    fields: [[newtype('sp_core::sr25519::Signature', byteArray(64), '[u8; 64]'), 'sr25519::Signature']],
  },
  Ecdsa: { fields: [[newtype('sp_core::ecdsa::Signature', byteArray(65), '[u8; 65]'), 'ecdsa::Signature']] },
});

/** `Era`: Immortal plus Mortal1..Mortal255, each carrying the second byte of the two-byte encoding. */
const eraVariants: Record<string, { index: number; fields?: [typeof u8] }> = { Immortal: { index: 0 } };
for (let i = 1; i < 256; i++) eraVariants[`Mortal${i}`] = { index: i, fields: [u8] };
export const Era = enumType<EnumValue>('sp_runtime::generic::era::Era', eraVariants);

export const ModuleError = struct('sp_runtime::ModuleError', {
  index: [u8, 'u8'],
  error: [byteArray(4), '[u8; MAX_MODULE_ERROR_ENCODED_SIZE]'],
});
export const TokenError = enumType('sp_runtime::TokenError', {
  NoFunds: null,
  WouldDie: null,
  BelowMinimum: null,
  CannotCreate: null,
  UnknownAsset: null,
  Frozen: null,
  Unsupported: null,
});
export const ArithmeticError = enumType('sp_runtime::ArithmeticError', {
  Underflow: null,
  Overflow: null,
  DivisionByZero: null,
});
export const TransactionalError = enumType('sp_runtime::TransactionalError', {
  LimitReached: null,
  NoLayer: null,
});
export const DispatchErrorType = enumType('sp_runtime::DispatchError', {
  Other: null,
  CannotLookup: null,
  BadOrigin: null,
  Module: { fields: [[ModuleError, 'ModuleError']] },
  ConsumerRemaining: null,
  NoProviders: null,
  TooManyConsumers: null,
  Token: { fields: [[TokenError, 'TokenError']] },
  Arithmetic: { fields: [[ArithmeticError, 'ArithmeticError']] },
  Transactional: { fields: [[TransactionalError, 'TransactionalError']] },
});

export const DispatchClass = enumType('frame_support::dispatch::DispatchClass', {
  Normal: null,
  Operational: null,
  Mandatory: null,
});
export const Pays = enumType('frame_support::dispatch::Pays', { Yes: null, No: null });
export const DispatchInfo = struct('frame_support::dispatch::DispatchInfo', {
  weight: [Weight, 'Weight'],
  class: [DispatchClass, 'DispatchClass'],
  pays_fee: [Pays, 'Pays'],
});

export const Phase = enumType('frame_system::Phase', {
  ApplyExtrinsic: { fields: [[u32, 'u32']] },
  Finalization: null,
  Initialization: null,
});

export const DigestItem = enumType('sp_runtime::generic::digest::DigestItem', {
  Other: { index: 0, fields: [[bytes, 'Vec<u8>']] },
  Consensus: {
    index: 4,
    fields: [
      [byteArray(4), 'ConsensusEngineId'],
      [bytes, 'Vec<u8>'],
    ],
  },
  Seal: {
    index: 5,
    fields: [
      [byteArray(4), 'ConsensusEngineId'],
      [bytes, 'Vec<u8>'],
    ],
  },
  PreRuntime: {
    index: 6,
    fields: [
      [byteArray(4), 'ConsensusEngineId'],
      [bytes, 'Vec<u8>'],
    ],
  },
  RuntimeEnvironmentUpdated: { index: 8 },
});
export const Digest = struct('sp_runtime::generic::digest::Digest', {
  logs: [vec(DigestItem), 'Vec<DigestItem>'],
});

/** The block header as SCALE encodes it (`number` is compact). */
export const Header = struct(
  'sp_runtime::generic::header::Header',
  {
    parent_hash: [H256, 'Hash::Output'],
    number: [compact(u32), 'Number'],
    state_root: [H256, 'Hash::Output'],
    extrinsics_root: [H256, 'Hash::Output'],
    digest: [Digest, 'Digest'],
  },
  { params: [['Number', u32], ['Hash']] },
);

export const NoFields = emptyStruct;
