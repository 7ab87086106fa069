import type { Runtime } from '../../../runtime/interface.js';
import type { Hex } from '../../../scale/types.js';
import { BlockModeError, parseBlockMode } from '../../blockMode.js';
import { DevControlError, InvalidParamsError } from '../../errors.js';
import { StorageObjectEncoder } from '../../storageObject.js';
import type { MethodTable } from '../dispatcher.js';
import { noParams } from '../noParams.js';
import { Params, toUint } from '../params.js';
import type { RpcEnv } from './env.js';

/** Optional runtime extension: turns chopsticks' pallet-keyed storage object into raw pairs. */
export type RuntimeStorageEncoder = { encodeStorageObject?: (values: unknown) => Array<[Hex, Hex | null]> };

/** chopsticks-compatible dev controls. */
export function devMethods(env: RpcEnv): MethodTable {
  const { node } = env;
  const fallbackEncoder = new StorageObjectEncoder(() => node.runtime.metadata());
  return {
    dev_newBlock: async (p) => {
      p.atMost(1);
      const options = p.has(0) ? p.raw(0) : {};
      if (typeof options !== 'object' || options === null || Array.isArray(options)) {
        throw new InvalidParamsError('params: expected {count?, to?, transactions?}');
      }
      const { count, to, transactions } = options as Record<string, unknown>;
      const txs =
        transactions === undefined
          ? []
          : new Params('dev_newBlock', [transactions]).hexList(0, 'transactions');
      const block = await node.newBlock({
        count: count === undefined || count === null ? 1 : toUint(count, 'count'),
        ...(to === undefined || to === null ? {} : { to: toUint(to, 'to') }),
        transactions: txs,
      });
      return block.hash;
    },
    dev_timeTravel: (p) => {
      p.atMost(1);
      const target = p.raw(0);
      if (typeof target !== 'number' && typeof target !== 'string') {
        throw new InvalidParamsError('date: expected a date string or unix milliseconds');
      }
      try {
        return node.timeTravel(target);
      } catch (error) {
        throw new InvalidParamsError((error as Error).message);
      }
    },
    dev_setStorage: async (p) => {
      p.atMost(2);
      const at = p.optionalHash(1, 'blockHash');
      if (at !== undefined && at !== node.chain.head.hash) {
        throw new DevControlError('dev_setStorage only writes on top of the current head');
      }
      const values = p.raw(0);
      let pairs: Array<[Hex, Hex | null]>;
      if (Array.isArray(values)) {
        pairs = values.map((pair, i) => {
          if (!Array.isArray(pair) || pair.length !== 2)
            throw new InvalidParamsError(`values[${i}]: expected [key, value | null]`);
          const inner = new Params('dev_setStorage', pair);
          return [inner.hex(0, `values[${i}][0]`), pair[1] === null ? null : inner.hex(1, `values[${i}][1]`)];
        });
      } else if (typeof values === 'object' && values !== null) {
        const own = (node.runtime as Runtime & RuntimeStorageEncoder).encodeStorageObject;
        try {
          // a runtime may encode its own storage; otherwise its metadata says how
          pairs = own ? own.call(node.runtime, values) : fallbackEncoder.encode(values);
        } catch (error) {
          throw new InvalidParamsError(`values: ${(error as Error).message}`);
        }
      } else {
        throw new InvalidParamsError('values: expected [[key, value | null]] pairs or a pallet-keyed object');
      }
      return (await node.setStorage(pairs)).hash;
    },
    dev_setBlockBuildMode: (p) => {
      p.atMost(1);
      try {
        node.setBlockMode(parseBlockMode(p.raw(0)));
      } catch (error) {
        if (error instanceof BlockModeError) throw new InvalidParamsError(error.message);
        throw error;
      }
      return null;
    },
    dev_setHead: async (p) => {
      p.atMost(1);
      const target = p.raw(0);
      const parsed =
        typeof target === 'string' && target.length === 66
          ? p.hash(0, 'hashOrNumber')
          : toUint(target, 'hashOrNumber');
      return (await node.setHead(parsed)).hash;
    },
    dev_snapshot: noParams(() => node.snapshot()),
    dev_revert: (p) => {
      p.atMost(1);
      return node.revert(p.string(0, 'id'));
    },
    dev_saveState: (p) => {
      p.atMost(0);
      if (!env.save) throw new DevControlError('no state file configured (start with --state FILE)');
      return env.save();
    },
  };
}
