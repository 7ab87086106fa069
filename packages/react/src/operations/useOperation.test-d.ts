import type {
  AnySigner,
  DryRunResult,
  MiningClient,
  MiningError,
  MiningSigner,
  OperationChain,
  TxResult,
  WaitFor,
} from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import {
  type OperationHook,
  type OperationOptions,
  type OperationStage,
  type OperationState,
  type OperationStatus,
  useOperation,
} from '../index.js';

declare const alice: KeyringPair;
declare const signer: MiningSigner | undefined;

describe('useOperation infers the arguments and the value from build', () => {
  test('arguments after the client become the arguments of send', () => {
    const configure = useOperation(
      (client, payout: number, cap: bigint) => client.pool(1n).setPayout(payout).setCap(cap),
      { signer: alice },
    );
    expectTypeOf(configure).toEqualTypeOf<OperationHook<[payout: number, cap: bigint], void>>();
    expectTypeOf(configure.send).parameters.toEqualTypeOf<[number, bigint]>();
    // @ts-expect-error the cap is planck (bigint)
    configure.send(20, 50_000);
    // @ts-expect-error both arguments are required
    configure.send(20);
  });

  test('the value is the chain value', () => {
    const create = useOperation((client) => client.createPool());
    expectTypeOf(create).toEqualTypeOf<OperationHook<[], bigint>>();
    expectTypeOf(create.result?.value).toEqualTypeOf<bigint | undefined>();
    const both = useOperation((client, pid: bigint) => client.pool(pid).contribute(1n).setPayout(1));
    expectTypeOf(both).toEqualTypeOf<OperationHook<[pid: bigint], void>>();
  });

  test('build gets the client and must return an operation chain', () => {
    useOperation((client) => {
      expectTypeOf(client).toEqualTypeOf<MiningClient>();
      return client.createPool();
    });
    expectTypeOf(useOperation).parameter(0).returns.toExtend<OperationChain<unknown>>();
    // @ts-expect-error an observable is not an operation
    useOperation((client) => client.pool$(1n));
    // @ts-expect-error an already sent submission is not an operation
    useOperation((client) => client.createPool().send(alice));
  });
});

describe('the hook', () => {
  const contribute = useOperation((client, amount: bigint) => client.pool(1n).contribute(amount));

  test('send never rejects (undefined on failure); sendAsync does', () => {
    expectTypeOf(contribute.send(1n)).toEqualTypeOf<Promise<TxResult<bigint> | undefined>>();
    expectTypeOf(contribute.sendAsync(1n)).toEqualTypeOf<Promise<TxResult<bigint>>>();
    expectTypeOf(contribute.dryRun(1n)).toEqualTypeOf<Promise<DryRunResult>>();
    expectTypeOf(contribute.estimateFee(1n)).toEqualTypeOf<Promise<bigint>>();
    expectTypeOf(contribute.reset).toEqualTypeOf<() => void>();
    // @ts-expect-error dryRun takes the same arguments as send
    contribute.dryRun();
    // @ts-expect-error estimateFee too
    contribute.estimateFee(100);
  });

  test('the state', () => {
    expectTypeOf(contribute).toExtend<OperationState<bigint>>();
    expectTypeOf(contribute.stage).toEqualTypeOf<OperationStage>();
    expectTypeOf(contribute.status).toEqualTypeOf<OperationStatus>();
    expectTypeOf(contribute.error).toEqualTypeOf<MiningError | undefined>();
    expectTypeOf(contribute.result).toEqualTypeOf<TxResult<bigint> | undefined>();
    expectTypeOf(contribute.hash).toEqualTypeOf<string | undefined>();
    expectTypeOf(contribute.blockNumber).toEqualTypeOf<number | undefined>();
    expectTypeOf<OperationStage>().toEqualTypeOf<
      'idle' | 'validating' | 'signing' | 'signed' | 'broadcast' | 'inBlock' | 'finalized' | 'failed'
    >();
    expectTypeOf<OperationStatus>().toEqualTypeOf<'idle' | 'pending' | 'success' | 'error'>();
  });
});

describe('options', () => {
  test('a signer (possibly not there yet) and when to resolve', () => {
    expectTypeOf<OperationOptions>().toEqualTypeOf<{
      signer?: AnySigner | undefined;
      waitFor?: WaitFor;
    }>();
    expectTypeOf<MiningSigner>().toMatchTypeOf<AnySigner>();
    useOperation((client) => client.createPool(), { signer });
    useOperation((client) => client.createPool(), { signer: alice, waitFor: 'inBlock' });
    useOperation((client) => client.createPool(), {});
  });

  test('wrong options do not compile', () => {
    const alice = '5GrwvaDbBKf6QmhcYB8VmZS4DJdkfqD5SuLMnG7exemzkz4C';
    // @ts-expect-error an address cannot sign: use useSigner(address)
    useOperation((client) => client.createPool(), { signer: alice });
    // @ts-expect-error resolves at inBlock or finalized
    useOperation((client) => client.createPool(), { waitFor: 'broadcast' });
  });
});
