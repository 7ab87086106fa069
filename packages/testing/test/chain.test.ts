import { TransportError } from '@phala-mining/errors';
import { describe, expect, it } from 'vitest';
import {
  ConnectionFailedError,
  createTestChain,
  DevRpcUnavailableError,
  DispatchError,
  DispatchFailedError,
  findEvents,
  InvalidArgumentError,
  PalletError,
  SnapshotNotFoundError,
  sendTx,
  TimeTravelBackwardsError,
  TimeTravelRejectedError,
  UnknownAccountError,
} from '../src/index.js';
import { createChainTest } from '../src/vitest.js';

const PHA = 10n ** 12n;
const DAY_MS = 86_400_000;

/** The package's own chain fixture: one chain for the file's createTestChain tests, in order. */
const test = createChainTest();

describe('createTestChain', () => {
  test("hands the client the node's own V15 metadata instead of letting it fetch it", async ({ chain }) => {
    const node = chain.devchain!.node;
    const key = `${node.chain.genesis.hash}-${node.runtime.version.specVersion}`;
    expect(chain.api.runtimeMetadata.version).toBe(15);
    // never fetched: everything the client has received so far is a fraction of the metadata's size
    const received = chain.api.stats!.total.bytesRecv;
    // what the node answers to Metadata_metadata_at_version(15), byte for byte
    const served = await chain.rpc<string>('state_call', ['Metadata_metadata_at_version', '0x0f000000']);
    expect(served.length).toBeGreaterThan(100_000);
    expect(served.endsWith(chain.api.runtimeMetadata.toHex().slice(2))).toBe(true);
    expect(received).toBeLessThan(served.length / 4);
    expect(key).toMatch(/^0x[0-9a-f]{64}-\d+$/);
  });

  test('gives a ready Khala client and the dev accounts', async ({ chain }) => {
    expect(chain.endpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(chain.devchain?.endpoint).toBe(chain.endpoint);
    expect(chain.api.isConnected).toBe(true);
    expect(chain.api.runtimeVersion.specName.toString()).toBe('khala');
    expect(chain.api.registry.chainSS58).toBe(30);
    const { alice, bob, charlie, dave, eve, ferdie } = chain.accounts;
    for (const pair of [alice, bob, charlie, dave, eve, ferdie]) expect(pair.type).toBe('sr25519');
    // Khala addresses (prefix 30) of the well-known dev keys
    expect(alice.address).toBe('45R2pfjQUW2s9PQRHU48HQKLKHVMaDja7N3wpBtmF28UYDs2');
    expect(await chain.balanceOf('bob')).toBeGreaterThan(1_000n * PHA);
  });

  test('sends transactions and decodes their events', async ({ chain }) => {
    const { alice, bob } = chain.accounts;
    const before = await chain.balanceOf(bob);
    const result = await sendTx(chain.api.tx.balances.transfer(bob.address, 5n * PHA), alice);
    expect(await chain.balanceOf(bob)).toBe(before + 5n * PHA);
    expect(result).toHaveEvent('Balances.Transfer', { from: alice.address, to: bob, amount: 5n * PHA });
    expect(result).toHaveEvent('balances.Transfer', { amount: '5000000000000' });
    expect(result).not.toHaveEvent('Balances.Transfer', { amount: 6n * PHA });
    expect(findEvents(result, 'System.ExtrinsicSuccess')).toHaveLength(1);
  });

  test('rejects a failing extrinsic with a typed PalletError', async ({ chain }) => {
    const { charlie, dave } = chain.accounts;
    const tooMuch = (await chain.balanceOf(charlie)) * 2n;
    const failing = chain.sendTx(chain.api.tx.balances.transfer(dave.address, tooMuch), 'charlie');
    await expect(failing).rejects.toThrowPalletError('Balances.InsufficientBalance');
    const error = await chain
      .sendTx(chain.api.tx.balances.transfer(dave.address, tooMuch), charlie)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PalletError);
    expect(error).toMatchObject({
      code: 'PalletError',
      name: 'PalletError',
      section: 'Balances',
      errorName: 'InsufficientBalance',
    });
    expect((error as PalletError).docs).toMatch(/balance/i);
    await expect(Promise.reject(new Error('boom'))).rejects.not.toThrowPalletError();
  });

  test('rejects a non-module failure with the family’s DispatchError, core’s shape', async ({ chain }) => {
    // the mining switch needs root: a signed origin fails with BadOrigin, which is no pallet's error
    const error = await chain
      .sendTx(chain.api.tx.phalaStakePool.setMiningEnable(true), 'charlie')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DispatchError);
    expect(error).toBeInstanceOf(DispatchFailedError);
    expect(error).not.toBeInstanceOf(PalletError);
    expect(error).toMatchObject({
      name: 'DispatchError',
      code: 'DispatchError',
      kind: 'BadOrigin',
      detail: 'null',
    });
    expect((error as DispatchError).blockHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect((error as DispatchError).message).toBe('dispatch failed: BadOrigin');
  });

  test('builds blocks on demand', async ({ chain }) => {
    const before = (await chain.api.rpc.chain.getHeader()).number.toNumber();
    const hash = await chain.newBlocks(3);
    const head = await chain.api.rpc.chain.getHeader();
    expect(head.number.toNumber()).toBe(before + 3);
    expect(head.hash.toHex()).toBe(hash);
    await expect(chain.newBlocks(0)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  test('time travels forward by a duration or to a date, never backwards', async ({ chain }) => {
    const start = (await chain.now()).getTime();
    expect((await chain.timeTravel({ days: 7, hours: 1 })).getTime()).toBe(start + 7 * DAY_MS + 3_600_000);
    expect((await chain.now()).getTime()).toBe(start + 7 * DAY_MS + 3_600_000);
    const target = new Date(start + 30 * DAY_MS);
    expect(await chain.timeTravel(target)).toEqual(target);

    const backwards = await chain.timeTravel(new Date(start)).catch((e: unknown) => e);
    expect(backwards).toBeInstanceOf(TimeTravelBackwardsError);
    expect(backwards).toMatchObject({
      code: 'TimeTravelBackwards',
      target: start,
      chainTime: target.getTime(),
    });
    await expect(chain.timeTravel({ days: -1 })).rejects.toBeInstanceOf(TimeTravelBackwardsError);
    // pallet_timestamp's minimum period: a block cannot be 1 s after its parent
    await expect(chain.timeTravel({ seconds: 1 })).rejects.toBeInstanceOf(TimeTravelRejectedError);
    expect((await chain.now()).getTime()).toBe(target.getTime());
  });

  test('funds accounts, including fresh ones that can then transact', async ({ chain }) => {
    const { alice } = chain.accounts;
    const issuance = BigInt((await chain.api.query.balances.totalIssuance()).toString());
    const before = await chain.balanceOf(alice);
    await chain.fund(alice, 42n * PHA);
    expect(await chain.balanceOf('alice')).toBe(42n * PHA);
    expect(BigInt((await chain.api.query.balances.totalIssuance()).toString())).toBe(
      issuance - before + 42n * PHA,
    );

    const fresh = chain.accounts.alice.derive('//fresh');
    await chain.fund(fresh.address, 10n * PHA);
    await chain.sendTx(chain.api.tx.balances.transfer(chain.accounts.ferdie.address, PHA), fresh);
    expect(await chain.balanceOf(fresh)).toBeLessThan(9n * PHA);

    await expect(chain.fund('zed', PHA)).rejects.toBeInstanceOf(UnknownAccountError);
    await expect(chain.fund('zed', PHA)).rejects.toMatchObject({ code: 'UnknownAccount' });
    await expect(chain.fund(alice, -1n)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  test('snapshots and reverts', async ({ chain }) => {
    const { eve, ferdie } = chain.accounts;
    const head = (await chain.api.rpc.chain.getHeader()).number.toNumber();
    const eveBefore = await chain.balanceOf(eve);
    const id = await chain.snapshot();
    await chain.sendTx(chain.api.tx.balances.transfer(ferdie.address, 7n * PHA), eve);
    await chain.timeTravel({ days: 3 });
    expect(await chain.balanceOf(eve)).toBeLessThan(eveBefore);

    await chain.revert(id);
    expect(await chain.balanceOf(eve)).toBe(eveBefore);
    expect((await chain.api.rpc.chain.getHeader()).number.toNumber()).toBe(head);
    // the same account sends again after the revert: its nonce went back too
    await chain.sendTx(chain.api.tx.balances.transfer(ferdie.address, PHA), eve);
    await expect(chain.revert(id)).rejects.toBeInstanceOf(SnapshotNotFoundError);
  });
});

describe('isolation', () => {
  it('gives each chain its own state, in parallel', async () => {
    const [a, b] = await Promise.all([createTestChain(), createTestChain()]);
    try {
      expect(a.endpoint).not.toBe(b.endpoint);
      const bobOnB = await b.balanceOf('bob');
      await Promise.all([
        a.sendTx(a.api.tx.balances.transfer(a.accounts.bob.address, 100n * PHA), 'alice'),
        b.sendTx(b.api.tx.balances.transfer(b.accounts.charlie.address, 1n * PHA), 'alice'),
      ]);
      expect(await a.balanceOf('bob')).toBe(bobOnB + 100n * PHA);
      expect(await b.balanceOf('bob')).toBe(bobOnB);
      expect((await b.api.rpc.chain.getHeader()).number.toNumber()).toBe(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('external endpoints', () => {
  it('drives another node through its dev RPC', async () => {
    const host = await createTestChain();
    const guest = await createTestChain({ endpoint: host.endpoint });
    try {
      expect(guest.devchain).toBeUndefined();
      await guest.newBlocks(2);
      expect((await host.api.rpc.chain.getHeader()).number.toNumber()).toBe(2);
      await guest.close();
      // closing a guest leaves the node it connected to running
      expect(host.api.isConnected).toBe(true);
      await host.newBlocks(1);
    } finally {
      await guest.close();
      await host.close();
    }
  });

  it('fails with DevRpcUnavailableError where the node has no dev RPC', async () => {
    // a node without dev RPC but with a Sudo key, as a real `--dev` node (the dev chain's own --production has none)
    const alice = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
    const host = await createTestChain({ devchain: { devRpc: false, runtime: { sudoKey: alice } } });
    const guest = await createTestChain({ endpoint: host.endpoint });
    try {
      const error = await guest.newBlocks(1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DevRpcUnavailableError);
      expect(error).toMatchObject({
        code: 'DevRpcUnavailable',
        method: 'dev_newBlock',
        endpoint: host.endpoint,
      });
      await expect(guest.timeTravel({ days: 1 })).rejects.toBeInstanceOf(DevRpcUnavailableError);
      await expect(guest.snapshot()).rejects.toBeInstanceOf(DevRpcUnavailableError);
      await expect(guest.settle()).rejects.toBeInstanceOf(DevRpcUnavailableError);
      // sudo is there, so funding still works
      await guest.fund('dave', 3n * PHA);
      expect(await guest.balanceOf('dave')).toBe(3n * PHA);
    } finally {
      await guest.close();
      await host.close();
    }
  });

  it('fails with ConnectionFailedError when nothing listens', async () => {
    const chain = await createTestChain();
    const { endpoint } = chain;
    await chain.close();
    const error = await createTestChain({ endpoint }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'ConnectionFailed', endpoint });
  });
});
