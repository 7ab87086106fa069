import { pha, type TxResult, type WithdrawInput } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useWithdraw } from '../index.js';

declare const alice: KeyringPair;
declare const routePid: bigint | undefined;

describe('useWithdraw', () => {
  test('send({ shares } | { amount } | { all: true })', () => {
    const withdraw = useWithdraw(routePid, { signer: alice });
    expectTypeOf(withdraw).toEqualTypeOf<OperationHook<[input: WithdrawInput], void>>();
    expectTypeOf(withdraw.send({ all: true })).toEqualTypeOf<Promise<TxResult<void> | undefined>>();
    withdraw.send({ shares: 5_000n });
    withdraw.send({ amount: pha('10') });
  });

  test('arguments', () => {
    const withdraw = useWithdraw(1n);
    // @ts-expect-error a bare amount does not say whether it is shares or planck
    withdraw.send(pha('10'));
    // @ts-expect-error shares are a bigint
    withdraw.send({ shares: 5000 });
    // @ts-expect-error `all` is literally true
    withdraw.send({ all: false });
    // @ts-expect-error a pool id is a bigint or a number
    useWithdraw('1');
  });
});
