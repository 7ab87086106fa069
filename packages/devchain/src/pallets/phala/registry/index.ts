/**
 * PhalaRegistry (index 86): public keys and registration state of off-chain components — workers (with their
 * operator, attestation confidence and benchmark score), gatekeepers and their master key, contract/cluster keys,
 * allow-lists for pRuntime builds and relay-chain genesis hashes.
 */
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, sr25519Verify } from '@polkadot/util-crypto';
import type { Ext } from '../../../runtime/ext.js';
import type { StateReader } from '../../../runtime/interface.js';
import { badOrigin, call, definePallet, type Origin } from '../../../runtime/pallet.js';
import { AccountId32, H256, Sr25519Public } from '../../../runtime/primitives.js';
import { storageOf } from '../../../runtime/storage.js';
import { bool, bytes, encode, type Hex, option, u8, u32, u64, vec } from '../../../scale/types.js';
import { pushPalletMessage, signedPayload } from '../mq/index.js';
import {
  GatekeeperChange,
  GatekeeperLaunch,
  type GatekeeperRegistryEventValue,
  type MessageOriginValue,
  type RegistryEventValue,
  type SignedMessageValue,
  SystemEvent,
  TOPICS,
  type WorkerEventValue,
} from '../mq/types.js';
import { devGatekeeperKeys } from './devKeys.js';
import {
  Attestation,
  PRuntimeManagementEvent,
  type PRuntimeManagementEventValue,
  RetireCondition,
  VersionedWorkerEndpoints,
  WorkerEndpointPayload,
  WorkerInfo,
  type WorkerInfoValue,
  WorkerRegistrationInfo,
} from './types.js';

export { GatekeeperRegistryEvent, RegistryEvent } from '../mq/types.js';
export { devGatekeeperKeys } from './devKeys.js';
export * from './types.js';

const PALLET = 'PhalaRegistry';
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
const MAX_SCORE = 6000;
const ENDPOINT_SIGNATURE_EXPIRATION_MS = 4n * 60n * 60n * 1000n;

/** `GovernanceOrigin` = root or more than half of the Council; the dev chain has no Council, so root. */
function ensureGovernance(origin: Origin): void {
  if (origin.kind !== 'root') throw badOrigin();
}

function pushWorkerEvent(ext: Ext, pubkey: Hex, event: WorkerEventValue): void {
  pushPalletMessage(ext, PALLET, TOPICS.systemEvent, SystemEvent, {
    tag: 'WorkerEvent',
    value: { pubkey, event },
  });
}

