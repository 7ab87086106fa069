import type { TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useSetPayout } from '../index.js';

declare const alice: KeyringPair;
declare const routePid: bigint | undefined;

describe('useSetPayout', () => {
  test('send(20) resolves with void', () => {
    const hook = useSetPayout(routePid, { signer: alice });
    expectTypeOf(hook).toEqualTypeOf<OperationHook<[percent: number], void>>();
    expectTypeOf(hook.send(20)).toEqualTypeOf<Promise<TxResult<void> | undefined>>();
    expectTypeOf(useSetPayout(1n)).toEqualTypeOf<OperationHook<[percent: number], void>>();
    expectTypeOf(useSetPayout(1)).toEqualTypeOf<OperationHook<[percent: number], void>>();
  });

  test('arguments', () => {
    const hook = useSetPayout(1n);
    // @ts-expect-error the commission is a number of percent
    hook.send('20%');
    // @ts-expect-error a pool id is a bigint or a number
    useSetPayout('1');
  });
});
