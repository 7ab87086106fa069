import type { TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useStopMining } from '../index.js';

const worker = `0x${'11'.repeat(32)}`;
declare const alice: KeyringPair;
declare const routePid: bigint | undefined;

describe('useStopMining', () => {
  test('send(worker) resolves with void', () => {
    const hook = useStopMining(routePid, { signer: alice });
    expectTypeOf(hook).toEqualTypeOf<OperationHook<[worker: string], void>>();
    expectTypeOf(hook.send(worker)).toEqualTypeOf<Promise<TxResult<void> | undefined>>();
    expectTypeOf(useStopMining(1n)).toEqualTypeOf<OperationHook<[worker: string], void>>();
    expectTypeOf(useStopMining(1)).toEqualTypeOf<OperationHook<[worker: string], void>>();
  });

  test('arguments', () => {
    const hook = useStopMining(1n);
    // @ts-expect-error the worker is required
    hook.send();
    // @ts-expect-error a pool id is a bigint or a number
    useStopMining('1');
  });
});
