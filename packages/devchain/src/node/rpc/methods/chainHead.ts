import { u8aConcat, u8aToHex, u8aToU8a } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import type { BlockState } from '../../../runtime/state.js';
import type { Hex } from '../../../scale/types.js';
import type { BlockRecord } from '../../chain.js';
import { ErrorCode, InvalidParamsError, RpcError } from '../../errors.js';
import { callRuntime, valueHex } from '../access.js';
import type { Subscription } from '../connection.js';
import type { Handler, MethodContext, MethodTable } from '../dispatcher.js';
import { runtimeSpecJson } from '../json.js';
import type { Params } from '../params.js';
import { openSubscription } from '../subscriptions.js';
import type { RpcEnv } from './env.js';

/** Past this many pinned blocks a follower is stopped (the spec lets servers do so; clients re-follow). */
const MAX_PINNED = 1024;
const STORAGE_ITEMS_PER_EVENT = 256;
const CODE_KEY = '0x3a636f6465' as Hex;
const ITEM_TYPES = new Set([
  'value',
  'hash',
  'closestDescendantMerkleValue',
  'descendantsValues',
  'descendantsHashes',
]);

interface Pin {
  block: BlockRecord;
  /** captured when pinned, so pruning the chain cannot pull it from under a follower */
  state: BlockState | undefined;
}

interface Follow {
  sub: Subscription;
  withRuntime: boolean;
  pinned: Map<Hex, Pin>;
  nextOperation: number;
}

