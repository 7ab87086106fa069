import { Weight } from '../../runtime/primitives.js';
import {
  byteArray,
  bytes,
  compact,
  option,
  type ScaleType,
  str,
  struct,
  tuple,
  u8,
  u32,
  u64,
  u128,
  type ValueOf,
  vec,
} from '../../scale/types.js';

export const AccountData = struct(
  'pallet_balances::AccountData',
  {
    free: [u128, 'Balance'],
    reserved: [u128, 'Balance'],
    misc_frozen: [u128, 'Balance'],
    fee_frozen: [u128, 'Balance'],
  },
  { params: [['Balance', u128]] },
);

export const AccountInfo = struct(
  'frame_system::AccountInfo',
  {
    nonce: [u32, 'Index'],
    consumers: [u32, 'RefCount'],
    providers: [u32, 'RefCount'],
    sufficients: [u32, 'RefCount'],
    data: [AccountData, 'AccountData'],
  },
  {
    params: [
      ['Index', u32],
      ['AccountData', AccountData],
    ],
  },
);

export type AccountInfoValue = ValueOf<typeof AccountInfo>;

export function perDispatchClass<T>(inner: ScaleType<T>, typeName: string) {
  return struct(
    'frame_support::dispatch::PerDispatchClass',
    { normal: [inner, typeName], operational: [inner, typeName], mandatory: [inner, typeName] },
    { params: [['T', inner]] },
  );
}

export const WeightsPerClass = struct('frame_system::limits::WeightsPerClass', {
  base_extrinsic: [Weight, 'Weight'],
  max_extrinsic: [option(Weight), 'Option<Weight>'],
  max_total: [option(Weight), 'Option<Weight>'],
  reserved: [option(Weight), 'Option<Weight>'],
});

export const BlockWeights = struct('frame_system::limits::BlockWeights', {
  base_block: [Weight, 'Weight'],
  max_block: [Weight, 'Weight'],
  per_class: [perDispatchClass(WeightsPerClass, 'WeightsPerClass'), 'PerDispatchClass<WeightsPerClass>'],
});

export const BlockLength = struct('frame_system::limits::BlockLength', {
  max: [perDispatchClass(u32, 'u32'), 'PerDispatchClass<u32>'],
});

export const RuntimeDbWeight = struct('sp_weights::RuntimeDbWeight', {
  read: [u64, 'u64'],
  write: [u64, 'u64'],
});

export const RuntimeVersionType = struct('sp_version::RuntimeVersion', {
  spec_name: [str, 'RuntimeString'],
  impl_name: [str, 'RuntimeString'],
  authoring_version: [u32, 'u32'],
  spec_version: [u32, 'u32'],
  impl_version: [u32, 'u32'],
  apis: [vec(tuple(byteArray(8), u32)), 'ApisVec'],
  transaction_version: [u32, 'u32'],
  state_version: [u8, 'u8'],
});

export const LastRuntimeUpgradeInfo = struct('frame_system::LastRuntimeUpgradeInfo', {
  spec_version: [compact(u32), 'codec::Compact<u32>'],
  spec_name: [str, 'sp_runtime::RuntimeString'],
});

export const KeyValue = tuple(bytes, bytes);
