/**
 * One error channel: bad input and broken rules surface the same way. Builders never throw — the submission or the
 * dry run rejects with the typed error — and state factories emit an `error` notification instead of throwing.
 */
import { firstValueFrom } from 'rxjs';
import { expect } from 'vitest';
import {
  InputError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidPercentError,
  InvalidPoolIdError,
  InvalidWorkerKeyError,
  type TxStage,
} from '../src/index.js';
import { test } from './chainTest.js';
import { rejection } from './helpers.js';

test('builders never throw: the send fails with the typed error', async ({ chain, client }) => {
  const { alice } = chain.accounts;
  const { value: pid } = await client.createPool().send(alice);
  const build = () => ({
    badPool: client.pool(-1).contribute(10n ** 12n),
    badPercent: client.pool(pid).setPayout(101),
    badKey: client.pool(pid).addWorker('0x12'),
    badAmount: client.pool(pid).contribute(-5n),
  });
  expect(build).not.toThrow();
  const chains = build();
  expect(await rejection(chains.badPool.send(alice))).toBeInstanceOf(InvalidPoolIdError);
  expect(await rejection(chains.badPercent.send(alice))).toBeInstanceOf(InvalidPercentError);
  expect(await rejection(chains.badKey.send(alice))).toBeInstanceOf(InvalidWorkerKeyError);
  expect(await rejection(chains.badAmount.send(alice))).toBeInstanceOf(InvalidAmountError);
  expect(await rejection(chains.badAmount.dryRun(alice))).toBeInstanceOf(InputError);
  expect(await rejection(chains.badPercent.estimateFee(alice))).toBeInstanceOf(InvalidPercentError);

  // the submission reports it as its `failed` stage, unsigned, like a broken rule
  const stages: TxStage[] = [];
  await new Promise<void>((resolve) => {
    chains.badPercent.send(alice).subscribe({
      next: (stage) => {
        stages.push(stage);
      },
      complete: resolve,
      error: () => resolve(),
    });
  });
  expect(stages).toHaveLength(1);
  expect(stages[0]).toMatchObject({ stage: 'failed', hash: undefined });
  expect((stages[0] as { error: unknown }).error).toBeInstanceOf(InvalidPercentError);
});

test('a bad input earlier in a chain is the one reported', async ({ chain, client }) => {
  const { alice } = chain.accounts;
  const { value: pid } = await client.createPool().send(alice);
  const error = await rejection(client.pool(pid).setPayout(200).setCap(-1n).dryRun(alice));
  expect(error).toBeInstanceOf(InvalidPercentError);
});

test('state factories emit an error notification instead of throwing', async ({ chain, client }) => {
  const alice = chain.accounts.alice.address;
  expect(() => client.stake$(0, 'bad')).not.toThrow();
  await expect(firstValueFrom(client.stake$(0, 'bad'))).rejects.toBeInstanceOf(InvalidAddressError);
  await expect(firstValueFrom(client.pool$(-1))).rejects.toBeInstanceOf(InvalidPoolIdError);
  await expect(firstValueFrom(client.workers$(1.5))).rejects.toBeInstanceOf(InvalidPoolIdError);
  await expect(firstValueFrom(client.balance$('0x12'))).rejects.toBeInstanceOf(InvalidAddressError);
  await expect(firstValueFrom(client.apr$(-1))).rejects.toBeInstanceOf(InvalidPoolIdError);
  await expect(firstValueFrom(client.pools$({ owner: 'nobody' }))).rejects.toBeInstanceOf(
    InvalidAddressError,
  );
  // good input still works
  expect(await firstValueFrom(client.balance$(alice))).toMatchObject({ free: expect.any(BigInt) });
});