export const Registry = definePallet({
  name: PALLET,
  index: 86,
  path: 'phala_pallets::registry::pallet',
  alias: 'pallet_registry',
  storage: [
    Gatekeeper,
    GatekeeperMasterPubkey,
    RotationCounter,
    MasterKeyRotationLock,
    Workers,
    ContractKeys,
    ClusterKeys,
    TopicKey,
    BenchmarkDuration,
    PRuntimeAllowList,
    PRuntimeAddedAt,
    RelaychainGenesisBlockHashAllowList,
    Endpoints,
  ],
  calls: {
    force_set_benchmark_duration: call({
      index: 0,
      args: { value: [u32, 'u32'] },
      docs: ['Sets [`BenchmarkDuration`]', '', 'Can only be called by `GovernanceOrigin`.'],
      weight: 0n,
      dispatch(ext, origin, { value }) {
        ensureGovernance(origin);
        BenchmarkDuration.set(ext.state, value);
      },
    }),
    force_register_worker: call({
      index: 1,
      args: {
        pubkey: [Sr25519Public, 'WorkerPublicKey'],
        ecdh_pubkey: [Sr25519Public, 'EcdhPublicKey'],
        operator: [option(AccountId32), 'Option<T::AccountId>'],
      },
      docs: ['Force register a worker with the given pubkey with sudo permission', '', 'For test only.'],
      weight: 0n,
      dispatch(ext, origin, { pubkey, ecdh_pubkey, operator }) {
        if (origin.kind !== 'root') throw badOrigin();
        const info: WorkerInfoValue = {
          pubkey,
          ecdh_pubkey,
          runtime_version: 0,
          last_updated: 0n,
          operator,
          confidence_level: 128,
          initial_score: undefined,
          features: [1, 4],
        };
        Workers.set(ext.state, pubkey, info);
        pushWorkerEvent(ext, pubkey, { tag: 'Registered', value: { confidence_level: 128 } });
        Registry.emit(ext, 'WorkerAdded', { pubkey, confidence_level: 128 });
      },
    }),
    force_register_topic_pubkey: call({
      index: 2,
      args: { topic: [bytes, 'Vec<u8>'], pubkey: [bytes, 'Vec<u8>'] },
      docs: ['Force register a topic pubkey', '', 'For test only.'],
      weight: 0n,
      dispatch(ext, origin, { topic, pubkey }) {
        if (origin.kind !== 'root') throw badOrigin();
        TopicKey.set(ext.state, topic, pubkey);
      },
    }),
    register_gatekeeper: call({
      index: 3,
      args: { gatekeeper: [Sr25519Public, 'WorkerPublicKey'] },
      docs: ['Register a gatekeeper.', '', 'Can only be called by `GovernanceOrigin`.'],
      weight: 0n,
      dispatch(ext, origin, { gatekeeper }) {
        ensureGovernance(origin);
        if (MasterKeyRotationLock.get(ext.state) !== undefined) throw Registry.error('MasterKeyInRotation');
        const gatekeepers = Gatekeeper.get(ext.state);
        // The first gatekeeper must publish the master key before others may join.
        if (gatekeepers.length > 0 && !GatekeeperMasterPubkey.exists(ext.state))
          throw Registry.error('MasterKeyUninitialized');
        if (!gatekeepers.includes(gatekeeper)) {
          const worker = Workers.get(ext.state, gatekeeper);
          if (!worker) throw Registry.error('WorkerNotFound');
          Gatekeeper.set(ext.state, [...gatekeepers, gatekeeper]);
          const identity = { pubkey: gatekeeper, ecdh_pubkey: worker.ecdh_pubkey };
          if (gatekeepers.length === 0) {
            pushPalletMessage(ext, PALLET, TOPICS.gatekeeperLaunch, GatekeeperLaunch, {
              tag: 'FirstGatekeeper',
              value: identity,
            });
          } else {
            pushPalletMessage(ext, PALLET, TOPICS.gatekeeperChange, GatekeeperChange, {
              tag: 'GatekeeperRegistered',
              value: identity,
            });
          }
        }
        Registry.emit(ext, 'GatekeeperAdded', { pubkey: gatekeeper });
      },
    }),
    unregister_gatekeeper: call({
      index: 4,
      args: { gatekeeper: [Sr25519Public, 'WorkerPublicKey'] },
      docs: ['Unregister a gatekeeper', '', 'At least one gatekeeper should be available'],
      weight: 0n,
      dispatch(ext, origin, { gatekeeper }) {
        ensureGovernance(origin);
        if (MasterKeyRotationLock.get(ext.state) !== undefined) throw Registry.error('MasterKeyInRotation');
        const gatekeepers = Gatekeeper.get(ext.state);
        if (!gatekeepers.includes(gatekeeper)) throw Registry.error('InvalidGatekeeper');
        if (gatekeepers.length <= 1) throw Registry.error('CannotRemoveLastGatekeeper');
        Gatekeeper.set(
          ext.state,
          gatekeepers.filter((g) => g !== gatekeeper),
        );
        pushPalletMessage(ext, PALLET, TOPICS.gatekeeperChange, GatekeeperChange, {
          tag: 'GatekeeperUnregistered',
          value: { pubkey: gatekeeper },
        });
      },
    }),
    rotate_master_key: call({
      index: 5,
      args: {},
      docs: ['Rotate the master key'],
      weight: 0n,
      dispatch(ext, origin) {
        ensureGovernance(origin);
        if (MasterKeyRotationLock.get(ext.state) !== undefined) throw Registry.error('MasterKeyInRotation');
        const identities = Gatekeeper.get(ext.state).map((gk) => {
          const worker = Workers.get(ext.state, gk);
          if (!worker) throw Registry.error('WorkerNotFound');
          return { pubkey: worker.pubkey, ecdh_pubkey: worker.ecdh_pubkey };
        });
        const rotationId = RotationCounter.get(ext.state) + 1n;
        RotationCounter.set(ext.state, rotationId);
        MasterKeyRotationLock.set(ext.state, rotationId);
        pushPalletMessage(ext, PALLET, TOPICS.gatekeeperLaunch, GatekeeperLaunch, {
          tag: 'RotateMasterKey',
          value: { rotation_id: rotationId, gk_identities: identities },
        });
      },
    }),
    register_worker: call({
      index: 6,
      args: {
        pruntime_info: [WorkerRegistrationInfo, 'WorkerRegistrationInfo<T::AccountId>'],
        attestation: [Attestation, 'Attestation'],
      },
      docs: [
        'Registers a worker on the blockchain',
        '',
        'Usually called by a bridging relayer program (`pherry` and `prb`). Can be called by',
        'anyone on behalf of a worker.',
      ],
      weight: 0n,
      dispatch(_ext, origin, { attestation }) {
        if (origin.kind !== 'signed') throw badOrigin();
        validateIasSigningCert(attestation.value.raw_signing_cert, attestation.value.signature);
      },
    }),
    update_worker_endpoint: call({
      index: 7,
      args: {
        endpoint_payload: [WorkerEndpointPayload, 'WorkerEndpointPayload'],
        signature: [bytes, 'Vec<u8>'],
      },
      weight: 0n,
      dispatch(ext, origin, { endpoint_payload, signature }) {
        if (origin.kind !== 'signed') throw badOrigin();
        const sig = hexToU8a(signature);
        if (sig.length !== 64) throw Registry.error('InvalidSignatureLength');
        let valid = false;
        try {
          valid = sr25519Verify(
            encode(WorkerEndpointPayload, endpoint_payload),
            sig,
            hexToU8a(endpoint_payload.pubkey),
          );
        } catch {
          valid = false;
        }
        if (!valid) throw Registry.error('InvalidSignature');
        const now = BigInt(ext.nowMs);
        const signed = endpoint_payload.signing_time;
        if (!(signed < now && now <= signed + ENDPOINT_SIGNATURE_EXPIRATION_MS))
          throw Registry.error('InvalidEndpointSigningTime');
        if (!Workers.has(ext.state, endpoint_payload.pubkey)) throw Registry.error('InvalidPubKey');
        Endpoints.set(ext.state, endpoint_payload.pubkey, endpoint_payload.versioned_endpoints);
      },
    }),
    add_pruntime: call({
      index: 8,
      args: { pruntime_hash: [bytes, 'Vec<u8>'] },
      docs: [
        'Registers a pruntime binary to [`PRuntimeAllowList`]',
        '',
        'Can only be called by `GovernanceOrigin`.',
      ],
      weight: 0n,
      dispatch(ext, origin, { pruntime_hash }) {
        ensureGovernance(origin);
        const list = PRuntimeAllowList.get(ext.state);
        if (list.includes(pruntime_hash)) throw Registry.error('PRuntimeAlreadyExists');
        PRuntimeAllowList.set(ext.state, [...list, pruntime_hash]);
        PRuntimeAddedAt.set(ext.state, pruntime_hash, ext.blockNumber);
      },
    }),
    remove_pruntime: call({
      index: 9,
      args: { pruntime_hash: [bytes, 'Vec<u8>'] },
      docs: [
        'Removes a pruntime binary from [`PRuntimeAllowList`]',
        '',
        'Can only be called by `GovernanceOrigin`.',
      ],
      weight: 0n,
      dispatch(ext, origin, { pruntime_hash }) {
        ensureGovernance(origin);
        const list = PRuntimeAllowList.get(ext.state);
        if (!list.includes(pruntime_hash)) throw Registry.error('PRuntimeNotFound');
        PRuntimeAllowList.set(
          ext.state,
          list.filter((h) => h !== pruntime_hash),
        );
        PRuntimeAddedAt.remove(ext.state, pruntime_hash);
      },
    }),
    add_relaychain_genesis_block_hash: call({
      index: 10,
      args: { genesis_block_hash: [H256, 'H256'] },
      docs: [
        'Adds an entry in [`RelaychainGenesisBlockHashAllowList`]',
        '',
        'Can only be called by `GovernanceOrigin`.',
      ],
      weight: 0n,
      dispatch(ext, origin, { genesis_block_hash }) {
        ensureGovernance(origin);
        const list = RelaychainGenesisBlockHashAllowList.get(ext.state);
        if (list.includes(genesis_block_hash)) throw Registry.error('GenesisBlockHashAlreadyExists');
        RelaychainGenesisBlockHashAllowList.set(ext.state, [...list, genesis_block_hash]);
      },
    }),
    remove_relaychain_genesis_block_hash: call({
      index: 11,
      args: { genesis_block_hash: [H256, 'H256'] },
      docs: [
        'Deletes an entry in [`RelaychainGenesisBlockHashAllowList`]',
        '',
        'Can only be called by `GovernanceOrigin`.',
      ],
      weight: 0n,
      dispatch(ext, origin, { genesis_block_hash }) {
        ensureGovernance(origin);
        const list = RelaychainGenesisBlockHashAllowList.get(ext.state);
        if (!list.includes(genesis_block_hash)) throw Registry.error('GenesisBlockHashNotFound');
        RelaychainGenesisBlockHashAllowList.set(
          ext.state,
          list.filter((h) => h !== genesis_block_hash),
        );
      },
    }),
    retire_pruntime: call({
      index: 12,
      args: { condition: [RetireCondition, 'messaging::RetireCondition'] },
      docs: [
        'Retire running pruntimes with given condition.',
        '',
        'Can only be called by `GovernanceOrigin`.',
      ],
      weight: 0n,
      dispatch(ext, origin, { condition }) {
        ensureGovernance(origin);
        managementEvent(ext, { tag: 'RetirePRuntime', value: condition });
      },
    }),
    set_pruntime_consensus_version: call({
      index: 13,
      args: { version: [u32, 'u32'] },
      docs: [
        'Set the consensus version used by pruntime. PRuntimes would switch some code path according',
        'the current consensus version.',
        '',
        'Can only be called by `GovernanceOrigin`.',
      ],
      weight: 0n,
      dispatch(ext, origin, { version }) {
        ensureGovernance(origin);
        managementEvent(ext, { tag: 'SetConsensusVersion', value: version });
      },
    }),
  },
  events: {
    GatekeeperAdded: {
      index: 0,
      fields: { pubkey: [Sr25519Public, 'WorkerPublicKey'] },
      docs: ['A new Gatekeeper is enabled on the blockchain'],
    },
    GatekeeperRemoved: { index: 1, fields: { pubkey: [Sr25519Public, 'WorkerPublicKey'] } },
    WorkerAdded: {
      index: 2,
      fields: { pubkey: [Sr25519Public, 'WorkerPublicKey'], confidence_level: [u8, 'u8'] },
    },
    WorkerUpdated: {
      index: 3,
      fields: { pubkey: [Sr25519Public, 'WorkerPublicKey'], confidence_level: [u8, 'u8'] },
    },
    MasterKeyRotated: {
      index: 4,
      fields: { rotation_id: [u64, 'u64'], master_pubkey: [Sr25519Public, 'MasterPublicKey'] },
    },
    MasterKeyRotationFailed: {
      index: 5,
      fields: { rotation_lock: [option(u64), 'Option<u64>'], gatekeeper_rotation_id: [u64, 'u64'] },
    },
    InitialScoreSet: {
      index: 6,
      fields: { pubkey: [Sr25519Public, 'WorkerPublicKey'], init_score: [u32, 'u32'] },
    },
    PRuntimeManagement: { index: 7, fields: [[PRuntimeManagementEvent, 'PRuntimeManagementEvent']] as never },
  },
  errors: [
    'CannotHandleUnknownMessage',
    'InvalidSender',
    'InvalidPubKey',
    'MalformedSignature',
    'InvalidSignatureLength',
    'InvalidSignature',
    'UnknownContract',
    'InvalidIASSigningCert',
    'InvalidReport',
    'InvalidQuoteStatus',
    'BadIASReport',
    'OutdatedIASReport',
    'UnknownQuoteBodyFormat',
    'InvalidRuntimeInfoHash',
    'InvalidRuntimeInfo',
    'InvalidInput',
    'InvalidBenchReport',
    'WorkerNotFound',
    'InvalidGatekeeper',
    'InvalidMasterPubkey',
    'MasterKeyMismatch',
    'MasterKeyUninitialized',
    'GenesisBlockHashRejected',
    'GenesisBlockHashAlreadyExists',
    'GenesisBlockHashNotFound',
    'PRuntimeRejected',
    'PRuntimeAlreadyExists',
    'PRuntimeNotFound',
    'UnknownCluster',
    'NotImplemented',
    'CannotRemoveLastGatekeeper',
    'MasterKeyInRotation',
    'InvalidRotatedMasterPubkey',
    'InvalidEndpointSigningTime',
  ],
  constants: {
    VerifyPRuntime: {
      type: bool,
      value: VERIFY_PRUNTIME,
      docs: [' Verify attestation', '', ' SHOULD NOT SET TO FALSE ON PRODUCTION!!!'],
    },
    VerifyRelaychainGenesisBlockHash: {
      type: bool,
      value: VERIFY_RELAYCHAIN_GENESIS_BLOCK_HASH,
      docs: [' Verify relaychain genesis', '', ' SHOULD NOT SET TO FALSE ON PRODUCTION!!!'],
    },
  },
  genesis(ext) {
    BenchmarkDuration.set(ext.state, DEV_BENCHMARK_DURATION);
    // The simulated gatekeeper is a registered worker whose master key is already on chain, as after its launch.
    const gk = devGatekeeperKeys();
    Workers.set(ext.state, gk.identity.publicKey, {
      pubkey: gk.identity.publicKey,
      ecdh_pubkey: gk.ecdh.publicKey,
      runtime_version: 0,
      last_updated: 0n,
      operator: undefined,
      confidence_level: 128,
      initial_score: undefined,
      features: [1, 4],
    });
    Gatekeeper.set(ext.state, [gk.identity.publicKey]);
    GatekeeperMasterPubkey.set(ext.state, gk.master.publicKey);
  },
});

