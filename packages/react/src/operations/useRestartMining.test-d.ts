import type { TxResult } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expectTypeOf, test } from 'vitest';
import { type OperationHook, useRestartMining } from '../index.js';

const worker = `0x${'11'.repeat(32)}`;
declare const alice: KeyringPair;
declare const routePid: bigint | undefined;

describe('useRestartMining', () => {
  test('send(worker, 4_000_000_000_000_000n) resolves with void', () => {
    const hook = useRestartMining(routePid, { signer: alice });
    expectTypeOf(hook).toEqualTypeOf<OperationHook<[worker: string, stake: bigint], void>>();
    expectTypeOf(hook.send(worker, 4_000_000_000_000_000n)).toEqualTypeOf<
      Promise<TxResult<void> | undefined>
    >();
    expectTypeOf(useRestartMining(1n)).toEqualTypeOf<OperationHook<[worker: string, stake: bigint], void>>();
    expectTypeOf(useRestartMining(1)).toEqualTypeOf<OperationHook<[worker: string, stake: bigint], void>>();
  });

  test('arguments', () => {
    const hook = useRestartMining(1n);
    // @ts-expect-error the new stake is required
    hook.send(worker);
    // @ts-expect-error a pool id is a bigint or a number
    useRestartMining('1');
  });
});
