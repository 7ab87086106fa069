import type { DecodedEvent } from '../tx/events.js';
import { type Operation, stakePoolTx } from './operation.js';

/**
 * "Create StakePool": `phalaStakePool.create()`. No checks (the chain takes no deposit); the result's `value` is the
 * new pool id from `PoolCreated`.
 */
export function createPool(): Operation<bigint> {
  return {
    kind: 'createPool',
    async validate() {},
    calls: ({ api }) => [stakePoolTx(api).create!()],
    decode: (events) => poolIdFromEvents(events),
  };
}

/** The pid of the first `PoolCreated` event. */
export function poolIdFromEvents(events: readonly DecodedEvent[]): bigint {
  const created = events.find((e) => e.section === 'phalaStakePool' && e.method === 'PoolCreated');
  if (!created) throw new TypeError('no PoolCreated event in the block');
  return created.data.pid as bigint;
}
