import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { ChainView } from './chainView.js';
import type { DecodedEvent } from './events.js';
import type { RuntimeSupport } from './runtimeSupport.js';

/** What an operation sees while it is validated and built. */
export interface OperationContext {
  readonly api: ApiPromise;
  readonly view: ChainView;
  /** the signer's SS58 address */
  readonly caller: string;
  readonly runtime: RuntimeSupport;
}

/**
 * One user-level operation of the Phala App. `validate` checks every rule against chain state (throwing the typed
 * error the rule names) and records its expected effect in the view; `calls` then builds the extrinsic(s).
 */
export interface Operation<V = unknown> {
  /** e.g. `setPayout` */
  readonly kind: string;
  validate(ctx: OperationContext): Promise<void>;
  calls(ctx: OperationContext): SubmittableExtrinsic<'promise'>[];
  /** the operation's result from the events of its block (e.g. the new pool id) */
  decode?(events: readonly DecodedEvent[]): V;
}

/** The untyped `api.tx.phalaStakePool` (works before and after @phala-mining/types augmentation). */
export function stakePoolTx(
  api: ApiPromise,
): Record<string, (...args: unknown[]) => SubmittableExtrinsic<'promise'>> {
  return (
    api.tx as unknown as Record<
      string,
      Record<string, (...args: unknown[]) => SubmittableExtrinsic<'promise'>>
    >
  ).phalaStakePool!;
}
