import { hexToU8a } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import type { EventRecordValue, Ext } from '../../runtime/ext.js';
import type { RuntimeVersion, StateReader } from '../../runtime/interface.js';
import { badOrigin, call, definePallet } from '../../runtime/pallet.js';
import {
  AccountId32,
  Digest,
  DispatchErrorType,
  DispatchInfo,
  H256,
  Perbill,
  Phase,
  Weight,
} from '../../runtime/primitives.js';
import { type StorageValue, storageOf, storagePrefix } from '../../runtime/storage.js';
import { bool, bytes, type Hex, type ScaleType, tuple, u16, u32, u64, vec } from '../../scale/types.js';
import {
  AccountInfo,
  type AccountInfoValue,
  BlockLength,
  BlockWeights,
  KeyValue,
  LastRuntimeUpgradeInfo,
  perDispatchClass,
  RuntimeDbWeight,
  RuntimeVersionType,
} from './types.js';

export * from './types.js';

const store = storageOf('System');
const zeroWeight = { ref_time: 0n, proof_size: 0n };

export const Account = store.map('Account', 'Blake2_128Concat', AccountId32, {
  value: AccountInfo,
  default: {
    nonce: 0,
    consumers: 0,
    providers: 0,
    sufficients: 0,
    data: { free: 0n, reserved: 0n, misc_frozen: 0n, fee_frozen: 0n },
  },
  docs: [' The full account information for a particular account ID.'],
});
export const ExtrinsicCount = store.value('ExtrinsicCount', {
  value: u32,
  docs: [' Total extrinsics count for the current block.'],
});
export const BlockWeight = store.value('BlockWeight', {
  value: perDispatchClass(Weight, 'Weight'),
  default: { normal: zeroWeight, operational: zeroWeight, mandatory: zeroWeight },
  docs: [' The current weight for the block.'],
});
export const AllExtrinsicsLen = store.value('AllExtrinsicsLen', {
  value: u32,
  docs: [' Total length (in bytes) for all extrinsics put together, for the current block.'],
});
export const BlockHash = store.map('BlockHash', 'Twox64Concat', u32, {
  value: H256,
  default: `0x${'00'.repeat(32)}` as Hex,
  docs: [' Map of block numbers to block hashes.'],
});
export const ExtrinsicData = store.map('ExtrinsicData', 'Twox64Concat', u32, {
  value: bytes,
  default: '0x' as Hex,
  docs: [" Extrinsics data for the current block (maps an extrinsic's index to its data)."],
});
/** `System.Number` (named so as not to shadow the global `Number`) */
export const BlockNumber = store.value('Number', {
  value: u32,
  default: 0,
  docs: [' The current block number being processed. Set by `execute_block`.'],
});
export const ParentHash = store.value('ParentHash', {
  value: H256,
  default: `0x${'00'.repeat(32)}` as Hex,
  docs: [' Hash of the previous block.'],
});
export const DigestItem = store.value('Digest', {
  value: Digest,
  default: { logs: [] },
  docs: [' Digest of the current block, also part of the block header.'],
});
/** `System.Events`, typed by one runtime's `EventRecord` (its RuntimeEvent is that runtime's). */
export function eventsStorage(
  EventRecords: ScaleType<EventRecordValue[]>,
): StorageValue<EventRecordValue[], true> {
  return store.value('Events', {
    value: EventRecords,
    default: [] as EventRecordValue[],
    docs: [' Events deposited for the current block.'],
  });
}
/** The `System.Events` storage key (the same in every runtime). */
export const EVENTS_KEY = storagePrefix('System', 'Events');
export const EventCount = store.value('EventCount', {
  value: u32,
  default: 0,
  docs: [' The number of events in the `Events<T>` list.'],
});
export const EventTopics = store.map('EventTopics', 'Blake2_128Concat', H256, {
  value: vec(tuple(u32, u32)),
  default: [],
  docs: [
    ' Mapping between a topic (represented by T::Hash) and a vector of indexes of events in the `<Events<T>>` list.',
  ],
});
export const LastRuntimeUpgrade = store.value('LastRuntimeUpgrade', {
  value: LastRuntimeUpgradeInfo,
  docs: [' Stores the `spec_version` and `spec_name` of when the last runtime upgrade happened.'],
});
export const UpgradedToU32RefCount = store.value('UpgradedToU32RefCount', {
  value: bool,
  default: false,
  docs: [' True if we have upgraded so that `type RefCount` is `u32`. False (default) if not.'],
});
export const UpgradedToTripleRefCount = store.value('UpgradedToTripleRefCount', {
  value: bool,
  default: false,
  docs: [' True if we have upgraded so that AccountInfo contains three types of `RefCount`.'],
});
export const ExecutionPhase = store.value('ExecutionPhase', {
  value: Phase,
  docs: [' The execution phase of the block.'],
});

/** Blocks whose hashes stay in `BlockHash`, and how far back a mortal era may start. */
export const BLOCK_HASH_COUNT = 1200;
export const SS58_PREFIX = 30;

