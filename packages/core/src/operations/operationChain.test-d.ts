import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer as InjectedSigner } from '@polkadot/types/types';
import { describe, expectTypeOf, test } from 'vitest';
import {
  type AnySigner,
  type DryRunResult,
  type MiningClient,
  type MiningSigner,
  type OperationChain,
  pha,
  type TxResult,
  type TxSubmission,
} from '../index.js';

declare const client: MiningClient;
declare const alice: KeyringPair;
declare const injected: InjectedSigner;
const bob = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const worker = `0x${'11'.repeat(32)}`;

describe('the chain type follows the last operation', () => {
  test('createPool and contribute yield a bigint, the others nothing', () => {
    const pool = client.pool(1n);
    expectTypeOf(client.createPool()).toEqualTypeOf<OperationChain<bigint>>();
    expectTypeOf(pool.createPool()).toEqualTypeOf<OperationChain<bigint>>();
    expectTypeOf(pool.contribute(pha('100'))).toEqualTypeOf<OperationChain<bigint>>();
    expectTypeOf(pool.claim()).toEqualTypeOf<OperationChain<bigint>>();
    expectTypeOf(pool.setPayout(20)).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(pool.setCap(pha('50000'))).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(pool.setDescription('hello')).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(pool.whitelistAdd(bob)).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(pool.whitelistRemove(bob)).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(pool.addWorker(worker)).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(pool.removeWorker(worker)).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(pool.startMining(worker, pha('3000'))).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(pool.stopMining(worker)).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(pool.restartMining(worker, pha('4000'))).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(pool.reclaimWorker(worker)).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(pool.withdraw({ all: true })).toEqualTypeOf<OperationChain<void>>();
  });

  test('chained operations keep the chain type; the value is the last one', () => {
    const configure = client.pool(1n).setPayout(20).setCap(pha('50000')).addWorker(worker);
    expectTypeOf(configure).toEqualTypeOf<OperationChain<void>>();
    expectTypeOf(configure.contribute(pha('100'))).toEqualTypeOf<OperationChain<bigint>>();
    expectTypeOf(client.pool(1n).contribute(pha('100')).setPayout(5)).toEqualTypeOf<OperationChain<void>>();
    // moving to another pool keeps what the chain yields so far
    expectTypeOf(client.pool(1n).contribute(pha('1')).pool(2n)).toEqualTypeOf<OperationChain<bigint>>();
    expectTypeOf(client.createPool().pool(2).setPayout(1)).toEqualTypeOf<OperationChain<void>>();
  });

  test('introspection', () => {
    const chain = client.pool(1n).setPayout(20);
    expectTypeOf(chain.operations).toEqualTypeOf<string[]>();
    expectTypeOf(chain.pid).toEqualTypeOf<bigint | undefined>();
  });
});

