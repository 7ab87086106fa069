import type { Hex } from '../../../scale/types.js';
import { InvalidParamsError } from '../../errors.js';
import { isFinalStatus, type TxStatus } from '../../txpoolTypes.js';
import type { MethodTable } from '../dispatcher.js';
import { noParams } from '../noParams.js';
import { openSubscription, unsubscribeHandler } from '../subscriptions.js';
import type { RpcEnv } from './env.js';

export function authorMethods(env: RpcEnv): MethodTable {
  const { node } = env;
  return {
    author_submitExtrinsic: (p) => {
      p.atMost(1);
      return node.pool.submit(p.bytes(0, 'extrinsic')).hash;
    },
    author_submitAndWatchExtrinsic: (p, context) => {
      p.atMost(1);
      const bytes = p.bytes(0, 'extrinsic');
      const sub = openSubscription(context, 'extrinsic', 'author_extrinsicUpdate');
      const onStatus = (status: TxStatus) => {
        sub.notify(status);
        // Substrate ends the subscription with the final status
        if (isFinalStatus(status)) sub.finish();
      };
      try {
        const tx = node.pool.submit(bytes, onStatus, context.connection);
        sub.onClose(() => node.pool.unwatch(tx.hash, onStatus));
      } catch (error) {
        sub.close();
        throw error;
      }
      return sub.id;
    },
    author_unwatchExtrinsic: unsubscribeHandler('extrinsic'),
    author_pendingExtrinsics: noParams(() => node.pool.all().map((tx) => tx.hex)),
    author_removeExtrinsic: (p) => {
      p.atMost(1);
      const list = p.raw(0);
      if (!Array.isArray(list)) throw new InvalidParamsError('bytesOrHash: expected an array');
      const removed: Hex[] = [];
      for (const item of list) {
        const entry = hashOrBytes(item);
        const hash = entry.hash ?? node.pool.all().find((tx) => tx.hex === entry.bytes)?.hash;
        if (hash && node.pool.drop(hash, 'invalid')) removed.push(hash);
      }
      return removed;
    },
  };
}

/** `ExtrinsicOrHash`: `{hash: H256}` or `{extrinsic: Bytes}`. */
function hashOrBytes(item: unknown): { hash?: Hex; bytes?: Hex } {
  if (typeof item === 'object' && item !== null) {
    const { hash, extrinsic } = item as Record<string, unknown>;
    if (typeof hash === 'string' && /^0x[0-9a-fA-F]{64}$/.test(hash))
      return { hash: hash.toLowerCase() as Hex };
    if (typeof extrinsic === 'string' && /^0x(?:[0-9a-fA-F]{2})*$/.test(extrinsic)) {
      return { bytes: extrinsic.toLowerCase() as Hex };
    }
  }
  throw new InvalidParamsError('bytesOrHash: expected {hash} or {extrinsic} items');
}
