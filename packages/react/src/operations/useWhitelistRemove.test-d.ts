import type { TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useWhitelistRemove } from '../index.js';

const bob = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
declare const alice: KeyringPair;
declare const routePid: bigint | undefined;

describe('useWhitelistRemove', () => {
  test('send(bob) resolves with void', () => {
    const hook = useWhitelistRemove(routePid, { signer: alice });
    expectTypeOf(hook).toEqualTypeOf<OperationHook<[staker: string], void>>();
    expectTypeOf(hook.send(bob)).toEqualTypeOf<Promise<TxResult<void> | undefined>>();
    expectTypeOf(useWhitelistRemove(1n)).toEqualTypeOf<OperationHook<[staker: string], void>>();
    expectTypeOf(useWhitelistRemove(1)).toEqualTypeOf<OperationHook<[staker: string], void>>();
  });

  test('arguments', () => {
    const hook = useWhitelistRemove(1n);
    // @ts-expect-error the staker is required
    hook.send();
    // @ts-expect-error a pool id is a bigint or a number
    useWhitelistRemove('1');
  });
});