const weight = (refTime: bigint) => ({ ref_time: refTime, proof_size: 0n });
/** Khala's block limits: 0.5 s of compute per block, 5 MiB of block length. */
export const MAXIMUM_BLOCK_WEIGHT = 500_000_000_000n;
export const EXTRINSIC_BASE_WEIGHT = 86_298_000n;
const blockWeights = {
  base_block: weight(5_000_000_000n),
  max_block: weight(MAXIMUM_BLOCK_WEIGHT),
  per_class: {
    normal: {
      base_extrinsic: weight(EXTRINSIC_BASE_WEIGHT),
      max_extrinsic: weight(324_913_701_000n),
      max_total: weight(375_000_000_000n),
      reserved: weight(0n),
    },
    operational: {
      base_extrinsic: weight(EXTRINSIC_BASE_WEIGHT),
      max_extrinsic: weight(449_913_701_000n),
      max_total: weight(MAXIMUM_BLOCK_WEIGHT),
      reserved: weight(125_000_000_000n),
    },
    mandatory: {
      base_extrinsic: weight(EXTRINSIC_BASE_WEIGHT),
      max_extrinsic: undefined,
      max_total: undefined,
      reserved: undefined,
    },
  },
};

/** `RuntimeVersion` as the `Version` constant's SCALE struct holds it. */
export function versionValue(v: RuntimeVersion) {
  return {
    spec_name: v.specName,
    impl_name: v.implName,
    authoring_version: v.authoringVersion,
    spec_version: v.specVersion,
    impl_version: v.implVersion,
    apis: v.apis.map(([id, version]) => [id, version] as [Hex, number]),
    transaction_version: v.transactionVersion,
    state_version: v.stateVersion,
  };
}

