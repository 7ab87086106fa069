import type { PoolDescription, TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useSetDescription } from '../index.js';

declare const alice: KeyringPair;
declare const routePid: bigint | undefined;

describe('useSetDescription', () => {
  test("send('hello') resolves with void", () => {
    const hook = useSetDescription(routePid, { signer: alice });
    expectTypeOf(hook).toEqualTypeOf<OperationHook<[description: string | PoolDescription], void>>();
    expectTypeOf(hook.send('hello')).toEqualTypeOf<Promise<TxResult<void> | undefined>>();
    expectTypeOf(useSetDescription(1n)).toEqualTypeOf<
      OperationHook<[description: string | PoolDescription], void>
    >();
    expectTypeOf(useSetDescription(1)).toEqualTypeOf<
      OperationHook<[description: string | PoolDescription], void>
    >();
  });

  test('arguments', () => {
    const hook = useSetDescription(1n);
    // @ts-expect-error the description is text or the App's object (with its version)
    hook.send({ text: 'hello' });
    hook.send({ telegram: 'mypool', ann: 'two more workers', version: 1 });
    // @ts-expect-error the App's fields are text
    hook.send({ telegram: 1, version: 1 });
    // @ts-expect-error a pool id is a bigint or a number
    useSetDescription('1');
  });
});
