import type { TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useCreatePool } from '../index.js';

declare const alice: KeyringPair;

describe('useCreatePool', () => {
  test('send() resolves with the new pool id', async () => {
    const create = useCreatePool({ signer: alice });
    expectTypeOf(create).toEqualTypeOf<OperationHook<[], bigint>>();
    expectTypeOf(create.send()).toEqualTypeOf<Promise<TxResult<bigint> | undefined>>();
    const created = await create.send();
    expectTypeOf(created?.value).toEqualTypeOf<bigint | undefined>();
    expectTypeOf((await create.sendAsync()).value).toEqualTypeOf<bigint>();
    expectTypeOf(useCreatePool()).toEqualTypeOf<OperationHook<[], bigint>>();
  });

  test('arguments', () => {
    const create = useCreatePool();
    // @ts-expect-error send takes no arguments (the signer is an option of the hook)
    create.send(alice);
    // @ts-expect-error there is no pool yet to pass
    useCreatePool(1n);
  });
});
