import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import type { Hex } from '../../../scale/types.js';
import { ErrorCode, InvalidParamsError, RpcError } from '../../errors.js';
import { SYSTEM_EVENTS_KEY } from '../../txpoolTypes.js';
import { blockAt, callRuntime, stateAt, valueHex } from '../access.js';
import type { Handler, MethodContext, MethodTable } from '../dispatcher.js';
import { runtimeVersionJson } from '../json.js';
import { openSubscription, unsubscribeHandler } from '../subscriptions.js';
import type { RpcEnv } from './env.js';

/** Substrate's STORAGE_KEYS_PAGED_MAX_COUNT */
const MAX_PAGED_KEYS = 1000;
/** How many blocks one state_queryStorage may walk. */
const MAX_QUERY_RANGE = 4096;

export function stateMethods(env: RpcEnv): MethodTable {
  const { node } = env;
  let metadataHex: Hex | undefined;

  /** a client read a block's events: its watchers of that block's transactions may hear `finalized` (TxPool) */
  const noteRead = (keys: readonly Hex[], block: { hash: Hex }, context: MethodContext) => {
    if (keys.includes(SYSTEM_EVENTS_KEY))
      context.after(() => node.pool.eventsRead(block.hash, context.connection));
  };

  const getStorage: Handler = (p, context) => {
    p.atMost(2);
    const key = p.hex(0, 'key');
    const { block, state } = stateAt(node, p.optionalHash(1, 'at'));
    noteRead([key], block, context);
    return valueHex(state.get(key));
  };

  const getKeysPaged: Handler = (p) => {
    p.atMost(4);
    const prefix = p.has(0) ? p.hex(0, 'prefix') : '0x';
    const count = p.uint(1, 'count');
    if (count > MAX_PAGED_KEYS) {
      throw new RpcError(
        ErrorCode.InvalidCount,
        `count exceeds maximum value. value: ${count}, max: ${MAX_PAGED_KEYS}`,
      );
    }
    const start = p.optionalHex(2, 'startKey');
    const keys = stateAt(node, p.optionalHash(3, 'at')).state.keys(prefix);
    let from = 0;
    if (start !== undefined) {
      // keys are sorted: binary search for the first key strictly after startKey
      let hi = keys.length;
      while (from < hi) {
        const mid = (from + hi) >>> 1;
        if (keys[mid]! <= start) from = mid + 1;
        else hi = mid;
      }
    }
    return keys.slice(from, from + count);
  };

  const getRuntimeVersion: Handler = (p) => {
    p.atMost(1);
    blockAt(node, p.optionalHash(0, 'at'));
    return runtimeVersionJson(node.runtime.version);
  };

  const call: Handler = (p) => {
    p.atMost(3);
    const method = p.string(0, 'method');
    const data = p.bytes(1, 'data');
    const { block, state } = stateAt(node, p.optionalHash(2, 'at'));
    return u8aToHex(callRuntime(node, block, state, method, data)) as Hex;
  };

  const methods: MethodTable = {
    state_getStorage: getStorage,
    state_getStorageAt: getStorage,
    state_getStorageHash: (p) => {
      p.atMost(2);
      const value = stateAt(node, p.optionalHash(1, 'at')).state.get(p.hex(0, 'key'));
      return value === undefined ? null : (blake2AsHex(value, 256) as Hex);
    },
    state_getStorageSize: (p) => {
      p.atMost(2);
      const value = stateAt(node, p.optionalHash(1, 'at')).state.get(p.hex(0, 'key'));
      return value === undefined ? null : value.length;
    },
    state_getKeys: (p) => {
      p.atMost(2);
      return stateAt(node, p.optionalHash(1, 'at')).state.keys(p.hex(0, 'prefix'));
    },
    state_getKeysPaged: getKeysPaged,
    state_getKeysPagedAt: getKeysPaged,
    state_queryStorageAt: (p, context) => {
      p.atMost(2);
      const keys = p.hexList(0, 'keys');
      const { block, state } = stateAt(node, p.optionalHash(1, 'at'));
      noteRead(keys, block, context);
      return [{ block: block.hash, changes: keys.map((key) => [key, valueHex(state.get(key))]) }];
    },
    state_queryStorage: (p) => {
      p.atMost(3);
      const keys = p.hexList(0, 'keys');
      const from = blockAt(node, p.hash(1, 'fromBlock'));
      const to = blockAt(node, p.optionalHash(2, 'toBlock'));
      if (!node.chain.isCanonical(from.hash) || !node.chain.isCanonical(to.hash) || from.number > to.number) {
        throw new RpcError(
          ErrorCode.InvalidBlockRange,
          `Cannot resolve a block range ['${from.hash}' ... '${to.hash}'].`,
        );
      }
      if (to.number - from.number > MAX_QUERY_RANGE) {
        throw new RpcError(
          ErrorCode.InvalidBlockRange,
          `Block range too large: at most ${MAX_QUERY_RANGE} blocks`,
        );
      }
      const out: Array<{ block: Hex; changes: Array<[Hex, Hex | null]> }> = [];
      const last = new Map<Hex, Hex | null>();
      for (let n = from.number; n <= to.number; n++) {
        const block = node.chain.byNumber(n)!;
        const state = node.chain.stateAt(block.hash);
        const changes: Array<[Hex, Hex | null]> = [];
        for (const key of keys) {
          const value = valueHex(state.get(key));
          if (n === from.number || last.get(key) !== value) changes.push([key, value]);
          last.set(key, value);
        }
        if (changes.length) out.push({ block: block.hash, changes });
      }
      return out;
    },
    state_getMetadata: (p) => {
      p.atMost(1);
      blockAt(node, p.optionalHash(0, 'at'));
      metadataHex ??= u8aToHex(node.runtime.metadata()) as Hex;
      return metadataHex;
    },
    state_getRuntimeVersion: getRuntimeVersion,
    chain_getRuntimeVersion: getRuntimeVersion,
    state_call: call,
    state_callAt: call,
    state_subscribeStorage: (p, context) => {
      p.atMost(1);
      if (!p.has(0))
        throw new InvalidParamsError('keys: subscribing to every key is not supported; pass a list of keys');
      const keys = p.hexList(0, 'keys');
      const sub = openSubscription(context, 'storage', 'state_storage');
      const last = new Map<Hex, Hex | null>();
      const send = (initial: boolean) => {
        const head = node.chain.head;
        const state = node.chain.stateAt(head.hash);
        const changes: Array<[Hex, Hex | null]> = [];
        for (const key of keys) {
          const value = valueHex(state.get(key));
          if (initial || last.get(key) !== value) changes.push([key, value]);
          last.set(key, value);
        }
        if (changes.length) sub.notify({ block: head.hash, changes });
      };
      send(true);
      sub.onClose(node.onNewHead.subscribe(() => send(false)));
      return sub.id;
    },
    state_unsubscribeStorage: unsubscribeHandler('storage'),
    state_subscribeRuntimeVersion: (p, context) => {
      p.atMost(0);
      const sub = openSubscription(context, 'runtimeVersion', 'state_runtimeVersion');
      // one runtime for the whole chain: the version never changes after this first notification
      sub.notify(runtimeVersionJson(node.runtime.version));
      return sub.id;
    },
    state_unsubscribeRuntimeVersion: unsubscribeHandler('runtimeVersion'),
  };
  methods.chain_subscribeRuntimeVersion = methods.state_subscribeRuntimeVersion!;
  methods.chain_unsubscribeRuntimeVersion = methods.state_unsubscribeRuntimeVersion!;
  return methods;
}
