/**
 * PhalaRegistry (index 86): public keys and registration state of off-chain components — workers (with their
 * operator, attestation confidence and benchmark score), gatekeepers and their master key, contract/cluster keys,
 * allow-lists for pRuntime builds and relay-chain genesis hashes.
 */
import { hexToU8a } from '@polkadot/util';
import { sr25519Verify } from '@polkadot/util-crypto';
import { badOrigin, call, definePallet } from '../../../runtime/pallet.js';
import { AccountId32, H256, Sr25519Public } from '../../../runtime/primitives.js';
import { bool, bytes, encode, option, u32 } from '../../../scale/types.js';
import { pushPalletMessage } from '../mq/index.js';
import { GatekeeperChange, GatekeeperLaunch, TOPICS } from '../mq/types.js';
import { Declaration } from './declaration.js';
import { devGatekeeperKeys } from './devKeys.js';
import { ensureGovernance, managementEvent, pushWorkerEvent, validateIasSigningCert } from './operations.js';
import {
  BenchmarkDuration,
  ClusterKeys,
  ContractKeys,
  DEV_BENCHMARK_DURATION,
  ENDPOINT_SIGNATURE_EXPIRATION_MS,
  Endpoints,
  Gatekeeper,
  GatekeeperMasterPubkey,
  MasterKeyRotationLock,
  PALLET,
  PRuntimeAddedAt,
  PRuntimeAllowList,
  RelaychainGenesisBlockHashAllowList,
  RotationCounter,
  TopicKey,
  VERIFY_PRUNTIME,
  VERIFY_RELAYCHAIN_GENESIS_BLOCK_HASH,
  Workers,
} from './storage.js';
import {
  Attestation,
  RetireCondition,
  WorkerEndpointPayload,
  type WorkerInfoValue,
  WorkerRegistrationInfo,
} from './types.js';

export { GatekeeperRegistryEvent, RegistryEvent } from '../mq/types.js';
export { devGatekeeperKeys } from './devKeys.js';
export * from './devWorkers.js';
export * from './messages.js';
export * from './storage.js';
export * from './types.js';

export const Registry = definePallet({
  ...Declaration.spec,
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
