import type { TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useAddWorker } from '../index.js';

const worker = `0x${'11'.repeat(32)}`;
declare const alice: KeyringPair;
declare const routePid: bigint | undefined;

describe('useAddWorker', () => {
  test('send(worker) resolves with void', () => {
    const hook = useAddWorker(routePid, { signer: alice });
    expectTypeOf(hook).toEqualTypeOf<OperationHook<[worker: string], void>>();
    expectTypeOf(hook.send(worker)).toEqualTypeOf<Promise<TxResult<void> | undefined>>();
    expectTypeOf(useAddWorker(1n)).toEqualTypeOf<OperationHook<[worker: string], void>>();
    expectTypeOf(useAddWorker(1)).toEqualTypeOf<OperationHook<[worker: string], void>>();
  });

  test('arguments', () => {
    const hook = useAddWorker(1n);
    // @ts-expect-error the worker key is 0x-hex text
    hook.send(new Uint8Array(32));
    // @ts-expect-error a pool id is a bigint or a number
    useAddWorker('1');
  });
});
