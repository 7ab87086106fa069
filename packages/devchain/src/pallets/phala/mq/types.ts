/**
 * `phala_mq::types` as Khala 1190 publishes them, plus the SCALE shapes of the message payloads that travel through
 * the queue (`phala_types::messaging`). Payload types never reach the metadata (they are opaque `Vec<u8>` there), so
 * their paths only serve readability; their SCALE layout is what must match pRuntime.
 */
import { Bytes32, H256, Sr25519Public } from '../../../runtime/primitives.js';
import {
  bytes,
  enumType,
  type Hex,
  newtype,
  struct,
  u8,
  u32,
  u64,
  u128,
  u256,
  vec,
} from '../../../scale/types.js';

export type MessageOriginValue =
  | { tag: 'Pallet'; value: Hex }
  | { tag: 'Contract'; value: Hex }
  | { tag: 'Worker'; value: Hex }
  | { tag: 'AccountId'; value: Hex }
  | { tag: 'MultiLocation'; value: Hex }
  | { tag: 'Gatekeeper'; value?: undefined }
  | { tag: 'Cluster'; value: Hex }
  | { tag: 'Reserved'; value?: undefined };

export const MessageOrigin = enumType<MessageOriginValue>('phala_mq::types::MessageOrigin', {
  Pallet: { fields: [[bytes, 'Vec<u8>']] },
  Contract: { fields: [[H256, 'ContractId']] },
  Worker: { fields: [[Sr25519Public, 'sp_core::sr25519::Public']] },
  AccountId: { fields: [[H256, 'AccountId']] },
  MultiLocation: { fields: [[bytes, 'Vec<u8>']] },
  Gatekeeper: null,
  Cluster: { fields: [[H256, 'ContractClusterId']] },
  Reserved: { index: 255 },
});

export const Topic = newtype('phala_mq::types::Topic', bytes, 'Path');

export const Message = struct('phala_mq::types::Message', {
  sender: [MessageOrigin, 'SenderId'],
  destination: [Topic, 'Topic'],
  payload: [bytes, 'Vec<u8>'],
});
export type MessageValue = { sender: MessageOriginValue; destination: Hex; payload: Hex };

export const SignedMessage = struct('phala_mq::types::SignedMessage', {
  message: [Message, 'Message'],
  sequence: [u64, 'u64'],
  signature: [bytes, 'Vec<u8>'],
});
export type SignedMessageValue = { message: MessageValue; sequence: bigint; signature: Hex };

export const origin = {
  pallet: (name: string): MessageOriginValue => ({ tag: 'Pallet', value: utf8Hex(name) }),
  worker: (pubkey: Hex): MessageOriginValue => ({ tag: 'Worker', value: pubkey }),
  gatekeeper: (): MessageOriginValue => ({ tag: 'Gatekeeper' }),
  account: (id: Hex): MessageOriginValue => ({ tag: 'AccountId', value: id }),
};

export function utf8Hex(text: string): Hex {
  return `0x${Buffer.from(text, 'utf8').toString('hex')}` as Hex;
}