export const System = definePallet({
  name: 'System',
  index: 0,
  path: 'frame_system::pallet',
  alias: 'frame_system',
  storage: (runtime) => [
    Account,
    ExtrinsicCount,
    BlockWeight,
    AllExtrinsicsLen,
    BlockHash,
    ExtrinsicData,
    BlockNumber,
    ParentHash,
    DigestItem,
    eventsStorage(runtime.EventRecords),
    EventCount,
    EventTopics,
    LastRuntimeUpgrade,
    UpgradedToU32RefCount,
    UpgradedToTripleRefCount,
    ExecutionPhase,
  ],
  calls: {
    fill_block: call({
      index: 0,
      args: { ratio: [Perbill, 'Perbill'] },
      docs: [' A dispatch that will fill the block weight up to the given ratio.'],
      dispatch(_ext, origin) {
        if (origin.kind !== 'root') throw badOrigin();
      },
    }),
    remark: call({
      index: 1,
      args: { remark: [bytes, 'Vec<u8>'] },
      docs: [' Make some on-chain remark.'],
      dispatch(_ext, origin) {
        if (origin.kind !== 'signed') throw badOrigin();
      },
    }),
    set_heap_pages: call({
      index: 2,
      args: { pages: [u64, 'u64'] },
      docs: [" Set the number of pages in the WebAssembly environment's heap."],
      dispatch(_ext, origin) {
        if (origin.kind !== 'root') throw badOrigin();
      },
    }),
    set_code: call({
      index: 3,
      args: { code: [bytes, 'Vec<u8>'] },
      docs: [' Set the new runtime code.'],
      dispatch(_ext, origin) {
        if (origin.kind !== 'root') throw badOrigin();
        // The dev chain's runtime is TypeScript: there is no wasm to swap in.
        throw System.error('FailedToExtractRuntimeVersion');
      },
    }),
    set_code_without_checks: call({
      index: 4,
      args: { code: [bytes, 'Vec<u8>'] },
      docs: [' Set the new runtime code without doing any checks of the given `code`.'],
      dispatch(_ext, origin) {
        if (origin.kind !== 'root') throw badOrigin();
        throw System.error('FailedToExtractRuntimeVersion');
      },
    }),
    set_storage: call({
      index: 5,
      args: { items: [vec(KeyValue), 'Vec<KeyValue>'] },
      docs: [' Set some items of storage.'],
      dispatch(ext, origin, { items }) {
        if (origin.kind !== 'root') throw badOrigin();
        for (const [key, value] of items) ext.state.set(key, hexToU8a(value));
      },
    }),
    kill_storage: call({
      index: 6,
      args: { keys: [vec(bytes), 'Vec<Key>'] },
      docs: [' Kill some items from storage.'],
      dispatch(ext, origin, { keys }) {
        if (origin.kind !== 'root') throw badOrigin();
        for (const key of keys) ext.state.delete(key);
      },
    }),
    kill_prefix: call({
      index: 7,
      args: { prefix: [bytes, 'Key'], subkeys: [u32, 'u32'] },
      docs: [' Kill all storage items with a key that starts with the given prefix.'],
      dispatch(ext, origin, { prefix }) {
        if (origin.kind !== 'root') throw badOrigin();
        for (const key of ext.state.keys(prefix)) ext.state.delete(key);
      },
    }),
    remark_with_event: call({
      index: 8,
      args: { remark: [bytes, 'Vec<u8>'] },
      docs: [' Make some on-chain remark and emit event.'],
      dispatch(ext, origin, { remark }) {
        if (origin.kind !== 'signed') throw badOrigin();
        System.emit(ext, 'Remarked', { sender: origin.who, hash: blake2AsHex(hexToU8a(remark), 256) as Hex });
      },
    }),
  },
  events: {
    ExtrinsicSuccess: {
      index: 0,
      fields: { dispatch_info: [DispatchInfo, 'DispatchInfo'] },
      docs: [' An extrinsic completed successfully.'],
    },
    ExtrinsicFailed: {
      index: 1,
      fields: {
        dispatch_error: [DispatchErrorType, 'DispatchError'],
        dispatch_info: [DispatchInfo, 'DispatchInfo'],
      },
      docs: [' An extrinsic failed.'],
    },
    CodeUpdated: { index: 2, fields: {}, docs: [' `:code` was updated.'] },
    NewAccount: {
      index: 3,
      fields: { account: [AccountId32, 'T::AccountId'] },
      docs: [' A new account was created.'],
    },
    KilledAccount: {
      index: 4,
      fields: { account: [AccountId32, 'T::AccountId'] },
      docs: [' An account was reaped.'],
    },
    Remarked: {
      index: 5,
      fields: { sender: [AccountId32, 'T::AccountId'], hash: [H256, 'T::Hash'] },
      docs: [' On on-chain remark happened.'],
    },
  },
  errors: [
    [
      'InvalidSpecName',
      'The name of specification does not match between the current runtime\nand the new runtime.',
    ],
    [
      'SpecVersionNeedsToIncrease',
      'The specification version is not allowed to decrease between the current runtime\nand the new runtime.',
    ],
    [
      'FailedToExtractRuntimeVersion',
      'Failed to extract the runtime version from the new runtime.\n\nEither calling `Core_version` or decoding `RuntimeVersion` failed.',
    ],
    ['NonDefaultComposite', 'Suicide called when the account has non-default composite data.'],
    ['NonZeroRefCount', 'There is a non-zero reference count preventing the account from being purged.'],
    ['CallFiltered', 'The origin filter prevent the call to be dispatched.'],
  ],
  constants: (runtime) => ({
    BlockWeights: {
      type: BlockWeights,
      value: blockWeights,
      docs: [' Block & extrinsics weights: base values and limits.'],
    },
    BlockLength: {
      type: BlockLength,
      value: { max: { normal: 3_932_160, operational: 5_242_880, mandatory: 5_242_880 } },
      docs: [' The maximum length of a block (in bytes).'],
    },
    BlockHashCount: {
      type: u32,
      value: BLOCK_HASH_COUNT,
      docs: [' Maximum number of block number to block hash mappings to keep (oldest pruned first).'],
    },
    DbWeight: {
      type: RuntimeDbWeight,
      value: { read: 25_000_000n, write: 100_000_000n },
      docs: [' The weight of runtime database operations the runtime can invoke.'],
    },
    Version: {
      type: RuntimeVersionType,
      value: versionValue(runtime.version),
      docs: [" Get the chain's current version."],
    },
    SS58Prefix: {
      type: u16,
      value: SS58_PREFIX,
      docs: [' The designated SS85 prefix of this chain.'],
    },
  }),
  onInitialize(ext) {
    BlockNumber.set(ext.state, ext.blockNumber);
    ParentHash.set(ext.state, ext.parentHash);
    if (ext.blockNumber > 0) BlockHash.set(ext.state, ext.blockNumber - 1, ext.parentHash);
    if (ext.blockNumber > BLOCK_HASH_COUNT)
      BlockHash.remove(ext.state, ext.blockNumber - 1 - BLOCK_HASH_COUNT);
    ext.state.delete(EVENTS_KEY);
    EventCount.kill(ext.state);
    for (const key of ext.state.keys(EventTopics.prefix)) ext.state.delete(key);
  },
});

export function account(ext: { state: StateReader }, who: Hex): AccountInfoValue {
  return Account.get(ext.state, who);
}

/**
 * Writes an account, creating it (NewAccount) when it gains its first provider and reaping it (KilledAccount)
 * when nothing references it any more, as frame_system's reference counting does.
 */
export function setAccount(ext: Ext, who: Hex, info: AccountInfoValue): void {
  const existed = Account.has(ext.state, who);
  const alive = info.providers > 0 || info.sufficients > 0;
  if (alive) {
    Account.set(ext.state, who, info);
    if (!existed) System.emit(ext, 'NewAccount', { account: who });
  } else if (existed) {
    Account.remove(ext.state, who);
    System.emit(ext, 'KilledAccount', { account: who });
  }
}

export function incrementNonce(ext: Ext, who: Hex): void {
  const info = Account.get(ext.state, who);
  Account.set(ext.state, who, { ...info, nonce: info.nonce + 1 });
}
