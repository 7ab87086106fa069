import type { ClaimKind, TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useClaim } from '../index.js';

declare const alice: KeyringPair;
declare const routePid: bigint | undefined;
const bob = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';

describe('useClaim', () => {
  test('send(kind?, target?) resolves with the amount claimed', async () => {
    const claim = useClaim(routePid, { signer: alice });
    expectTypeOf(claim).toEqualTypeOf<OperationHook<[kind?: ClaimKind, target?: string], bigint>>();
    expectTypeOf(claim.send()).toEqualTypeOf<Promise<TxResult<bigint> | undefined>>();
    expectTypeOf(claim.send('owner')).toEqualTypeOf<Promise<TxResult<bigint> | undefined>>();
    expectTypeOf((await claim.sendAsync('staker', bob)).value).toEqualTypeOf<bigint>();
    claim.send(undefined, bob);
    expectTypeOf(claim.send).parameter(0).toEqualTypeOf<ClaimKind | undefined>();
  });

  test('arguments', () => {
    const claim = useClaim(1n);
    // @ts-expect-error the kinds are owner, staker and both
    claim.send('all');
    // @ts-expect-error the target is an address
    claim.send('owner', 1n);
    // @ts-expect-error the kind comes first
    claim.send(bob);
    // @ts-expect-error a pool id is a bigint or a number
    useClaim('1');
  });
});