/** Topics Khala binds its message types to (`bind_topic!`). A leading `^` means "on-chain subscribers only". */
export const TOPICS = {
  systemEvent: utf8Hex('phala/system/event'),
  gatekeeperEvent: utf8Hex('phala/gatekeeper/event'),
  gatekeeperLaunch: utf8Hex('phala/gatekeeper/launch'),
  gatekeeperChange: utf8Hex('phala/gatekeeper/change'),
  pruntimeManagement: utf8Hex('phala/pruntime/management'),
  miningReport: utf8Hex('phala/mining/report'),
  miningUpdate: utf8Hex('^phala/mining/update'),
  registryEvent: utf8Hex('^phala/registry/event'),
  registryGkEvent: utf8Hex('^phala/registry/gk_event'),
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Payloads (phala_types::messaging)

const WorkerInfoMsg = struct('phala_types::messaging::WorkerInfo', { confidence_level: u8 });

export type WorkerEventValue =
  | { tag: 'Registered'; value: { confidence_level: number } }
  | { tag: 'BenchStart'; value: { duration: number } }
  | { tag: 'BenchScore'; value: number }
  | { tag: 'MiningStart'; value: { session_id: number; init_v: bigint; init_p: number } }
  | { tag: 'MiningStop'; value?: undefined }
  | { tag: 'MiningEnterUnresponsive'; value?: undefined }
  | { tag: 'MiningExitUnresponsive'; value?: undefined };

export const WorkerEvent = enumType<WorkerEventValue>('phala_types::messaging::WorkerEvent', {
  Registered: { fields: [WorkerInfoMsg] },
  BenchStart: { fields: { duration: u32 } },
  BenchScore: { fields: [u32] },
  MiningStart: { fields: { session_id: u32, init_v: u128, init_p: u32 } },
  MiningStop: null,
  MiningEnterUnresponsive: null,
  MiningExitUnresponsive: null,
});

export const HeartbeatChallenge = struct('phala_types::messaging::HeartbeatChallenge', {
  seed: u256,
  online_target: u256,
});

export type SystemEventValue =
  | { tag: 'WorkerEvent'; value: { pubkey: Hex; event: WorkerEventValue } }
  | { tag: 'HeartbeatChallenge'; value: { seed: bigint; online_target: bigint } };

export const SystemEvent = enumType<SystemEventValue>('phala_types::messaging::SystemEvent', {
  WorkerEvent: {
    fields: [struct('phala_types::messaging::WorkerEventWithKey', { pubkey: Bytes32, event: WorkerEvent })],
  },
  HeartbeatChallenge: { fields: [HeartbeatChallenge] },
});

export type MiningReportEventValue =
  | {
      tag: 'Heartbeat';
      value: { session_id: number; challenge_block: number; challenge_time: bigint; iterations: bigint };
    }
  | {
      tag: 'HeartbeatV2';
      value: {
        session_id: number;
        challenge_block: number;
        challenge_time: bigint;
        iterations: bigint;
        n_clusters: number;
        n_contracts: number;
      };
    };

export const MiningReportEvent = enumType<MiningReportEventValue>(
  'phala_types::messaging::MiningReportEvent',
  {
    Heartbeat: { fields: { session_id: u32, challenge_block: u32, challenge_time: u64, iterations: u64 } },
    HeartbeatV2: {
      fields: {
        session_id: u32,
        challenge_block: u32,
        challenge_time: u64,
        iterations: u64,
        n_clusters: u32,
        n_contracts: u32,
      },
    },
  },
);

export const SettleInfo = struct('phala_types::messaging::SettleInfo', {
  pubkey: Bytes32,
  v: u128,
  payout: u128,
  treasury: u128,
});
export type SettleInfoValue = { pubkey: Hex; v: bigint; payout: bigint; treasury: bigint };

export const MiningInfoUpdateEvent = struct('phala_types::messaging::MiningInfoUpdateEvent', {
  block_number: u32,
  timestamp_ms: u64,
  offline: vec(Bytes32),
  recovered_to_online: vec(Bytes32),
  settle: vec(SettleInfo),
});
export type MiningInfoUpdateEventValue = {
  block_number: number;
  timestamp_ms: bigint;
  offline: Hex[];
  recovered_to_online: Hex[];
  settle: SettleInfoValue[];
};

export type RegistryEventValue =
  | { tag: 'BenchReport'; value: { start_time: bigint; iterations: bigint } }
  | { tag: 'MasterPubkey'; value: { master_pubkey: Hex } };
export const RegistryEvent = enumType<RegistryEventValue>('phala_pallets::registry::pallet::RegistryEvent', {
  BenchReport: { fields: { start_time: u64, iterations: u64 } },
  MasterPubkey: { fields: { master_pubkey: Bytes32 } },
});

export type GatekeeperRegistryEventValue = {
  tag: 'RotatedMasterPubkey';
  value: { rotation_id: bigint; master_pubkey: Hex };
};
export const GatekeeperRegistryEvent = enumType<GatekeeperRegistryEventValue>(
  'phala_pallets::registry::pallet::GatekeeperRegistryEvent',
  { RotatedMasterPubkey: { fields: { rotation_id: u64, master_pubkey: Bytes32 } } },
);

const WorkerIdentity = struct('phala_types::WorkerIdentity', { pubkey: Bytes32, ecdh_pubkey: Bytes32 });
export const GatekeeperLaunch = enumType('phala_types::messaging::GatekeeperLaunch', {
  FirstGatekeeper: { fields: [WorkerIdentity] },
  MasterPubkeyOnChain: {
    fields: [struct('phala_types::messaging::MasterPubkeyEvent', { master_pubkey: Bytes32 })],
  },
  RotateMasterKey: {
    fields: [
      struct('phala_types::messaging::RotateMasterKeyEvent', {
        rotation_id: u64,
        gk_identities: vec(WorkerIdentity),
      }),
    ],
  },
  MasterPubkeyRotated: {
    fields: [struct('phala_types::messaging::MasterPubkeyEvent', { master_pubkey: Bytes32 })],
  },
});

export const GatekeeperChange = enumType('phala_types::messaging::GatekeeperChange', {
  GatekeeperRegistered: { fields: [WorkerIdentity] },
  GatekeeperUnregistered: {
    fields: [struct('phala_types::messaging::RemoveGatekeeperEvent', { pubkey: Bytes32 })],
  },
});
