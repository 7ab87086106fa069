import type { TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useRemoveWorker } from '../index.js';

const worker = `0x${'11'.repeat(32)}`;
declare const alice: KeyringPair;
declare const routePid: bigint | undefined;

describe('useRemoveWorker', () => {
  test('send(worker) resolves with void', () => {
    const hook = useRemoveWorker(routePid, { signer: alice });
    expectTypeOf(hook).toEqualTypeOf<OperationHook<[worker: string], void>>();
    expectTypeOf(hook.send(worker)).toEqualTypeOf<Promise<TxResult<void> | undefined>>();
    expectTypeOf(useRemoveWorker(1n)).toEqualTypeOf<OperationHook<[worker: string], void>>();
    expectTypeOf(useRemoveWorker(1)).toEqualTypeOf<OperationHook<[worker: string], void>>();
  });

  test('arguments', () => {
    const hook = useRemoveWorker(1n);
    // @ts-expect-error the worker key is 0x-hex text
    hook.send(1);
    // @ts-expect-error a pool id is a bigint or a number
    useRemoveWorker('1');
  });
});
