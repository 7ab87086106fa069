import { u8aToHex } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DevChain, startDevChain } from '../../src/node/devchain.js';
import { account, CODE_KEY, FakeRuntime, nonceKey, txHex, valueKey } from './fakeRuntime.js';
import { RpcClient } from './rpcClient.js';

const GENESIS_TIME = 1_700_000_004_000;

describe('JSON-RPC over WebSocket and HTTP', () => {
  let chain: DevChain;
  let client: RpcClient;

  beforeAll(async () => {
    chain = await startDevChain({ port: 0, runtime: new FakeRuntime(), genesisTimestamp: GENESIS_TIME });
    client = await RpcClient.connect(chain.endpoint);
  });

  afterAll(async () => {
    await client.close();
    await chain.close();
  });

  afterEach(() => chain.setBlockMode('instant'));

  it('lists exactly the served methods', async () => {
    const { methods, version } = await client.call('rpc_methods');
    expect(version).toBe(1);
    for (const m of [
      'chain_getBlockHash',
      'state_getRuntimeVersion',
      'system_chain',
      'system_properties',
      'state_subscribeRuntimeVersion',
      'state_queryStorageAt',
      'author_submitAndWatchExtrinsic',
      'chainHead_v1_follow',
      'transaction_v1_broadcast',
      'chainSpec_v1_genesisHash',
      'dev_newBlock',
      'payment_queryInfo',
      'rpc_methods',
    ]) {
      expect(methods).toContain(m);
    }
    // every listed method exists (a separate socket: some of these open subscriptions)
    const probe = await RpcClient.connect(chain.endpoint);
    for (const m of methods as string[]) {
      const reply = await probe.request(m, []);
      expect(reply.error?.code, m).not.toBe(-32601);
    }
    await probe.close();
  });

  it('answers system queries', async () => {
    expect(await client.call('system_chain')).toBe('Fake Dev');
    expect(await client.call('system_name')).toBe('phala-devchain');
    expect(await client.call('system_chainType')).toBe('Development');
    expect(await client.call('system_properties')).toEqual({
      ss58Format: 30,
      tokenDecimals: 12,
      tokenSymbol: 'PHA',
    });
    expect(await client.call('system_health')).toEqual({
      peers: 0,
      isSyncing: false,
      shouldHavePeers: false,
    });
    expect(await client.call('system_peers')).toEqual([]);
    expect((await client.call('system_localListenAddresses'))[0]).toContain(`/tcp/${chain.port}/`);
  });

  it('reports JSON-RPC errors with standard codes and keeps serving', async () => {
    expect((await client.raw('{not json')).error.code).toBe(-32700);
    expect((await client.raw('{"jsonrpc":"2.0","id":5}')).error).toMatchObject({ code: -32600 });
    expect(await client.raw('{"jsonrpc":"1.0","id":6,"method":"system_name"}')).toMatchObject({
      id: 6,
      error: { code: -32600 },
    });
    expect((await client.raw('[]')).error.code).toBe(-32600);
    expect((await client.raw('42')).error.code).toBe(-32600);
    expect((await client.raw('{"jsonrpc":"2.0","id":{},"method":"system_name"}')).error.code).toBe(-32600);
    expect((await client.request('no_suchMethod')).error?.code).toBe(-32601);
    expect((await client.request('state_getStorage', [123])).error?.code).toBe(-32602);
    expect((await client.request('state_getStorage', ['0xzz'])).error?.code).toBe(-32602);
    expect((await client.request('system_name', [1])).error?.code).toBe(-32602);
    expect((await client.request('chain_getBlockHash', [-1])).error?.code).toBe(-32602);
    expect((await client.request('chain_getHeader', ['0x1234'])).error?.code).toBe(-32602);
    const named = await client.raw('{"jsonrpc":"2.0","id":"n","method":"system_name","params":{"a":1}}');
    expect(named).toMatchObject({ id: 'n', error: { code: -32602 } });
    expect(await client.call('system_name')).toBe('phala-devchain');
  });

  it('handles batches, including notifications and invalid members', async () => {
    const reply = await client.raw(
      JSON.stringify([
        { jsonrpc: '2.0', id: 'a', method: 'system_chain' },
        { jsonrpc: '2.0', method: 'system_chain' },
        { jsonrpc: '2.0', id: 'b', method: 'nope' },
        7,
        { jsonrpc: '2.0', id: 'c', method: 'chain_getBlockHash', params: [0] },
      ]),
    );
    expect(reply).toHaveLength(4);
    expect(reply[0]).toEqual({ jsonrpc: '2.0', id: 'a', result: 'Fake Dev' });
    expect(reply[1].error.code).toBe(-32601);
    expect(reply[2]).toMatchObject({ id: null, error: { code: -32600 } });
    expect(reply[3].result).toBe(chain.node.chain.genesis.hash);
    // a batch of notifications gets no reply at all
    const before = client.stray.length;
    client.ws.send(JSON.stringify([{ jsonrpc: '2.0', method: 'system_chain' }]));
    expect(await client.call('system_name')).toBe('phala-devchain');
    expect(client.stray.length).toBe(before);
  });

  it('refuses oversized requests without dropping the socket, and reads binary frames', async () => {
    const huge = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'system_name',
      params: ['x'.repeat(16 * 1024 * 1024)],
    });
    const reply = await client.raw(huge);
    expect(reply.error.code).toBe(-32007);
    const binary = await client.raw(Buffer.from('{"jsonrpc":"2.0","id":"bin","method":"system_chain"}'));
    expect(binary).toEqual({ jsonrpc: '2.0', id: 'bin', result: 'Fake Dev' });
  });

  it('serves blocks, headers and hashes', async () => {
    const hash = await chain.newBlock();
    const head = chain.node.head;
    expect(await client.call('chain_getBlockHash')).toBe(hash);
    expect(await client.call('chain_getBlockHash', [head.number])).toBe(hash);
    expect(await client.call('chain_getBlockHash', [`0x${head.number.toString(16)}`])).toBe(hash);
    expect(await client.call('chain_getBlockHash', [[0, head.number, 10_000]])).toEqual([
      chain.node.chain.genesis.hash,
      hash,
      null,
    ]);
    const header = await client.call('chain_getHeader', [hash]);
    expect(header).toEqual({
      parentHash: head.parentHash,
      number: `0x${head.number.toString(16)}`,
      stateRoot: head.header.stateRoot,
      extrinsicsRoot: head.header.extrinsicsRoot,
      digest: { logs: [] },
    });
    const block = await client.call('chain_getBlock', [hash]);
    expect(block.block.header).toEqual(header);
    expect(block.block.extrinsics).toHaveLength(1);
    expect(block.justifications).toBeNull();
    expect(await client.call('chain_getHeader', [`0x${'11'.repeat(32)}`])).toBeNull();
    expect(await client.call('chain_getFinalizedHead')).toBe(hash);
    expect(await client.call('chain_getFinalisedHead')).toBe(hash);
  });

  it('reads storage, keys, metadata, versions and runtime calls', async () => {
    await chain.setStorage([
      [valueKey(1), '0x01'],
      [valueKey(2), '0x0203'],
      [valueKey(3), '0x03'],
    ]);
    expect(await client.call('state_getStorage', [valueKey(2)])).toBe('0x0203');
    expect(await client.call('state_getStorageAt', [valueKey(9)])).toBeNull();
    expect(await client.call('state_getStorageSize', [valueKey(2)])).toBe(2);
    expect(await client.call('state_getStorageHash', [valueKey(2)])).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await client.call('state_getKeys', ['0x02'])).toEqual([valueKey(1), valueKey(2), valueKey(3)]);
    expect(await client.call('state_getKeysPaged', ['0x02', 2])).toEqual([valueKey(1), valueKey(2)]);
    expect(await client.call('state_getKeysPaged', ['0x02', 2, valueKey(2)])).toEqual([valueKey(3)]);
    expect((await client.request('state_getKeysPaged', ['0x02', 1001])).error?.code).toBe(4002);
    const at = await client.call('chain_getBlockHash');
    expect(await client.call('state_queryStorageAt', [[valueKey(1), valueKey(9)]])).toEqual([
      {
        block: at,
        changes: [
          [valueKey(1), '0x01'],
          [valueKey(9), null],
        ],
      },
    ]);
    const unknown = `0x${'ab'.repeat(32)}`;
    expect((await client.request('state_getStorage', [valueKey(1), unknown])).error?.code).toBe(4003);
    expect(await client.call('state_getMetadata')).toBe('0x6d6574610e00');
    expect((await client.call('state_getRuntimeVersion')).specName).toBe('fake');
    expect((await client.call('chain_getRuntimeVersion')).apis).toEqual([['0xdf6acb689907609b', 4]]);
    expect(await client.call('state_call', ['Core_version', '0x'])).toBe('0x010203');
    const failed = await client.request('state_call', ['Nope_nothing', '0x']);
    expect(failed.error?.code).toBe(4003);
    expect(failed.error?.message).toMatch(/Execution failed/);
  });

  it('queries storage changes over a block range', async () => {
    const from = await chain.setStorage([[valueKey(7), '0x01']]);
    await chain.newBlock();
    const to = await chain.setStorage([[valueKey(7), '0x02']]);
    expect(await client.call('state_queryStorage', [[valueKey(7)], from, to])).toEqual([
      { block: from, changes: [[valueKey(7), '0x01']] },
      { block: to, changes: [[valueKey(7), '0x02']] },
    ]);
  });

  it('submits and watches an extrinsic through ready, inBlock and finalized', async () => {
    const sub = await client.call('author_submitAndWatchExtrinsic', [txHex(10, 0, 1, 40, 4)]);
    await client.until(() => client.events(sub).length >= 3);
    const [ready, inBlock, finalized] = client.events(sub);
    expect(ready).toBe('ready');
    expect(inBlock.inBlock).toMatch(/^0x[0-9a-f]{64}$/);
    expect(finalized).toEqual({ finalized: inBlock.inBlock });
    expect(await client.call('state_getStorage', [valueKey(40), inBlock.inBlock])).toBe('0x04');
    // the subscription ended with the final status
    expect(await client.call('author_unwatchExtrinsic', [sub])).toBe(false);
  });

  it('refuses invalid extrinsics with Substrate author errors', async () => {
    const payment = await client.request('author_submitExtrinsic', [txHex(11, 0, 3)]);
    expect(payment.error).toEqual({
      code: 1010,
      message: 'Invalid Transaction',
      data: 'Inability to pay some fees (e.g. account balance too low)',
    });
    expect((await client.request('author_submitAndWatchExtrinsic', ['0x0102'])).error?.code).toBe(1001);
    expect((await client.request('author_submitExtrinsic', ['0x0c010203'])).error?.code).toBe(1002);
    chain.setBlockMode('manual');
    const hash = await client.call('author_submitExtrinsic', [txHex(12, 0)]);
    expect((await client.request('author_submitExtrinsic', [txHex(12, 0)])).error?.code).toBe(1013);
    expect(await client.call('author_pendingExtrinsics')).toEqual([txHex(12, 0)]);
    expect(await client.call('author_removeExtrinsic', [[{ hash }]])).toEqual([hash]);
    expect(await client.call('author_pendingExtrinsics')).toEqual([]);
  });

  it('counts pool nonces in system_accountNextIndex', async () => {
    chain.setBlockMode('manual');
    const address = encodeAddress(account(13), 30);
    expect(await client.call('system_accountNextIndex', [address])).toBe(0);
    await client.call('author_submitExtrinsic', [txHex(13, 0)]);
    await client.call('author_submitExtrinsic', [txHex(13, 1)]);
    await client.call('author_submitExtrinsic', [txHex(13, 3)]);
    expect(await client.call('system_accountNextIndex', [address])).toBe(2);
    expect(await client.call('system_accountNextIndex', [u8aToHex(account(13))])).toBe(2);
    expect((await client.request('system_accountNextIndex', ['nope'])).error?.code).toBe(-32602);
    await chain.newBlock();
    expect(await client.call('system_accountNextIndex', [address])).toBe(2);
    expect(await client.call('state_getStorage', [nonceKey(13)])).toBe('0x02000000');
  });

  it('decodes payment_queryInfo', async () => {
    const ext = txHex(14, 0);
    expect(await client.call('payment_queryInfo', [ext])).toEqual({
      weight: { refTime: 1000, proofSize: 0 },
      class: 'normal',
      partialFee: String(((ext.length - 2) / 2 + 4) * 10), // the fake charges 10 per argument byte
    });
  });

  it('notifies new heads, storage changes and unsubscribes', async () => {
    const heads = await client.call('chain_subscribeNewHead');
    const finalized = await client.call('chain_subscribeFinalizedHeads');
    const all = await client.call('chain_subscribeAllHeads');
    const storage = await client.call('state_subscribeStorage', [[valueKey(20), valueKey(21)]]);
    const version = await client.call('state_subscribeRuntimeVersion');
    await client.until(() => client.events(storage).length === 1 && client.events(version).length === 1);
    expect(client.events(storage)[0].changes).toEqual([
      [valueKey(20), null],
      [valueKey(21), null],
    ]);
    expect(client.events(version)[0].specName).toBe('fake');
    const b1 = await chain.setStorage([[valueKey(20), '0x20']]);
    await chain.newBlock();
    await client.until(() => client.events(heads).length === 3 && client.events(all).length === 2);
    expect(client.events(heads).map((h: any) => Number(h.number))).toEqual([
      chain.node.head.number - 2,
      chain.node.head.number - 1,
      chain.node.head.number,
    ]);
    expect(client.events(finalized)).toHaveLength(3);
    // only the block that changed a watched key is reported
    await client.until(() => client.events(storage).length === 2);
    expect(client.events(storage)[1]).toEqual({ block: b1, changes: [[valueKey(20), '0x20']] });
    expect(await client.call('chain_unsubscribeNewHead', [heads])).toBe(true);
    expect(await client.call('chain_unsubscribeNewHead', [heads])).toBe(false);
    expect(await client.call('state_unsubscribeStorage', [heads])).toBe(false);
    expect(await client.call('state_unsubscribeStorage', [storage])).toBe(true);
    expect(await client.call('chain_unsubscribeFinalizedHeads', [finalized])).toBe(true);
    expect(await client.call('chain_unsubscribeAllHeads', [all])).toBe(true);
    expect(await client.call('state_unsubscribeRuntimeVersion', [version])).toBe(true);
    const count = client.notifications.length;
    await chain.newBlock();
    await client.call('system_name');
    expect(client.notifications.slice(count).map((n) => n.method)).toEqual([]);
  });

  it('follows the chain with chainHead_v1', async () => {
    const follow = await client.call('chainHead_v1_follow', [true]);
    await client.until(() => client.events(follow).length >= 1);
    const [initialized] = client.events(follow);
    const start = chain.node.head.hash;
    expect(initialized).toEqual({
      event: 'initialized',
      finalizedBlockHashes: [start],
      finalizedBlockRuntime: {
        type: 'valid',
        spec: {
          specName: 'fake',
          implName: 'fake-node',
          specVersion: 1,
          implVersion: 0,
          transactionVersion: 1,
          apis: { '0xdf6acb689907609b': 4 },
        },
      },
    });
    const next = await chain.newBlock();
    await client.until(() => client.events(follow).length >= 4);
    expect(client.events(follow).slice(1, 4)).toEqual([
      { event: 'newBlock', blockHash: next, parentBlockHash: start, newRuntime: null },
      { event: 'bestBlockChanged', bestBlockHash: next },
      { event: 'finalized', finalizedBlockHashes: [next], prunedBlockHashes: [] },
    ]);
    expect(await client.call('chainHead_v1_header', [follow, next])).toBe(
      u8aToHex(chain.node.head.encodedHeader),
    );
    const body = await client.call('chainHead_v1_body', [follow, next]);
    expect(body.result).toBe('started');
    const call = await client.call('chainHead_v1_call', [follow, next, 'Core_version', '0x']);
    const badCall = await client.call('chainHead_v1_call', [follow, next, 'Nope', '0x']);
    await chain.setStorage([[valueKey(30), '0x30']]);
    const tip = chain.node.head.hash;
    await client.until(() => client.events(follow).length >= 7);
    const storage = await client.call('chainHead_v1_storage', [
      follow,
      tip,
      [
        { key: valueKey(30), type: 'value' },
        { key: valueKey(30), type: 'hash' },
        { key: '0x02', type: 'descendantsValues' },
        { key: '0x02', type: 'closestDescendantMerkleValue' },
        { key: valueKey(99), type: 'value' },
      ],
      null,
    ]);
    expect(storage).toMatchObject({ result: 'started', discardedItems: 0 });
    await client.until(() => client.events(follow).some((e) => e.event === 'operationStorageDone'));
    const ops = client.events(follow).filter((e) => 'operationId' in e);
    expect(ops.find((e) => e.operationId === body.operationId)).toEqual({
      event: 'operationBodyDone',
      operationId: body.operationId,
      value: chain.node.chain.byHash(next)!.extrinsics.map((x) => u8aToHex(x)),
    });
    expect(ops.find((e) => e.operationId === call.operationId)).toEqual({
      event: 'operationCallDone',
      operationId: call.operationId,
      output: '0x010203',
    });
    expect(ops.find((e) => e.operationId === badCall.operationId).event).toBe('operationError');
    const items = ops
      .filter((e) => e.operationId === storage.operationId && e.event === 'operationStorageItems')
      .flatMap((e) => e.items);
    expect(items).toContainEqual({ key: valueKey(30), value: '0x30' });
    expect(items.find((i: any) => i.hash)?.key).toBe(valueKey(30));
    expect(items.filter((i: any) => 'value' in i && i.key !== valueKey(30)).length).toBeGreaterThan(0);
    expect(items.find((i: any) => i.closestDescendantMerkleValue)?.key).toBe('0x02');
    expect(items.find((i: any) => i.key === valueKey(99))).toBeUndefined();
    expect(await client.call('chainHead_v1_unpin', [follow, [start, next]])).toBeNull();
    expect((await client.request('chainHead_v1_header', [follow, start])).error?.code).toBe(-32801);
    expect(await client.call('chainHead_v1_header', ['unknown-follow', tip])).toBeNull();
    // a new `:code` is a new runtime
    const upgraded = await chain.setStorage([[CODE_KEY, '0x0061736d02']]);
    await client.until(() =>
      client.events(follow).some((e) => e.event === 'newBlock' && e.blockHash === upgraded),
    );
    expect(
      client.events(follow).find((e) => e.event === 'newBlock' && e.blockHash === upgraded).newRuntime,
    ).toMatchObject({
      type: 'valid',
      spec: { specName: 'fake' },
    });
    // a dev reorg stops the follow
    await chain.setHead(chain.node.head.number - 1);
    await client.until(() => client.events(follow).some((e) => e.event === 'stop'));
    expect(await client.call('chainHead_v1_unfollow', [follow])).toBeNull();
  });

  it('broadcasts with transaction_v1 and serves chainSpec_v1', async () => {
    const id = await client.call('transaction_v1_broadcast', [txHex(15, 0, 1, 50, 5)]);
    expect(typeof id).toBe('string');
    await client.until(() => chain.node.chain.stateAt(chain.node.head.hash).get(valueKey(50)) !== undefined);
    expect(await client.call('transaction_v1_stop', [id])).toBeNull();
    expect((await client.request('transaction_v1_stop', [id])).error?.code).toBe(-32602);
    expect(await client.call('chainSpec_v1_chainName')).toBe('Fake Dev');
    expect(await client.call('chainSpec_v1_genesisHash')).toBe(chain.node.chain.genesis.hash);
    expect(await client.call('chainSpec_v1_properties')).toEqual({
      ss58Format: 30,
      tokenDecimals: 12,
      tokenSymbol: 'PHA',
    });
  });

  it('controls the chain with dev_* methods', async () => {
    const start = chain.node.head;
    const hash = await client.call('dev_newBlock', [{ count: 2 }]);
    expect(chain.node.head.hash).toBe(hash);
    expect(chain.node.head.number).toBe(start.number + 2);
    await client.call('dev_newBlock', [{ to: start.number + 4 }]);
    expect(chain.node.head.number).toBe(start.number + 4);
    const withTx = await client.call('dev_newBlock', [{ transactions: [txHex(16, 0, 1, 60, 6)] }]);
    expect(await client.call('state_getStorage', [valueKey(60), withTx])).toBe('0x06');
    const when = Date.parse('2031-05-05T00:00:00Z');
    expect(await client.call('dev_timeTravel', ['2031-05-05T00:00:00Z'])).toBe(when);
    expect(await client.call('dev_timeTravel', [when])).toBe(when);
    await client.call('dev_newBlock');
    expect(chain.node.head.timestamp).toBe(when);
    expect((await client.request('dev_timeTravel', [{}])).error?.code).toBe(-32602);
    const set = await client.call('dev_setStorage', [[[valueKey(61), '0x61']]]);
    expect(await client.call('state_getStorage', [valueKey(61), set])).toBe('0x61');
    // the fake runtime's metadata is not real metadata, so the pallet-keyed form cannot be encoded
    expect((await client.request('dev_setStorage', [{ System: { Account: [] } }])).error?.code).toBe(-32602);
    expect((await client.request('dev_setStorage', [[['0x01']]])).error?.code).toBe(-32602);
    const snap = await client.call('dev_snapshot');
    await client.call('dev_newBlock', [{ count: 3 }]);
    expect(await client.call('dev_revert', [snap])).toBe(true);
    expect(chain.node.head.hash).toBe(set);
    expect(await client.call('dev_setHead', [start.number])).toBe(start.hash);
    expect(await client.call('dev_setHead', [set])).toBe(set);
    expect(await client.call('dev_setBlockBuildMode', ['Manual'])).toBeNull();
    await client.call('author_submitExtrinsic', [txHex(17, 0)]);
    await new Promise((r) => setTimeout(r, 50));
    expect(chain.node.head.hash).toBe(set);
    expect(await client.call('dev_setBlockBuildMode', ['Instant'])).toBeNull();
    await client.until(() => chain.node.head.hash !== set);
    expect((await client.request('dev_setBlockBuildMode', ['Sometimes'])).error?.code).toBe(-32602);
    expect((await client.request('dev_saveState')).error?.message).toMatch(/no state file/);
  });

  it('speaks JSON-RPC over HTTP POST', async () => {
    const post = async (body: string) => {
      const res = await fetch(chain.httpEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      return { status: res.status, text: await res.text() };
    };
    const single = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_chain' }));
    expect(JSON.parse(single.text)).toEqual({ jsonrpc: '2.0', id: 1, result: 'Fake Dev' });
    const batch = await post(
      JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'system_name' },
        { jsonrpc: '2.0', id: 2, method: 'chain_getFinalizedHead' },
      ]),
    );
    expect(JSON.parse(batch.text).map((r: any) => r.id)).toEqual([1, 2]);
    expect(JSON.parse((await post('{oops')).text).error.code).toBe(-32700);
    const sub = JSON.parse(
      (await post(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'chain_subscribeNewHead' }))).text,
    );
    expect(sub.error.code).toBe(-32601);
    expect((await fetch(chain.httpEndpoint)).status).toBe(405);
  });
});

