/**
 * PhalaMq (index 85): the message queue between the chain and off-chain components (pRuntime workers, the
 * gatekeeper). Signed off-chain messages arrive through `sync_offchain_message`; pallets "send" messages to workers
 * by appending them to `OutboundMessages`, which relayers read and which is cleared at the start of every block.
 *
 * The pallets that subscribe to messages sit above this one, so their handlers and the signature check reach it as
 * Config the runtime wires (Khala's `msg_routing.rs`), never as imports.
 */
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { configKey } from '../../../runtime/config.js';
import type { Ext, RuntimeCallValue } from '../../../runtime/ext.js';
import type { StateReader } from '../../../runtime/interface.js';
import { badOrigin, call, definePallet } from '../../../runtime/pallet.js';
import { appendToVec, storageOf } from '../../../runtime/storage.js';
import {
  bytes,
  decodeAll,
  encode,
  type Hex,
  type ScaleType,
  str,
  tuple,
  u64,
  vec,
} from '../../../scale/types.js';
import {
  Message,
  MessageOrigin,
  type MessageOriginValue,
  type MessageValue,
  SignedMessage,
  type SignedMessageValue,
} from './types.js';

export * from './types.js';

const store = storageOf('PhalaMq');

/** An on-chain subscriber of one topic: decodes the payload and handles it (errors are the queue's to ignore). */
export type MessageHandler = (ext: Ext, sender: MessageOriginValue, payload: Hex) => void;

/** PhalaMq's Config items, wired by the runtime. */
export interface MqConfig {
  /** on-chain subscribers by destination topic (Khala's `msg_routing.rs`) */
  routes: ReadonlyMap<Hex, MessageHandler>;
  /** verifies a signed off-chain message (PhalaRegistry's `check_message`); throws the registry's errors */
  checkMessage(ext: Ext, signed: SignedMessageValue): void;
}

export const MqConfigKey = configKey<MqConfig>('PhalaMq');

export const OffchainIngress = store.map('OffchainIngress', 'Twox64Concat', MessageOrigin, {
  value: u64,
  docs: [' The next expected sequence of a ingress message coming from a certain sender (origin)'],
});
export const QueuedOutboundMessage = store.value('QueuedOutboundMessage', { value: vec(Message) });
export const OutboundMessages = store.value('OutboundMessages', {
  value: vec(Message),
  default: [] as MessageValue[],
  docs: [
    ' Outbound messages at the current block.',
    '',
    ' It will be cleared at the beginning of every block.',
  ],
});

/**
 * A runtime panic inside message handling. In Rust a panic aborts the whole extrinsic, so it is deliberately not
 * swallowed like handler errors are; the executive reports it as `DispatchError::Other`.
 */
// Internal only, so a plain Error (like UndecodableMessage below): the executive turns it into an `ExtrinsicFailed`
// event; it never leaves the runtime.
export class RuntimePanic extends Error {
  override readonly name = 'RuntimePanic';
}

const RESERVED_TOPIC_BYTES: ReadonlySet<number> = new Set(Buffer.from("~!@#$%&*_+-=|<>?,./;:'", 'latin1'));

export function topicIsValid(topic: Hex): boolean {
  if (topic.length < 4) return false;
  return !RESERVED_TOPIC_BYTES.has(parseInt(topic.slice(2, 4), 16));
}

/** Off-chain subscribers only see topics not starting with `^`. */
export function topicIsOffchain(topic: Hex): boolean {
  return topicIsValid(topic) && topic.slice(2, 4) !== '5e';
}

export function originIsOffchain(sender: MessageOriginValue): boolean {
  return (
    sender.tag === 'Contract' ||
    sender.tag === 'Worker' ||
    sender.tag === 'Gatekeeper' ||
    sender.tag === 'Cluster'
  );
}

