/**
 * Stock clients following watched transactions under load. @polkadot/api fetches a block's events on `inBlock`
 * and drops that fetch when `finalized` arrives; the node must not send `finalized` before the client has read
 * them, however busy the machine is.
 */
import { Worker } from 'node:worker_threads';
import type { ISubmittableResult } from '@polkadot/types/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_EVENTS_KEY } from '../../src/node/txpoolTypes.js';
import { openScenario, type Scenario } from '../helpers/stockApi.js';
import { RpcClient } from './rpcClient.js';

let s: Scenario;
let busy: Worker | undefined;

beforeAll(async () => {
  s = await openScenario();
  // keep a core busy for the whole file, as a loaded CI machine would be
  busy = new Worker('const end = Date.now() + 120000; while (Date.now() < end) {}', { eval: true });
  // the first thing a loaded machine delays is the client's decoding of replies it already has
});

afterAll(async () => {
  await busy?.terminate();
  await s?.close();
});

describe('finality under load', () => {
  it('200 concurrent stock watched transfers all see InBlock, then Finalized', async () => {
    const { api, keys } = s;
    const first = (await api.rpc.system.accountNextIndex(keys.alice.address)).toNumber();
    const seen = await Promise.all(
      Array.from(
        { length: 200 },
        (_, i) =>
          new Promise<{ inBlock: boolean; finalized: boolean }>((resolve, reject) => {
            let inBlock = false;
            api.tx.balances
              .transfer(keys.bob.address, 1n)
              .signAndSend(keys.alice, { nonce: first + i }, (result: ISubmittableResult) => {
                if (result.status.isInBlock) inBlock = true;
                if (result.status.isFinalized) resolve({ inBlock, finalized: true });
                if (result.isError) reject(new Error(`transaction ${i}: ${result.status.type}`));
              })
              .catch(reject);
          }),
      ),
    );
    expect(seen.filter((x) => !x.inBlock).length).toBe(0);
    expect(seen.every((x) => x.finalized)).toBe(true);
    expect((await api.rpc.system.accountNextIndex(keys.alice.address)).toNumber()).toBe(first + 200);
  });

  it("finalized follows the reply to the client's events read, and comes anyway to a client that never reads", async () => {
    const { api, keys } = s;
    const client = await RpcClient.connect(s.chain.endpoint);
    try {
      const watch = async () => {
        const tx = await api.tx.balances.transfer(keys.bob.address, 1n).signAsync(keys.alice);
        return client.call<string>('author_submitAndWatchExtrinsic', [tx.toHex()]);
      };
      // reads the events: `finalized` is the frame after the read's reply, never before it
      const reader = await watch();
      await client.until(() => client.events(reader).some((e) => e?.inBlock));
      const block = client.events(reader).find((e) => e?.inBlock).inBlock as string;
      expect(client.events(reader).some((e) => e?.finalized)).toBe(false);
      const frames = client.notifications.length;
      await client.call('state_getStorage', [SYSTEM_EVENTS_KEY, block]);
      await client.until(() => client.events(reader).some((e) => e?.finalized));
      expect(client.notifications.length).toBeGreaterThan(frames);
      // never reads: still finalized, after the upper bound
      const silent = await watch();
      await client.until(() => client.events(silent).some((e) => e?.finalized));
      expect(
        client.events(silent).map((e) => Object.keys(typeof e === 'object' ? e : { [e]: 1 })[0]),
      ).toEqual(['ready', 'inBlock', 'finalized']);
    } finally {
      await client.close();
    }
  });

  it("one events read releases all of the connection's watchers on that block, once the client has received its reply", async () => {
    const { api, keys, chain } = s;
    // a client that answers pings only when told: its pongs are its receipts
    const client = await RpcClient.connect(chain.endpoint, { autoPong: false });
    const pings: Buffer[] = [];
    client.ws.on('ping', (payload) => pings.push(payload));
    chain.setBlockMode('manual');
    try {
      const first = (await api.rpc.system.accountNextIndex(keys.alice.address)).toNumber();
      const subs: string[] = [];
      for (const nonce of [first, first + 1]) {
        const tx = await api.tx.balances.transfer(keys.bob.address, 1n).signAsync(keys.alice, { nonce });
        subs.push(await client.call<string>('author_submitAndWatchExtrinsic', [tx.toHex()]));
      }
      const block = await chain.newBlock();
      await client.until(() => subs.every((sub) => client.events(sub).some((e) => e?.inBlock === block)));
      // one read for both (as @polkadot/api's memoized derive.tx.events makes); its reply is not yet confirmed
      await client.call('state_getStorage', [SYSTEM_EVENTS_KEY, block]);
      await client.until(() => pings.length >= 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(subs.flatMap((sub) => client.events(sub)).some((e) => e?.finalized)).toBe(false);
      // the pong of the ping sent behind the reply: both hear finalized, each after its inBlock
      client.ws.pong(pings[pings.length - 1]);
      await client.until(() => subs.every((sub) => client.events(sub).some((e) => e?.finalized === block)));
      for (const sub of subs) {
        expect(client.events(sub).map((e) => Object.keys(typeof e === 'object' ? e : { [e]: 1 })[0])).toEqual(
          ['ready', 'inBlock', 'finalized'],
        );
      }
    } finally {
      chain.setBlockMode('instant');
      await client.close();
    }
  });

  it('a client that fetched the block waits for its own events read, however long it takes, not for the bound', async () => {
    const { api, keys, chain } = s;
    const client = await RpcClient.connect(chain.endpoint);
    try {
      const tx = await api.tx.balances.transfer(keys.bob.address, 1n).signAsync(keys.alice);
      const sub = await client.call<string>('author_submitAndWatchExtrinsic', [tx.toHex()]);
      await client.until(() => client.events(sub).some((e) => e?.inBlock));
      const block = client.events(sub).find((e) => e?.inBlock).inBlock as string;
      // as @polkadot/api on inBlock: the block first, the events a couple of round trips later — here, later
      // than the 2 s bound a client that never reads gets
      await client.call('chain_getBlock', [block]);
      await new Promise((resolve) => setTimeout(resolve, 2600));
      expect(client.events(sub).some((e) => e?.finalized)).toBe(false);
      await client.call('state_getStorage', [SYSTEM_EVENTS_KEY, block]);
      await client.until(() => client.events(sub).some((e) => e?.finalized === block));
    } finally {
      await client.close();
    }
  });
});
