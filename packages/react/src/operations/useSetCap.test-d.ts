import type { TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useSetCap } from '../index.js';

declare const alice: KeyringPair;
declare const routePid: bigint | undefined;

describe('useSetCap', () => {
  test('send(50_000_000_000_000_000n) resolves with void', () => {
    const hook = useSetCap(routePid, { signer: alice });
    expectTypeOf(hook).toEqualTypeOf<OperationHook<[cap: bigint], void>>();
    expectTypeOf(hook.send(50_000_000_000_000_000n)).toEqualTypeOf<Promise<TxResult<void> | undefined>>();
    expectTypeOf(useSetCap(1n)).toEqualTypeOf<OperationHook<[cap: bigint], void>>();
    expectTypeOf(useSetCap(1)).toEqualTypeOf<OperationHook<[cap: bigint], void>>();
  });

  test('arguments', () => {
    const hook = useSetCap(1n);
    // @ts-expect-error the cap is planck (bigint)
    hook.send(50_000);
    // @ts-expect-error a pool id is a bigint or a number
    useSetCap('1');
  });
});