/** A payload its topic's handler cannot decode; a handler error like any other (ignored by the queue, internal). */
export class UndecodableMessage extends Error {
  override readonly name = 'UndecodableMessage';
}

export function decodePayload<T>(type: ScaleType<T>, payload: Hex): T {
  try {
    return decodeAll(type, payload);
  } catch (cause) {
    throw new UndecodableMessage(`undecodable ${type.path.join('::')} payload: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/**
 * Hands a message to its on-chain subscribers in Khala's routing order (`msg_routing.rs`): registry worker
 * messages, registry gatekeeper messages, mining gatekeeper updates, mining worker reports. A handler error is
 * returned for the caller to ignore and, as on Khala, what the handler wrote before failing is NOT rolled back
 * (Khala's handlers check before they write, except where an event is meant to survive the failure).
 */
export function routeMessage(
  ext: Ext,
  sender: MessageOriginValue,
  destination: Hex,
  payload: Hex,
): Error | undefined {
  const handler = ext.config(MqConfigKey).routes.get(destination);
  if (!handler) return undefined;
  try {
    handler(ext, sender, payload);
    return undefined;
  } catch (error) {
    if (error instanceof RuntimePanic) throw error;
    return error as Error;
  }
}

/**
 * `dispatch_message`: notifies on-chain subscribers (errors ignored: the queue must never stall) and, for topics
 * off-chain components subscribe to, appends the message to `OutboundMessages`. This is how pallets push messages
 * to workers and the gatekeeper.
 */
export function pushOutbound(ext: Ext, message: MessageValue): void {
  routeMessage(ext, message.sender, message.destination, message.payload);
  if (topicIsOffchain(message.destination)) {
    appendToVec(ext.state, OutboundMessages.key(), encode(Message, message));
  }
}

/** Pushes a typed payload from a pallet (`MessageOriginInfo::push_message`: sender `Pallet(<pallet name>)`). */
export function pushPalletMessage<T>(
  ext: Ext,
  pallet: string,
  topic: Hex,
  type: ScaleType<T>,
  payload: T,
): void {
  pushOutbound(ext, {
    sender: { tag: 'Pallet', value: utf8(pallet) },
    destination: topic,
    payload: u8aToHex(encode(type, payload)) as Hex,
  });
}

/** `queue_message`: delivered at the start of the next block. */
export function queueMessage(ext: Ext, message: MessageValue): void {
  QueuedOutboundMessage.set(ext.state, [...(QueuedOutboundMessage.get(ext.state) ?? []), message]);
}

/** The bytes a sender signs: SCALE(message) ‖ SCALE(sequence as u64) (`SignedMessage::data_be_signed`). */
export function signedPayload(message: MessageValue, sequence: bigint): Uint8Array {
  return u8aConcat(encode(Message, message), encode(u64, sequence));
}

function utf8(text: string): Hex {
  return `0x${Buffer.from(text, 'utf8').toString('hex')}` as Hex;
}

export const Mq = definePallet({
  name: 'PhalaMq',
  index: 85,
  path: 'phala_pallets::mq::pallet',
  alias: 'pallet_mq',
  storage: [OffchainIngress, QueuedOutboundMessage, OutboundMessages],
  calls: {
    sync_offchain_message: call({
      index: 0,
      args: { signed_message: [SignedMessage, 'SignedMessage'] },
      docs: ['Syncs an unverified offchain message to the message queue'],
      weight: 0n,
      dispatch(ext, origin, { signed_message }) {
        if (origin.kind !== 'signed') throw badOrigin();
        const signed = signed_message as SignedMessageValue;
        const sender = signed.message.sender;
        if (!originIsOffchain(sender)) throw Mq.error('BadSender');
        if (!topicIsValid(signed.message.destination)) throw Mq.error('BadDestination');
        const expected = OffchainIngress.get(ext.state, sender) ?? 0n;
        if (signed.sequence !== expected) throw Mq.error('BadSequence');
        ext.config(MqConfigKey).checkMessage(ext, signed);
        OffchainIngress.set(ext.state, sender, expected + 1n);
        pushOutbound(ext, signed.message);
      },
    }),
    push_message: call({
      index: 1,
      args: { destination: [bytes, 'Vec<u8>'], payload: [bytes, 'Vec<u8>'] },
      weight: 0n,
      dispatch(ext, origin, { destination, payload }) {
        if (origin.kind !== 'signed') throw badOrigin();
        pushOutbound(ext, { sender: { tag: 'AccountId', value: origin.who }, destination, payload });
      },
    }),
    force_push_pallet_message: call({
      index: 2,
      args: { destination: [bytes, 'Vec<u8>'], payload: [bytes, 'Vec<u8>'] },
      weight: 0n,
      dispatch(ext, origin, { destination, payload }) {
        if (origin.kind !== 'root') throw badOrigin();
        pushOutbound(ext, { sender: { tag: 'Pallet', value: utf8('ForcePushed') }, destination, payload });
      },
    }),
  },
  errors: ['BadSender', 'BadSequence', 'BadDestination'],
  onInitialize(ext) {
    OutboundMessages.kill(ext.state);
    const queued = QueuedOutboundMessage.get(ext.state);
    if (queued) {
      QueuedOutboundMessage.kill(ext.state);
      for (const message of queued) pushOutbound(ext, message);
    }
  },
});

// ---------------------------------------------------------------------------------------------------------------
// CheckMqSequence (Khala's signed extension)

const TAG_PREFIX = tuple(str, MessageOrigin, u64);

/** `("PhalaMqOffchainMessages", sender, seq).encode()` — the pool tag ordering one sender's messages. */
export function mqTag(sender: MessageOriginValue, sequence: bigint): Hex {
  return u8aToHex(
    encode(TAG_PREFIX, ['PhalaMqOffchainMessages', sender, sequence] as [string, MessageOriginValue, bigint]),
  ) as Hex;
}

export type MqSequenceCheck = { provides: Hex[]; requires: Hex[] } | { stale: true } | { future: true };

function syncedMessage(call: RuntimeCallValue): SignedMessageValue | undefined {
  if (call.tag !== 'PhalaMq' || typeof call.value === 'string' || call.value.tag !== 'sync_offchain_message')
    return undefined;
  return (call.value.value as { signed_message: SignedMessageValue }).signed_message;
}

/**
 * `CheckMqSequence`: only `sync_offchain_message` is concerned. `validate` (pool admission) drops stale messages
 * and chains later ones behind their predecessor; `preDispatch` (block inclusion) requires the exact sequence.
 */
export function checkMqSequence(
  state: StateReader,
  call: RuntimeCallValue,
  mode: 'validate' | 'preDispatch' = 'validate',
): MqSequenceCheck {
  const signed = syncedMessage(call);
  if (!signed) return { provides: [], requires: [] };
  const sender = signed.message.sender;
  const expected = OffchainIngress.get(state, sender) ?? 0n;
  if (signed.sequence < expected) return { stale: true };
  if (mode === 'preDispatch' && signed.sequence > expected) return { future: true };
  return {
    provides: [mqTag(sender, signed.sequence)],
    requires: signed.sequence > expected ? [mqTag(sender, signed.sequence - 1n)] : [],
  };
}

/**
 * Adapter for `ExecutiveHooks.checkMqSequence`, which cannot tell validation from inclusion: a future sequence is
 * reported as `Future` (the executive keeps it in the pool), so it is never dispatched out of order.
 */
export function checkMqSequenceHook(
  ext: Ext,
  call: RuntimeCallValue,
): { requires: Hex[]; provides: Hex[] } | 'Stale' | 'Future' {
  const result = checkMqSequence(ext.state, call, 'preDispatch');
  if ('stale' in result) return 'Stale';
  if ('future' in result) return 'Future';
  return result;
}
