import { H256, Sr25519Public } from '../../../runtime/primitives.js';
import { storageOf } from '../../../runtime/storage.js';
import { bytes, type Hex, option, u32, u64, vec } from '../../../scale/types.js';
import { VersionedWorkerEndpoints, WorkerInfo } from './types.js';

export const PALLET = 'PhalaRegistry';
const store = storageOf(PALLET);

export const Gatekeeper = store.value('Gatekeeper', {
  value: vec(Sr25519Public),
  default: [] as Hex[],
  docs: [' Gatekeeper pubkey list'],
});
export const GatekeeperMasterPubkey = store.value('GatekeeperMasterPubkey', {
  value: Sr25519Public,
  docs: [' Gatekeeper master pubkey'],
});
export const RotationCounter = store.value('RotationCounter', {
  value: u64,
  default: 0n,
  docs: [
    ' The rotation counter starting from 1, it always equals to the latest rotation id.',
    ' The totation id 0 is reserved for the first master key before we introduce the rotation.',
  ],
});
export const MasterKeyRotationLock = store.value('MasterKeyRotationLock', {
  value: option(u64),
  docs: [
    ' Current rotation info including rotation id',
    '',
    ' Only one rotation process is allowed at one time.',
    ' Since the rotation request is broadcasted to all gatekeepers, it should be finished only if there is one functional',
    ' gatekeeper.',
  ],
});
// Khala declares this `ValueQuery<Option<u64>>`: absent reads as None either way, but the metadata says `Default`
// with fallback `None` (0x00), which `storageOf` cannot express for an undefined default.
Object.assign(MasterKeyRotationLock.meta, { modifier: 'Default', fallback: Uint8Array.of(0) });
export const Workers = store.map('Workers', 'Twox64Concat', Sr25519Public, {
  value: WorkerInfo,
  docs: [' Mapping from worker pubkey to WorkerInfo'],
});
export const ContractKeys = store.map('ContractKeys', 'Twox64Concat', H256, {
  value: Sr25519Public,
  docs: [' Mapping from contract address to pubkey'],
});
export const ClusterKeys = store.map('ClusterKeys', 'Twox64Concat', H256, { value: Sr25519Public });
export const TopicKey = store.map('TopicKey', 'Blake2_128Concat', bytes, {
  value: bytes,
  docs: [' Pubkey for secret topics.'],
});
export const BenchmarkDuration = store.value('BenchmarkDuration', {
  value: u32,
  docs: [' The number of blocks to run the benchmark'],
});
export const PRuntimeAllowList = store.value('PRuntimeAllowList', {
  value: vec(bytes),
  default: [] as Hex[],
  docs: [' Allow list of pRuntime binary digest', '', ' Only pRuntime within the list can register.'],
});
export const PRuntimeAddedAt = store.map('PRuntimeAddedAt', 'Twox64Concat', bytes, {
  value: u32,
  docs: [' The effective height of pRuntime binary'],
});
export const RelaychainGenesisBlockHashAllowList = store.value('RelaychainGenesisBlockHashAllowList', {
  value: vec(H256),
  default: [] as Hex[],
  docs: [' Allow list of relaychain genesis', '', ' Only genesis within the list can do register.'],
});
export const Endpoints = store.map('Endpoints', 'Twox64Concat', Sr25519Public, {
  value: VersionedWorkerEndpoints,
  docs: [' Mapping from worker pubkey to Phala Network identity'],
});

/** The dev chain has no IAS: registration through `register_worker` cannot succeed (see that call). */
export const VERIFY_PRUNTIME = false;
export const VERIFY_RELAYCHAIN_GENESIS_BLOCK_HASH = false;
/** BenchmarkDuration of the `khala-dev` chain spec. */
export const DEV_BENCHMARK_DURATION = 1;
export const MAX_SCORE = 6000;
export const ENDPOINT_SIGNATURE_EXPIRATION_MS = 4n * 60n * 60n * 1000n;
