/**
 * The node under abuse: every limit answers its JSON-RPC error (never an unbounded reply, a hang or a crash) and
 * the node still includes a transfer afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevChain } from '../../src/node/devchain.js';
import { openScenario, PHA, type Scenario } from '../helpers/stockApi.js';
import { RpcClient } from './rpcClient.js';

let s: Scenario;
let client: RpcClient;

beforeAll(async () => {
  s = await openScenario({
    maxResponseBytes: 512 * 1024,
    maxBatchLength: 50,
    maxConnections: 8,
    maxNewBlocks: 20,
    poolLimits: { futureCount: 5 },
  });
  client = await RpcClient.connect(s.chain.endpoint);
});

afterAll(async () => {
  await client?.close();
  await s?.close();
});

/** The node still works: a signed transfer is included and reported. */
async function stillServesATransfer(): Promise<void> {
  const outcome = await s.send(s.api.tx.balances.transfer(s.keys.bob.address, PHA), s.keys.alice);
  expect(outcome.events).toContain('balances.Transfer');
}

describe('limits', () => {
  it('never sends a reply over the response limit: -32008 instead', async () => {
    // the metadata is ~120 KB of hex, over this node's 100 KiB (too small for @polkadot/api: a raw client)
    const small = await startDevChain({ port: 0, maxResponseBytes: 100 * 1024 });
    const raw = await RpcClient.connect(small.endpoint);
    try {
      const reply = await raw.request('state_getMetadata');
      expect(reply.error).toEqual({
        code: -32008,
        message: 'Response is too big',
        data: 'Exceeded max limit of 102400',
      });
      expect(await raw.call('chain_getHeader')).toMatchObject({ number: '0x0' });
      await raw.call('dev_newBlock');
      expect(await raw.call('chain_getHeader')).toMatchObject({ number: '0x1' });
    } finally {
      await raw.close();
      await small.close();
    }
  });

  it('stops a batch whose replies pass the response limit: -32011, one small frame', async () => {
    const batch = Array.from({ length: 40 }, (_, i) => ({
      jsonrpc: '2.0',
      id: i,
      method: 'state_getStorage',
      params: ['0x26aa394eea5630e07c48ae0c9558cef7'],
    }));
    // 40 small calls fit; the same batch of metadata calls does not
    expect(Array.isArray(await client.raw(JSON.stringify(batch)))).toBe(true);
    const big = batch.map((call) => ({ ...call, method: 'state_getMetadata', params: [] }));
    const reply = await client.raw(JSON.stringify(big));
    expect(reply.error.code).toBe(-32011);
    expect(JSON.stringify(reply).length).toBeLessThan(300);
    await stillServesATransfer();
  });

  it('refuses a batch longer than the limit: -32010', async () => {
    const batch = Array.from({ length: 51 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'system_name' }));
    const reply = await client.raw(JSON.stringify(batch));
    expect(reply.error).toMatchObject({ code: -32010, message: 'The batch request was too large' });
  });

  it('a subscription opened by a refused batch is never announced and holds no slot', async () => {
    const batch = [
      { jsonrpc: '2.0', id: 'sub', method: 'chain_subscribeNewHeads', params: [] },
      ...Array.from({ length: 30 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'state_getMetadata' })),
    ];
    const before = client.notifications.length;
    expect((await client.raw(JSON.stringify(batch))).error.code).toBe(-32011);
    await s.newBlocks(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.notifications.length).toBe(before);
  });

  it('caps dev_newBlock and keeps answering during a long run', async () => {
    const refused = await client.request('dev_newBlock', [{ count: 1e9 }]);
    expect(refused.error?.code).toBe(7001);
    expect(refused.error?.message).toMatch(/at most 20/);
    expect((await client.request('dev_newBlock', [{ to: 2 ** 53 - 1 }])).error?.message).toMatch(
      /at most 20/,
    );
    const head = s.chain.node.head.number;
    const run = client.call('dev_newBlock', [{ count: 20 }]);
    // answered while the run is going: blocks yield to the event loop
    const during = await client.call<string>('system_name');
    expect(during).toBe('phala-devchain');
    await run;
    expect(s.chain.node.head.number).toBe(head + 20);
  });

  it('refuses time travel to NaN, negative, past 2100 and backwards, saying why', async () => {
    const reasons = await Promise.all(
      ['tomorrow', -1, 8.64e15, 0].map(
        async (target) => (await client.request('dev_timeTravel', [target])).error,
      ),
    );
    expect(reasons[0]?.data).toMatch(/not a date/);
    expect(reasons[1]?.data).toMatch(/non-negative/);
    expect(reasons[2]?.data).toMatch(/after 2100/);
    expect(reasons[3]?.data).toMatch(/next block must be at or after .*minimum|pallet_timestamp/);
    // a good one still works afterwards
    const now = await s.now();
    expect(await client.call('dev_timeTravel', [now + 60_000])).toBe(now + 60_000);
    await s.newBlocks(1);
    expect(await s.now()).toBe(now + 60_000);
  });

  it('a full future queue answers 1016 Immediately Dropped; ready transactions still enter', async () => {
    const { api, keys } = s;
    const nonce = (await api.rpc.system.accountNextIndex(keys.charlie.address)).toNumber();
    const future = async (offset: number) => {
      const tx = api.tx.balances.transfer(keys.bob.address, 1n);
      await tx.signAsync(keys.charlie, { nonce: nonce + offset });
      return client.request('author_submitExtrinsic', [tx.toHex()]);
    };
    for (let i = 1; i <= 5; i++) expect((await future(i)).error).toBeUndefined();
    const dropped = await future(6);
    expect(dropped.error).toMatchObject({ code: 1016, message: 'Immediately Dropped' });
    expect(dropped.error?.data).toMatch(/future queue holds 5 transactions/);
    // the missing nonce arrives: all six are included, in order
    await s.send(api.tx.balances.transfer(keys.bob.address, 1n), keys.charlie);
    await s.newBlocks(1);
    expect((await api.rpc.system.accountNextIndex(keys.charlie.address)).toNumber()).toBe(nonce + 6);
  });

  it('refuses connections beyond the limit and serves again once one closes', async () => {
    const extra: RpcClient[] = [];
    // the scenario's api and `client` hold two of the eight
    for (let i = 0; i < 6; i++) extra.push(await RpcClient.connect(s.chain.endpoint));
    await expect(RpcClient.connect(s.chain.endpoint)).rejects.toThrow(/503/);
    const http = await fetch(s.chain.httpEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_name' }),
    });
    expect(http.status).toBe(503);
    await extra.pop()!.close();
    const again = await RpcClient.connect(s.chain.endpoint);
    expect(await again.call('system_name')).toBe('phala-devchain');
    await Promise.all([again, ...extra].map((c) => c.close()));
    await stillServesATransfer();
  });
});

