import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDevChain } from '../../src/node/devchain.js';
import { PersistenceError } from '../../src/node/persistence.js';
import { FakeRuntime, txHex, valueKey } from './fakeRuntime.js';
import { RpcClient } from './rpcClient.js';

describe('state file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'devchain-state-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips blocks, head state, pool and time travel; old states answer with an error', async () => {
    const file = join(dir, 'nested', 'chain.json');
    const first = await startDevChain({
      port: 0,
      runtime: new FakeRuntime(),
      stateFile: file,
      genesisTimestamp: 1_200_000,
    });
    await first.setStorage([[valueKey(1), '0x11']]);
    await first.newBlock({ count: 3 });
    first.setBlockMode('manual');
    first.node.pool.submit(Buffer.from(txHex(5, 0, 1, 2, 2).slice(2), 'hex'));
    first.timeTravel(1_200_000 + 100 * 12_000);
    const head = first.node.head;
    const oldHash = first.node.chain.byNumber(1)!.hash;
    await first.close();
    expect((await readdir(join(dir, 'nested'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const second = await startDevChain({
      port: 0,
      runtime: new FakeRuntime(),
      stateFile: file,
      blockMode: 'manual',
    });
    const client = await RpcClient.connect(second.endpoint);
    try {
      expect(second.node.head.hash).toBe(head.hash);
      expect(second.node.chain.genesis.timestamp).toBe(1_200_000);
      expect(await client.call('chain_getBlockHash', [1])).toBe(oldHash);
      expect((await client.call('chain_getBlock', [oldHash])).block.header.number).toBe('0x1');
      expect(await client.call('state_getStorage', [valueKey(1)])).toBe('0x11');
      const pruned = await client.request('state_getStorage', [valueKey(1), oldHash]);
      expect(pruned.error?.code).toBe(4003);
      expect(pruned.error?.message).toMatch(/State already discarded/);
      expect(await client.call('author_pendingExtrinsics')).toEqual([txHex(5, 0, 1, 2, 2)]);
      const next = await second.newBlock();
      expect(second.node.chain.byHash(next)!.timestamp).toBe(1_200_000 + 100 * 12_000);
      expect(await client.call('state_getStorage', [valueKey(2)])).toBe('0x02');
      // save on demand
      expect(await client.call('dev_saveState')).toBe(file);
      const saved = JSON.parse(await readFile(file, 'utf8'));
      expect(saved.canonical.at(-1)).toBe(next);
    } finally {
      await client.close();
      await second.close();
    }
  });

  it('refuses a file from another chain or a corrupt file', async () => {
    const file = join(dir, 'chain.json');
    const a = await startDevChain({ port: 0, runtime: new FakeRuntime(), stateFile: file });
    await a.newBlock();
    await a.close();
    const data = JSON.parse(await readFile(file, 'utf8'));
    data.genesisHash = `0x${'00'.repeat(32)}`;
    await writeFile(file, JSON.stringify(data));
    await expect(
      startDevChain({ port: 0, runtime: new FakeRuntime(), stateFile: file }),
    ).rejects.toMatchObject({
      code: 'StateFileOtherChain',
    });
    await writeFile(file, '{"format":"nope"');
    await expect(
      startDevChain({ port: 0, runtime: new FakeRuntime(), stateFile: file }),
    ).rejects.toBeInstanceOf(PersistenceError);
  });
});
