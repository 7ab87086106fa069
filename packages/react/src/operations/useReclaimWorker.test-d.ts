import type { TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useReclaimWorker } from '../index.js';

const worker = `0x${'11'.repeat(32)}`;
declare const alice: KeyringPair;
declare const routePid: bigint | undefined;

describe('useReclaimWorker', () => {
  test('send(worker) resolves with void', () => {
    const hook = useReclaimWorker(routePid, { signer: alice });
    expectTypeOf(hook).toEqualTypeOf<OperationHook<[worker: string], void>>();
    expectTypeOf(hook.send(worker)).toEqualTypeOf<Promise<TxResult<void> | undefined>>();
    expectTypeOf(useReclaimWorker(1n)).toEqualTypeOf<OperationHook<[worker: string], void>>();
    expectTypeOf(useReclaimWorker(1)).toEqualTypeOf<OperationHook<[worker: string], void>>();
  });

  test('arguments', () => {
    const hook = useReclaimWorker(1n);
    // @ts-expect-error reclaim takes only the worker
    hook.send(worker, 1n);
    // @ts-expect-error a pool id is a bigint or a number
    useReclaimWorker('1');
  });
});