/** The new JSON-RPC spec's chainHead_v1 group (what polkadot-api follows the chain with). */
export function chainHeadMethods(env: RpcEnv): MethodTable {
  const { node } = env;
  const follows = new Map<string, Follow>();

  const followOf = (context: MethodContext, id: unknown): Follow | undefined => {
    const sub = context.connection.get(id, 'chainHead');
    return sub ? follows.get(sub.id) : undefined;
  };

  const pinned = (follow: Follow, hash: Hex): Pin => {
    const pin = follow.pinned.get(hash);
    if (!pin)
      throw new RpcError(ErrorCode.InvalidBlockHash, 'Invalid block hash', `block ${hash} is not pinned`);
    return pin;
  };

  const pin = (follow: Follow, block: BlockRecord) => {
    follow.pinned.set(block.hash, { block, state: block.state });
    if (follow.pinned.size > MAX_PINNED) stop(follow);
  };

  const stop = (follow: Follow) => {
    follow.sub.notify({ event: 'stop' });
    follow.sub.finish();
  };

  /** Starts an operation whose events go out after the reply carrying its id. */
  const operation = (
    params: Params,
    context: MethodContext,
    run: (follow: Follow, pin: Pin, operationId: string) => void,
  ): unknown => {
    const follow = followOf(context, params.raw(0));
    const hash = params.hash(1, 'hash');
    if (!follow) return { result: 'limitReached' };
    const target = pinned(follow, hash);
    const operationId = String(follow.nextOperation++);
    context.after(() => {
      try {
        run(follow, target, operationId);
      } catch (error) {
        follow.sub.notify({
          event: 'operationError',
          operationId,
          error: (error as Error).message ?? String(error),
        });
      }
    });
    return { result: 'started', operationId };
  };

  const stateOf = (pin: Pin): BlockState => {
    if (!pin.state) throw new Error(`State already discarded for ${pin.block.hash}`);
    return pin.state;
  };

  const codeChanged = (block: BlockRecord, parent: BlockRecord | undefined): boolean => {
    const before = parent?.state?.get(CODE_KEY);
    const after = block.state?.get(CODE_KEY);
    // layered states hand back the parent's very array when a key is untouched; hash only on a rewrite
    if (before === after) return false;
    if (!before || !after) return true;
    return blake2AsHex(before, 256) !== blake2AsHex(after, 256);
  };

  const follow: Handler = (params, context) => {
    params.atMost(1);
    const withRuntime = params.boolean(0, 'withRuntime');
    const sub = openSubscription(context, 'chainHead', 'chainHead_v1_followEvent');
    const entry: Follow = { sub, withRuntime, pinned: new Map(), nextOperation: 1 };
    follows.set(sub.id, entry);
    const finalized = node.chain.finalized;
    pin(entry, finalized);
    sub.notify(
      withRuntime
        ? {
            event: 'initialized',
            finalizedBlockHashes: [finalized.hash],
            finalizedBlockRuntime: runtimeSpecJson(node.runtime.version),
          }
        : { event: 'initialized', finalizedBlockHashes: [finalized.hash] },
    );
    const offBlock = node.onNewBlock.subscribe((block) => {
      if (sub.isClosed) return;
      const parent = node.chain.byHash(block.parentHash);
      const changed = withRuntime && codeChanged(block, parent);
      pin(entry, block);
      if (sub.isClosed) return;
      sub.notify({
        event: 'newBlock',
        blockHash: block.hash,
        parentBlockHash: block.parentHash,
        newRuntime: changed ? runtimeSpecJson(node.runtime.version) : null,
      });
      sub.notify({ event: 'bestBlockChanged', bestBlockHash: block.hash });
      sub.notify({ event: 'finalized', finalizedBlockHashes: [block.hash], prunedBlockHashes: [] });
    });
    // finality never goes backwards in the spec; a dev-chain reorg ends the follow and the client starts over
    const offReset = node.onReset.subscribe(() => stop(entry));
    sub.onClose(() => {
      offBlock();
      offReset();
      follows.delete(sub.id);
    });
    return sub.id;
  };

  return {
    chainHead_v1_follow: follow,
    chainHead_v1_unfollow: (p, context) => {
      p.atMost(1);
      followOf(context, p.raw(0))?.sub.close();
      return null;
    },
    chainHead_v1_header: (p, context) => {
      p.atMost(2);
      const entry = followOf(context, p.raw(0));
      const hash = p.hash(1, 'hash');
      if (!entry) return null;
      return u8aToHex(pinned(entry, hash).block.encodedHeader) as Hex;
    },
    chainHead_v1_body: (p, context) => {
      p.atMost(2);
      return operation(p, context, (entry, target, operationId) => {
        entry.sub.notify({
          event: 'operationBodyDone',
          operationId,
          value: target.block.extrinsics.map((x) => u8aToHex(x) as Hex),
        });
      });
    },
    chainHead_v1_call: (p, context) => {
      p.atMost(4);
      const fn = p.string(2, 'function');
      const args = p.bytes(3, 'callParameters');
      return operation(p, context, (entry, target, operationId) => {
        let output: Hex;
        try {
          output = u8aToHex(callRuntime(node, target.block, stateOf(target), fn, args)) as Hex;
        } catch (error) {
          entry.sub.notify({ event: 'operationError', operationId, error: (error as Error).message });
          return;
        }
        entry.sub.notify({ event: 'operationCallDone', operationId, output });
      });
    },
    chainHead_v1_storage: (p, context) => {
      p.atMost(4);
      const items = storageItems(p.raw(2));
      if (p.has(3)) throw new InvalidParamsError('childTrie: child tries are not supported');
      const response = operation(p, context, (entry, target, operationId) => {
        const state = stateOf(target);
        const out: Array<Record<string, string>> = [];
        const flush = (force: boolean) => {
          while (out.length >= STORAGE_ITEMS_PER_EVENT || (force && out.length)) {
            entry.sub.notify({
              event: 'operationStorageItems',
              operationId,
              items: out.splice(0, STORAGE_ITEMS_PER_EVENT),
            });
          }
        };
        for (const { key, type } of items) {
          if (type === 'value' || type === 'hash') {
            const value = state.get(key);
            if (value !== undefined)
              out.push({ key, [type]: type === 'value' ? valueHex(value)! : blake2AsHex(value, 256) });
          } else if (type === 'closestDescendantMerkleValue') {
            const keys = state.keys(key);
            if (keys.length) {
              // no trie here: a digest of the subtree stands in for its merkle value (it changes when it does)
              const digest = blake2AsHex(
                u8aConcat(...keys.flatMap((k) => [u8aToU8a(k), state.get(k)!])),
                256,
              );
              out.push({ key, closestDescendantMerkleValue: digest });
            }
          } else {
            for (const k of state.keys(key)) {
              const value = state.get(k)!;
              out.push(
                type === 'descendantsValues'
                  ? { key: k, value: valueHex(value)! }
                  : { key: k, hash: blake2AsHex(value, 256) },
              );
              flush(false);
            }
          }
          flush(false);
        }
        flush(true);
        entry.sub.notify({ event: 'operationStorageDone', operationId });
      });
      return typeof response === 'object' && response && 'operationId' in response
        ? { ...response, discardedItems: 0 }
        : response;
    },
    chainHead_v1_unpin: (p, context) => {
      p.atMost(2);
      const raw = p.raw(1);
      const hashes = Array.isArray(raw) ? p.hexList(1, 'hashOrHashes') : [p.hash(1, 'hashOrHashes')];
      const entry = followOf(context, p.raw(0));
      if (!entry) return null;
      for (const hash of hashes) pinned(entry, hash);
      for (const hash of hashes) entry.pinned.delete(hash);
      return null;
    },
    chainHead_v1_continue: (p) => {
      p.atMost(2);
      // operations never pause for a `continue`, so none is waiting
      return null;
    },
    chainHead_v1_stopOperation: (p) => {
      p.atMost(2);
      return null;
    },
  };
}

function storageItems(raw: unknown): Array<{ key: Hex; type: string }> {
  if (!Array.isArray(raw)) throw new InvalidParamsError('items: expected an array');
  return raw.map((item, i) => {
    const { key, type } = (item ?? {}) as Record<string, unknown>;
    if (
      typeof key !== 'string' ||
      !/^0x(?:[0-9a-fA-F]{2})*$/.test(key) ||
      typeof type !== 'string' ||
      !ITEM_TYPES.has(type)
    ) {
      throw new InvalidParamsError(
        `items[${i}]: expected {key: hex, type: value|hash|closestDescendantMerkleValue|descendantsValues|descendantsHashes}`,
      );
    }
    return { key: key.toLowerCase() as Hex, type };
  });
}