describe('dev RPC switch', () => {
  it('hides and refuses dev_* methods when disabled', async () => {
    const chain = await startDevChain({ port: 0, runtime: new FakeRuntime(), devRpc: false });
    const client = await RpcClient.connect(chain.endpoint);
    try {
      const { methods } = await client.call('rpc_methods');
      expect((methods as string[]).filter((m) => m.startsWith('dev_'))).toEqual([]);
      expect((await client.request('dev_newBlock')).error?.code).toBe(-32601);
    } finally {
      await client.close();
      await chain.close();
    }
  });

  it('caps subscriptions per connection', async () => {
    const chain = await startDevChain({ port: 0, runtime: new FakeRuntime() });
    const client = await RpcClient.connect(chain.endpoint);
    try {
      const replies = await Promise.all(
        Array.from({ length: 1030 }, () => client.request('chain_subscribeNewHead')),
      );
      expect(replies.filter((r) => r.error?.code === -32006)).toHaveLength(6);
      expect(await client.call('chain_unsubscribeNewHead', [replies[0]!.result])).toBe(true);
      expect(typeof (await client.call('chain_subscribeNewHead'))).toBe('string');
    } finally {
      await client.close();
      await chain.close();
    }
  });

  it('closes open sockets and subscriptions on close()', async () => {
    const chain = await startDevChain({ port: 0, runtime: new FakeRuntime() });
    const client = await RpcClient.connect(chain.endpoint);
    await client.call('chain_subscribeNewHead');
    const closed = new Promise((resolve) => client.ws.once('close', resolve));
    await chain.close();
    await closed;
    expect(chain.node.onNewHead.size).toBe(0);
  });
});