function managementEvent(ext: Ext, event: PRuntimeManagementEventValue): void {
  pushPalletMessage(ext, PALLET, TOPICS.pruntimeManagement, PRuntimeManagementEvent, event);
  Registry.emit(ext, 'PRuntimeManagement', event as never);
}

/**
 * The first step of Khala's IAS report validation: the signing certificate must chain to Intel's IAS root CA and
 * have signed the report. The dev chain does not ship Intel's root certificate (and an SGX enclave cannot run here
 * anyway), so no certificate chains to it: every attestation is rejected at this step, exactly as Khala rejects a
 * report signed by anyone but Intel. Workers are registered on the dev chain with `force_register_worker` or
 * `devRegisterWorker` instead.
 */
function validateIasSigningCert(_rawSigningCert: Hex, _signature: Hex): never {
  throw Registry.error('InvalidIASSigningCert');
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

/** The key that signs a sender's messages (`check_message`), or the registry error Khala raises. */
/** `PhalaRegistry::check_message`: the sr25519 check of a signed off-chain message against its sender's key. */
export function checkMessage(ext: Ext, signed: SignedMessageValue): void {
  const pubkey = senderPubkey(ext.state, signed.message.sender);
  const signature = hexToU8a(signed.signature);
  if (signature.length !== 64) throw Registry.error('InvalidSignatureLength');
  let valid = false;
  try {
    valid = sr25519Verify(signedPayload(signed.message, signed.sequence), signature, hexToU8a(pubkey));
  } catch {
    valid = false;
  }
  if (!valid) throw Registry.error('InvalidSignature');
}

export function senderPubkey(state: StateReader, sender: MessageOriginValue): Hex {
  switch (sender.tag) {
    case 'Worker':
      return sender.value;
    case 'Cluster': {
      const key = ClusterKeys.get(state, sender.value);
      if (!key) throw Registry.error('UnknownCluster');
      return key;
    }
    case 'Contract': {
      const key = ContractKeys.get(state, sender.value);
      if (!key) throw Registry.error('UnknownContract');
      return key;
    }
    case 'Gatekeeper': {
      const key = GatekeeperMasterPubkey.get(state);
      if (!key) throw Registry.error('MasterKeyUninitialized');
      return key;
    }
    default:
      throw Registry.error('CannotHandleUnknownMessage');
  }
}

/** Worker → registry messages (`^phala/registry/event`): benchmark reports and the first master key upload. */
export function onMessageReceived(ext: Ext, sender: MessageOriginValue, event: RegistryEventValue): void {
  if (sender.tag !== 'Worker') throw Registry.error('InvalidSender');
  const pubkey = sender.value;
  if (event.tag === 'BenchReport') {
    const now = BigInt(ext.nowMs);
    const { start_time, iterations } = event.value;
    if (now <= start_time) throw Registry.error('InvalidBenchReport');
    const score = benchScore(iterations, now - start_time);
    const worker = Workers.get(ext.state, pubkey);
    if (worker) Workers.set(ext.state, pubkey, { ...worker, initial_score: score, last_updated: now });
    pushWorkerEvent(ext, pubkey, { tag: 'BenchScore', value: score });
    Registry.emit(ext, 'InitialScoreSet', { pubkey, init_score: score });
    return;
  }
  const { master_pubkey } = event.value;
  if (!Gatekeeper.get(ext.state).includes(pubkey)) throw Registry.error('InvalidGatekeeper');
  const saved = GatekeeperMasterPubkey.get(ext.state);
  if (saved !== undefined) {
    if (saved !== master_pubkey) throw Registry.error('MasterKeyMismatch');
    return;
  }
  GatekeeperMasterPubkey.set(ext.state, master_pubkey);
  pushPalletMessage(ext, PALLET, TOPICS.gatekeeperLaunch, GatekeeperLaunch, {
    tag: 'MasterPubkeyOnChain',
    value: { master_pubkey },
  });
}

/**
 * The benchmark score: iterations per whole second of the run, × 6, capped at 6000. A run shorter than a second
 * divides by zero, which panics on chain.
 */
export function benchScore(iterations: bigint, elapsedMs: bigint): number {
  const seconds = elapsedMs / 1000n;
  if (seconds === 0n) throw new RangeError('benchmark report over less than one second');
  const score = (iterations / seconds) * 6n;
  // `score as u32` keeps the low 32 bits before the cap.
  return Math.min(MAX_SCORE, Number(BigInt.asUintN(32, score)));
}

/** Gatekeeper → registry messages (`^phala/registry/gk_event`): the outcome of a master key rotation. */
export function onGkMessageReceived(
  ext: Ext,
  sender: MessageOriginValue,
  event: GatekeeperRegistryEventValue,
): void {
  if (sender.tag !== 'Gatekeeper') throw Registry.error('InvalidSender');
  const { rotation_id, master_pubkey } = event.value;
  const lock = MasterKeyRotationLock.get(ext.state);
  if (lock === undefined || lock !== rotation_id) {
    // Handler errors are ignored without rollback (see `routeMessage`), so this event stays.
    Registry.emit(ext, 'MasterKeyRotationFailed', {
      rotation_lock: lock,
      gatekeeper_rotation_id: rotation_id,
    });
    throw Registry.error('InvalidRotatedMasterPubkey');
  }
  GatekeeperMasterPubkey.set(ext.state, master_pubkey);
  MasterKeyRotationLock.set(ext.state, undefined);
  Registry.emit(ext, 'MasterKeyRotated', { rotation_id, master_pubkey });
  pushPalletMessage(ext, PALLET, TOPICS.gatekeeperLaunch, GatekeeperLaunch, {
    tag: 'MasterPubkeyRotated',
    value: { master_pubkey },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Dev helpers

export interface DevWorkerOptions {
  pubkey: Hex;
  /** default: a value derived from the pubkey (the dev chain never uses it for encryption) */
  ecdhPubkey?: Hex;
  operator: Hex | undefined;
  /** 1–5 as an IAS report would give, or 128 for forced/genesis workers */
  confidenceLevel: number;
  initialScore: number;
  /** CPU cores: WorkerInfo.features = [cores, featureLevel] as pRuntime reports them */
  cores: number;
  /** CPU feature level pRuntime reports (default 4) */
  featureLevel?: number;
  /** pRuntime version the worker registered with (default 1) */
  runtimeVersion?: number;
}

/**
 * Registers a worker exactly as `register_worker` followed by its benchmark report would leave it: WorkerInfo with
 * the operator, confidence level and initial score (last_updated in ms, as the benchmark report writes it), the
 * Registered / BenchStart / BenchScore messages to the worker, and WorkerAdded + InitialScoreSet events. The dev
 * chain cannot verify IAS attestations, so this is how simulated workers come to exist.
 */
export function devRegisterWorker(ext: Ext, options: DevWorkerOptions): WorkerInfoValue {
  const { pubkey, operator, confidenceLevel, initialScore, cores } = options;
  if (!Number.isInteger(initialScore) || initialScore < 0 || initialScore > MAX_SCORE) {
    throw new RangeError(`initial score must be an integer in 0..=${MAX_SCORE}, got ${initialScore}`);
  }
  const ecdh =
    options.ecdhPubkey ??
    (u8aToHex(blake2AsU8a(u8aConcat(Buffer.from('ecdh'), hexToU8a(pubkey)), 256)) as Hex);
  const existed = Workers.get(ext.state, pubkey);
  const info: WorkerInfoValue = {
    pubkey,
    ecdh_pubkey: existed?.ecdh_pubkey ?? ecdh,
    runtime_version: options.runtimeVersion ?? 1,
    last_updated: BigInt(ext.nowMs),
    operator,
    confidence_level: confidenceLevel,
    initial_score: initialScore,
    features: [cores, options.featureLevel ?? 4],
  };
  Workers.set(ext.state, pubkey, info);
  pushWorkerEvent(ext, pubkey, { tag: 'Registered', value: { confidence_level: confidenceLevel } });
  if (existed) Registry.emit(ext, 'WorkerUpdated', { pubkey, confidence_level: confidenceLevel });
  else Registry.emit(ext, 'WorkerAdded', { pubkey, confidence_level: confidenceLevel });
  pushWorkerEvent(ext, pubkey, {
    tag: 'BenchStart',
    value: { duration: BenchmarkDuration.get(ext.state) ?? 0 },
  });
  pushWorkerEvent(ext, pubkey, { tag: 'BenchScore', value: initialScore });
  Registry.emit(ext, 'InitialScoreSet', { pubkey, init_score: initialScore });
  return info;
}
