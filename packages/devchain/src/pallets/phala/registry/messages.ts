/** PhalaRegistry's side of PhalaMq: signature checks, worker reports and gatekeeper messages. */
import { hexToU8a } from '@polkadot/util';
import { sr25519Verify } from '@polkadot/util-crypto';
import type { Ext } from '../../../runtime/ext.js';
import type { StateReader } from '../../../runtime/interface.js';
import type { Hex } from '../../../scale/types.js';
import { pushPalletMessage, signedPayload } from '../mq/index.js';
import {
  GatekeeperLaunch,
  type GatekeeperRegistryEventValue,
  type MessageOriginValue,
  type RegistryEventValue,
  type SignedMessageValue,
  TOPICS,
} from '../mq/types.js';
import { Declaration as Registry } from './declaration.js';
import { pushWorkerEvent } from './operations.js';
import {
  ClusterKeys,
  ContractKeys,
  Gatekeeper,
  GatekeeperMasterPubkey,
  MAX_SCORE,
  MasterKeyRotationLock,
  PALLET,
  Workers,
} from './storage.js';

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