describe('send, dryRun and estimateFee', () => {
  test('send returns the awaitable submission of the chain type', async () => {
    expectTypeOf(client.createPool().send(alice)).toEqualTypeOf<TxSubmission<bigint>>();
    expectTypeOf(client.pool(1n).setPayout(20).send(alice)).toEqualTypeOf<TxSubmission<void>>();

    const created = await client.createPool().send(alice);
    expectTypeOf(created).toEqualTypeOf<TxResult<bigint>>();
    expectTypeOf(created.value).toEqualTypeOf<bigint>();
    const { value: pid } = await client.createPool().send(alice, { waitFor: 'inBlock' });
    expectTypeOf(pid).toEqualTypeOf<bigint>();

    const shares = (await client.pool(pid).contribute(pha('100')).send(alice)).value;
    expectTypeOf(shares).toEqualTypeOf<bigint>();
    expectTypeOf((await client.pool(pid).setPayout(20).send(alice)).value).toEqualTypeOf<void>();
    expectTypeOf((await client.pool(pid).claim('staker', bob).send(alice)).value).toEqualTypeOf<bigint>();
  });

  test('dryRun and estimateFee take a signer or an address', () => {
    const chain = client.pool(1n).setPayout(20);
    expectTypeOf(chain.dryRun(alice)).toEqualTypeOf<Promise<DryRunResult>>();
    expectTypeOf(chain.dryRun(bob)).toEqualTypeOf<Promise<DryRunResult>>();
    expectTypeOf(chain.estimateFee(alice)).toEqualTypeOf<Promise<bigint>>();
    expectTypeOf(chain.estimateFee(bob)).toEqualTypeOf<Promise<bigint>>();
    expectTypeOf<DryRunResult>().toEqualTypeOf<{
      caller: string;
      operations: string[];
      calls: string[];
      signer?: string;
      wrapper?: string;
    }>();
    expectTypeOf(chain.dryRun).parameter(0).toEqualTypeOf<AnySigner | string>();
    expectTypeOf<MiningSigner>().toMatchTypeOf<AnySigner>();
  });

  test('send needs something that signs', () => {
    const chain = client.pool(1n).setPayout(20);
    chain.send({ address: bob, signer: injected });
    // @ts-expect-error an address cannot sign (dryRun and estimateFee take one, send does not)
    chain.send(bob);
    // @ts-expect-error an injected signer needs the address it signs for
    chain.send({ signer: injected });
    // @ts-expect-error a send resolves at inBlock or finalized
    chain.send(alice, { waitFor: 'broadcast' });
    // @ts-expect-error the signer is required
    chain.send();
  });
});

describe('arguments the chain refuses at compile time', () => {
  const pool = client.pool(1n);

  test('planck amounts are bigint, never number', () => {
    pool.contribute(100_000_000_000_000n);
    // @ts-expect-error planck is a bigint: pha('100') or 100_000_000_000_000n
    pool.contribute(100);
    // @ts-expect-error nor a decimal string: parse it with pha()
    pool.contribute('100');
    // @ts-expect-error the cap is planck (bigint)
    pool.setCap(50_000);
    // @ts-expect-error the stake is planck (bigint)
    pool.startMining(worker, 3000);
    // @ts-expect-error the stake is planck (bigint)
    pool.restartMining(worker, 4000);
    // @ts-expect-error the stake is required
    pool.startMining(worker);
  });

  test('the payout is a percentage (number)', () => {
    pool.setPayout(12.5);
    // @ts-expect-error a number of percent, not a string
    pool.setPayout('20');
    // @ts-expect-error nor Permill parts as bigint
    pool.setPayout(200_000n);
  });

  test('claim takes a claim kind and a target address', () => {
    pool.claim('owner');
    pool.claim('staker', bob);
    pool.claim(undefined, bob);
    // @ts-expect-error the kinds are owner, staker and both
    pool.claim('all');
    // @ts-expect-error the target is an address, not a pool id
    pool.claim('owner', 1n);
    // @ts-expect-error the kind comes first
    pool.claim(bob, 'owner');
  });

  test('withdraw takes { shares } | { amount } | { all: true }', () => {
    pool.withdraw({ shares: 5_000n });
    pool.withdraw({ amount: pha('10') });
    pool.withdraw({ all: true });
    // @ts-expect-error shares are a bigint
    pool.withdraw({ shares: 5000 });
    // @ts-expect-error `all` must be literally true
    pool.withdraw({ all: false });
    // @ts-expect-error something to withdraw is required
    pool.withdraw({});
    // @ts-expect-error a bare bigint does not say whether it is shares or planck
    pool.withdraw(5_000n);
  });

  test('workers and stakers are given as strings', () => {
    // @ts-expect-error a worker key is 0x-hex text
    pool.addWorker(new Uint8Array(32));
    // @ts-expect-error a staker is an SS58 address
    pool.whitelistAdd(42);
    // @ts-expect-error a description is text or the Phala App's object (which has a version)
    pool.setDescription({ text: 'hi' });
    pool.setDescription({ telegram: 'mypool', ann: 'adding 10 workers', version: 1 });
    // @ts-expect-error the App's format has version 1 only
    pool.setDescription({ telegram: 'mypool', version: 2 });
    // @ts-expect-error every field is text
    pool.setDescription({ telegram: 42, version: 1 });
  });
});