describe('HTTP', () => {
  it('answers a notification, and a batch of notifications, with 200 and an empty body at once', async () => {
    const post = (body: unknown) =>
      fetch(s.chain.httpEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const replies = await Promise.all(
      Array.from({ length: 200 }, () => post({ jsonrpc: '2.0', method: 'system_name' })),
    );
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(await reply.text()).toBe('');
    }
    const batch = await post([
      { jsonrpc: '2.0', method: 'system_name' },
      { jsonrpc: '2.0', method: 'system_chain' },
    ]);
    expect(batch.status).toBe(200);
    expect(await batch.text()).toBe('');
  });
});

describe('dev_newBlock with transactions', () => {
  it('reports each refused transaction (code and reason) and builds nothing', async () => {
    const { api, keys } = s;
    const head = await s.blockNumber();
    const good = await api.tx.balances.transfer(keys.bob.address, 1n).signAsync(keys.dave);
    const badSignature = good.toU8a();
    badSignature[badSignature.length - 40]! ^= 0xff;
    const replay = await api.tx.balances.transfer(keys.bob.address, 1n).signAsync(keys.alice, { nonce: 0 });
    const reply = await client.request('dev_newBlock', [
      { transactions: ['0x0c010203', `0x${Buffer.from(badSignature).toString('hex')}`, replay.toHex()] },
    ]);
    expect(reply.error?.message).toMatch(/3 of 3 transactions refused; no block was built/);
    const refused = reply.error?.data as Array<{ index: number; code: number; data: string }>;
    expect(refused.map((r) => [r.index, r.code])).toEqual([
      [0, 1002],
      [1, 1010],
      [2, 1010],
    ]);
    expect(refused[2]!.data).toMatch(/^Transaction is outdated/);
    expect(await s.blockNumber()).toBe(head);
    // a valid one is included as before, returning the block hash
    const hash = await client.call<string>('dev_newBlock', [{ transactions: [good.toHex()] }]);
    expect((await api.rpc.chain.getBlock(hash)).block.extrinsics.some((x) => x.hash.eq(good.hash))).toBe(
      true,
    );
    // sent again once included: a replay, banned as Substrate bans it
    expect((await client.request('author_submitExtrinsic', [good.toHex()])).error).toMatchObject({
      code: 1012,
      message: 'Transaction is temporarily banned',
    });
  });

  it('answers Substrate codes: 1002 for undecodable, 1010 "Transaction is outdated" for a replay', async () => {
    const undecodable = await client.request('author_submitExtrinsic', ['0x0c010203']);
    expect(undecodable.error).toMatchObject({ code: 1002 });
    expect(undecodable.error?.message).toMatch(/^Verification Error: Runtime error/);
    expect(undecodable.error?.data).toMatch(/Bad input data/);
    const replay = await s.api.tx.balances
      .transfer(s.keys.bob.address, 1n)
      .signAsync(s.keys.alice, { nonce: 0 });
    const stale = await client.request('author_submitExtrinsic', [replay.toHex()]);
    expect(stale.error).toMatchObject({ code: 1010, message: 'Invalid Transaction' });
    expect(stale.error?.data).toMatch(/^Transaction is outdated: nonce 0 is already used/);
  });
});
