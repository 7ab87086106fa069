import type { TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useWhitelistAdd } from '../index.js';

const bob = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
declare const alice: KeyringPair;
declare const routePid: bigint | undefined;

describe('useWhitelistAdd', () => {
  test('send(bob) resolves with void', () => {
    const hook = useWhitelistAdd(routePid, { signer: alice });
    expectTypeOf(hook).toEqualTypeOf<OperationHook<[staker: string], void>>();
    expectTypeOf(hook.send(bob)).toEqualTypeOf<Promise<TxResult<void> | undefined>>();
    expectTypeOf(useWhitelistAdd(1n)).toEqualTypeOf<OperationHook<[staker: string], void>>();
    expectTypeOf(useWhitelistAdd(1)).toEqualTypeOf<OperationHook<[staker: string], void>>();
  });

  test('arguments', () => {
    const hook = useWhitelistAdd(1n);
    // @ts-expect-error the staker is an SS58 address
    hook.send(1);
    // @ts-expect-error a pool id is a bigint or a number
    useWhitelistAdd('1');
  });
});
