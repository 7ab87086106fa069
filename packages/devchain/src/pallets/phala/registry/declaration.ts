import { definePallet } from '../../../runtime/pallet.js';
import { Sr25519Public } from '../../../runtime/primitives.js';
import { option, u8, u32, u64 } from '../../../scale/types.js';
import { PALLET } from './storage.js';
import { PRuntimeManagementEvent } from './types.js';

export const Declaration = definePallet({
  name: PALLET,
  index: 86,
  path: 'phala_pallets::registry::pallet',
  alias: 'pallet_registry',
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
});
