import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { RuntimeSupport } from '../runtimeSupport.js';
import type { ChainView } from '../state/chainView.js';
import type { DecodedEvent } from '../tx/events.js';

/** What an operation sees while it is validated and built. */
export interface OperationContext {
  /** The connection the extrinsics are built with. */
  readonly api: ApiPromise;
  /** Chain state as the operations so far in the batch will leave it; validation reads and updates it. */
  readonly view: ChainView;
  /** the signer's SS58 address */
  readonly caller: string;
  /** What the connected runtime offers (e.g. whether claims are split), for picking the right calls. */
  readonly runtime: RuntimeSupport;
}

/**
 * One user-level operation of the Phala App. `validate` checks every rule against chain state (throwing the typed
 * error the rule names) and records its expected effect in the view; `calls` then builds the extrinsic(s).
 */
export interface Operation<V = unknown> {
  /** e.g. `setPayout` */
  readonly kind: string;
  /**
   * Checks every rule against `ctx.view` in the chain's order and rejects with the first broken rule's typed
   * error; on success it records the operation's expected effect in the view, for the operations after it.
   */
  validate(ctx: OperationContext): Promise<void>;
  /** The extrinsic(s) that carry the operation out; called after `validate` succeeded. */
  calls(ctx: OperationContext): SubmittableExtrinsic<'promise'>[];
  /**
   * The operation's result from the events of its block (e.g. the new pool id). `api` gives the chain's typed
   * event guards: `api.events.phalaStakePool.PoolCreated.is(e.event)` narrows `e.event.data`.
   */
  decode?(events: readonly DecodedEvent[], api: ApiPromise): V;
}
