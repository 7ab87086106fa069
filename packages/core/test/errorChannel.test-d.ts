import type { Observable } from 'rxjs';
import { describe, expectTypeOf, test } from 'vitest';
import type {
  ContributeErrorType,
  MiningClient,
  MiningError,
  OperationChain,
  StakeView,
  TxStage,
  TxSubmission,
} from '../src/index.js';

declare const client: MiningClient;

describe('one error channel', () => {
  test('a builder with bad input is still a chain, its failure a stage of the submission', () => {
    expectTypeOf(client.pool(-1)).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(client.pool(0).setPayout(101)).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(client.pool(0).contribute(-5n)).toEqualTypeOf<OperationChain<bigint>>();
    expectTypeOf(client.pool(0).contribute(-5n).send).returns.toEqualTypeOf<TxSubmission<bigint>>();
    expectTypeOf<Extract<TxStage, { stage: 'failed' }>['error']>().toEqualTypeOf<MiningError>();
    // what contribute's failed stage can hold, bad input included
    expectTypeOf<'InvalidAmount' | 'InvalidPoolId' | 'ContributionBelowMinimum'>().toExtend<
      ContributeErrorType['code']
    >();
  });

  test('a state factory with bad input is still an observable of its value', () => {
    expectTypeOf(client.stake$(0, 'bad')).toEqualTypeOf<Observable<StakeView | undefined>>();
  });
});
