import type { TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useStartMining } from '../index.js';

const worker = `0x${'11'.repeat(32)}`;
declare const alice: KeyringPair;
declare const routePid: bigint | undefined;

describe('useStartMining', () => {
  test('send(worker, 3_000_000_000_000_000n) resolves with void', () => {
    const hook = useStartMining(routePid, { signer: alice });
    expectTypeOf(hook).toEqualTypeOf<OperationHook<[worker: string, stake: bigint], void>>();
    expectTypeOf(hook.send(worker, 3_000_000_000_000_000n)).toEqualTypeOf<
      Promise<TxResult<void> | undefined>
    >();
    expectTypeOf(useStartMining(1n)).toEqualTypeOf<OperationHook<[worker: string, stake: bigint], void>>();
    expectTypeOf(useStartMining(1)).toEqualTypeOf<OperationHook<[worker: string, stake: bigint], void>>();
  });

  test('arguments', () => {
    const hook = useStartMining(1n);
    // @ts-expect-error the stake is planck (bigint)
    hook.send(worker, 3000);
    // @ts-expect-error a pool id is a bigint or a number
    useStartMining('1');
  });
});
