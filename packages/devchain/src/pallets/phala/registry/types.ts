import { AccountId32, H256, Sr25519Public } from '../../../runtime/primitives.js';
import { bytes, enumType, type Hex, option, str, struct, u8, u32, u64, vec } from '../../../scale/types.js';

export const WorkerInfo = struct(
  'phala_pallets::registry::pallet::WorkerInfo',
  {
    pubkey: [Sr25519Public, 'WorkerPublicKey'],
    ecdh_pubkey: [Sr25519Public, 'EcdhPublicKey'],
    runtime_version: [u32, 'u32'],
    last_updated: [u64, 'u64'],
    operator: [option(AccountId32), 'Option<AccountId>'],
    confidence_level: [u8, 'u8'],
    initial_score: [option(u32), 'Option<u32>'],
    features: [vec(u32), 'Vec<u32>'],
  },
  { params: [['AccountId', AccountId32]] },
);
export interface WorkerInfoValue {
  pubkey: Hex;
  ecdh_pubkey: Hex;
  runtime_version: number;
  /** seconds when written by a registration, milliseconds when written by a benchmark report (as on Khala) */
  last_updated: bigint;
  operator: Hex | undefined;
  confidence_level: number;
  initial_score: number | undefined;
  features: number[];
}

export type VersionedWorkerEndpointsValue = { tag: 'V1'; value: string[] };
export const VersionedWorkerEndpoints = enumType<VersionedWorkerEndpointsValue>(
  'phala_types::VersionedWorkerEndpoints',
  {
    V1: { fields: [[vec(str), 'Vec<String>']] },
  },
);

export const WorkerRegistrationInfo = struct(
  'phala_types::WorkerRegistrationInfo',
  {
    version: [u32, 'u32'],
    machine_id: [bytes, 'MachineId'],
    pubkey: [Sr25519Public, 'WorkerPublicKey'],
    ecdh_pubkey: [Sr25519Public, 'EcdhPublicKey'],
    genesis_block_hash: [H256, 'H256'],
    features: [vec(u32), 'Vec<u32>'],
    operator: [option(AccountId32), 'Option<AccountId>'],
  },
  { params: [['AccountId', AccountId32]] },
);

export const Attestation = enumType<{
  tag: 'SgxIas';
  value: { ra_report: Hex; signature: Hex; raw_signing_cert: Hex };
}>('phala_pallets::utils::attestation::Attestation', {
  SgxIas: {
    fields: {
      ra_report: [bytes, 'Vec<u8>'],
      signature: [bytes, 'Vec<u8>'],
      raw_signing_cert: [bytes, 'Vec<u8>'],
    },
  },
});

export const WorkerEndpointPayload = struct('phala_types::WorkerEndpointPayload', {
  pubkey: [Sr25519Public, 'WorkerPublicKey'],
  versioned_endpoints: [VersionedWorkerEndpoints, 'VersionedWorkerEndpoints'],
  signing_time: [u64, 'u64'],
});

export type RetireConditionValue = { tag: 'VersionLessThan' | 'VersionIs'; value: [number, number, number] };
export const RetireCondition = enumType<RetireConditionValue>('phala_types::messaging::RetireCondition', {
  VersionLessThan: {
    fields: [
      [u32, 'u32'],
      [u32, 'u32'],
      [u32, 'u32'],
    ],
  },
  VersionIs: {
    fields: [
      [u32, 'u32'],
      [u32, 'u32'],
      [u32, 'u32'],
    ],
  },
});

export type PRuntimeManagementEventValue =
  | { tag: 'RetirePRuntime'; value: RetireConditionValue }
  | { tag: 'SetConsensusVersion'; value: number };
export const PRuntimeManagementEvent = enumType<PRuntimeManagementEventValue>(
  'phala_types::messaging::PRuntimeManagementEvent',
  {
    RetirePRuntime: { fields: [[RetireCondition, 'RetireCondition']] },
    SetConsensusVersion: { fields: [[u32, 'u32']] },
  },
);
