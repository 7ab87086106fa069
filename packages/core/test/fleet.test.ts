import type { TestChain } from '@phala-mining/testing';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MiningClient, pha } from '../src/index.js';
import { setup, until } from './helpers.js';

let chain: TestChain;
let client: MiningClient;
let close: () => Promise<void>;
let pids: bigint[];
let keys: string[];

beforeAll(async () => {
  ({ chain, client, close } = await setup());
  const { alice, bob } = chain.accounts;
  await chain.setMiningEnabled(true);
  pids = [];
  for (let i = 0; i < 2; i++) pids.push((await client.createPool().send(alice)).value);
  // a pool of another owner must stay out of alice's fleet
  await client.createPool().send(bob);
  keys = [];
  for (let i = 0; i < 3; i++)
    keys.push(await chain.registerWorker({ operator: alice, score: 2000, cores: 4, confidence: 1 }));
  await client.pool(pids[0]!).contribute(pha('20000')).addWorker(keys[0]!).addWorker(keys[1]!).send(alice);
  await client.pool(pids[1]!).addWorker(keys[2]!).send(alice);
});
afterAll(() => close?.());

describe('fleet$', () => {
  it("is every pool of the owner with its workers, as each pool's own views show them", async () => {
    const fleet = await until(client.fleet$(chain.accounts.alice.address), (f) =>
      f.pools.every((p) => p.workers.length === p.pool.workers.length),
    );
    expect(fleet.pools.map((p) => p.pool.pid)).toEqual(pids);
    for (const p of fleet.pools) {
      expect(p.workers).toEqual(await firstValueFrom(client.workers$(p.pool.pid)));
      expect(p.pool).toEqual(await firstValueFrom(client.pool$(p.pool.pid)));
    }
    expect(fleet.pools[0]!.workers.map((w) => w.pubkey)).toEqual([keys[0], keys[1]]);
    expect(fleet.pools[1]!.workers.map((w) => w.pubkey)).toEqual([keys[2]]);
  });

  it('follows state changes and worker list changes', async () => {
    const { alice } = chain.accounts;
    const fleet$ = client.fleet$(alice.address);
    const [w] = (await firstValueFrom(client.workers$(pids[0]!))).filter((x) => x.pubkey === keys[0]);
    await client.pool(pids[0]!).startMining(keys[0]!, w!.smin!).send(alice);
    const mining = await until(fleet$, (f) => f.pools[0]!.workers[0]!.state === 'Mining');
    expect(mining.pools[0]!.workers[0]!.stake).toBe(w!.smin);
    expect(mining.pools[0]!.pool.freeStake).toBe(pha('20000') - w!.smin!);

    const extra = await chain.registerWorker({ operator: alice, score: 1000, cores: 2, confidence: 1 });
    await client.pool(pids[1]!).addWorker(extra).send(alice);
    const grown = await until(fleet$, (f) => f.pools[1]!.workers.length === 2);
    expect(grown.pools[1]!.workers[1]).toMatchObject({ pubkey: extra, state: 'Ready' });
  });
});
