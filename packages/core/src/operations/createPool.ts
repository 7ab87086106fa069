import type { ApiPromise } from '@polkadot/api';
import { UnexpectedError } from '../errors/index.js';
import type { DecodedEvent } from '../tx/events.js';
import type { Operation } from './operation.js';

/**
 * "Create StakePool": `phalaStakePool.create()`. No checks (the chain takes no deposit); the result's `value` is the
 * new pool id from `PoolCreated`.
 */
export function createPool(): Operation<bigint> {
  return {
    kind: 'createPool',
    async validate() {},
    calls: ({ api }) => [api.tx.phalaStakePool.create()],
    decode: (events, api) => poolIdFromEvents(events, api),
  };
}

/** The pid of the first `PoolCreated` event. */
export function poolIdFromEvents(events: readonly DecodedEvent[], api: ApiPromise): bigint {
  for (const { event } of events)
    if (api.events.phalaStakePool.PoolCreated.is(event)) return event.data.pid.toBigInt();
  throw new UnexpectedError('no PoolCreated event in the block');
}
