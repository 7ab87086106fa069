import type { Hex } from '../../../scale/types.js';
import type { BlockRecord } from '../../chain.js';
import type { Signal } from '../../signal.js';
import type { Handler, MethodTable } from '../dispatcher.js';
import { blockJson, headerJson } from '../json.js';
import { noParams } from '../noParams.js';
import { toUint } from '../params.js';
import { openSubscription, unsubscribeHandler } from '../subscriptions.js';
import type { RpcEnv } from './env.js';

export function chainMethods(env: RpcEnv): MethodTable {
  const { node } = env;

  const hashOf = (value: unknown): Hex | null => {
    const number = toUint(value, 'block number');
    return node.chain.byNumber(number)?.hash ?? null;
  };

  /** A head subscription: the current block first (if `initial`), then one notification per event. */
  const headSubscription =
    (kind: string, notification: string, signal: Signal<BlockRecord>, initial?: () => BlockRecord): Handler =>
    (params, context) => {
      params.atMost(0);
      const sub = openSubscription(context, kind, notification);
      if (initial) sub.notify(headerJson(initial().header));
      sub.onClose(signal.subscribe((block) => sub.notify(headerJson(block.header))));
      return sub.id;
    };

  const newHeads = headSubscription('newHead', 'chain_newHead', node.onNewHead, () => node.chain.head);
  const finalizedHeads = headSubscription(
    'finalizedHead',
    'chain_finalizedHead',
    node.onFinalized,
    () => node.chain.finalized,
  );
  // as Substrate: all-heads starts with the next imported block, not the current one
  const allHeads = headSubscription('allHead', 'chain_allHead', node.onNewBlock);

  return {
    chain_getBlockHash: (p) => {
      p.atMost(1);
      const arg = p.raw(0);
      if (arg === undefined || arg === null) return node.chain.head.hash;
      if (Array.isArray(arg)) return arg.map(hashOf);
      return hashOf(arg);
    },
    chain_getHeader: (p) => {
      p.atMost(1);
      const hash = p.optionalHash(0, 'hash');
      const block = hash === undefined ? node.chain.head : node.chain.byHash(hash);
      return block ? headerJson(block.header) : null;
    },
    chain_getBlock: (p, context) => {
      p.atMost(1);
      const hash = p.optionalHash(0, 'hash');
      const block = hash === undefined ? node.chain.head : node.chain.byHash(hash);
      // a watcher's client fetching the block of its `inBlock` is on its way to reading the events (TxPool)
      if (block) node.pool.blockFetched(block.hash, context.connection);
      return block ? blockJson(block) : null;
    },
    chain_getFinalizedHead: noParams(() => node.chain.finalized.hash),
    chain_getFinalisedHead: noParams(() => node.chain.finalized.hash),
    chain_subscribeNewHead: newHeads,
    chain_subscribeNewHeads: newHeads,
    chain_unsubscribeNewHead: unsubscribeHandler('newHead'),
    chain_unsubscribeNewHeads: unsubscribeHandler('newHead'),
    chain_subscribeFinalizedHeads: finalizedHeads,
    chain_subscribeFinalisedHeads: finalizedHeads,
    chain_unsubscribeFinalizedHeads: unsubscribeHandler('finalizedHead'),
    chain_unsubscribeFinalisedHeads: unsubscribeHandler('finalizedHead'),
    chain_subscribeAllHeads: allHeads,
    chain_unsubscribeAllHeads: unsubscribeHandler('allHead'),
  };
}
