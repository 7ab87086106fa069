import { pha, type TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useContribute } from '../index.js';

declare const alice: KeyringPair;
declare const routePid: bigint | undefined;

describe('useContribute', () => {
  test('send(planck) resolves with the shares minted', async () => {
    const contribute = useContribute(routePid, { signer: alice });
    expectTypeOf(contribute).toEqualTypeOf<OperationHook<[amount: bigint], bigint>>();
    expectTypeOf(contribute.send(pha('100'))).toEqualTypeOf<Promise<TxResult<bigint> | undefined>>();
    const shares = (await contribute.sendAsync(pha('100'))).value;
    expectTypeOf(shares).toEqualTypeOf<bigint>();
    expectTypeOf(contribute.result?.value).toEqualTypeOf<bigint | undefined>();
    expectTypeOf(useContribute(1)).toEqualTypeOf<OperationHook<[amount: bigint], bigint>>();
  });

  test('arguments', () => {
    const contribute = useContribute(1n);
    // @ts-expect-error planck is a bigint: pha('100'), not 100
    contribute.send(100);
    // @ts-expect-error nor a decimal string
    contribute.send('100');
    // @ts-expect-error the amount is required
    contribute.send();
    // @ts-expect-error a pool id is a bigint or a number
    useContribute('1');
  });
});
