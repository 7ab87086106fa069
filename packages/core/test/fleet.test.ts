import { firstValueFrom } from 'rxjs';
import { describe, expect } from 'vitest';
import { pha } from '../src/index.js';
import { test as chainTest } from './chainTest.js';
import { until } from './helpers.js';

interface Fleet {
  /** Alice's two pools */
  pids: bigint[];
  /** three workers of hers: two in the first pool (with 20 000 PHA of hers), one in the second */
  keys: string[];
}

/** The file's tests share Alice's fleet (and a pool of Bob's) on the file's chain, the testing package's fixture. */
const test = chainTest.extend<{ owned: Fleet }>({
  owned: [
    async ({ fileChain: chain, client }, use) => {
      const { alice, bob } = chain.accounts;
      await chain.setMiningEnabled(true);
      const pids: bigint[] = [];
      for (let i = 0; i < 2; i++) pids.push((await client.createPool().send(alice)).value);
      // a pool of another owner must stay out of alice's fleet
      await client.createPool().send(bob);
      const keys: string[] = [];
      for (let i = 0; i < 3; i++)
        keys.push(await chain.registerWorker({ operator: alice, score: 2000, cores: 4, confidence: 1 }));
      await client
        .pool(pids[0]!)
        .contribute(pha('20000'))
        .addWorker(keys[0]!)
        .addWorker(keys[1]!)
        .send(alice);
      await client.pool(pids[1]!).addWorker(keys[2]!).send(alice);
      await use({ pids, keys });
    },
    { scope: 'file', auto: true },
  ],
});

describe('fleet$', () => {
  test("is every pool of the owner with its workers, as each pool's own views show them", async ({
    chain,
    client,
    owned,
  }) => {
    const { pids, keys } = owned;
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

  test('follows state changes and worker list changes', async ({ chain, client, owned }) => {
    const { pids, keys } = owned;
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
