import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevChain, startDevChain } from '@phala-mining/devchain';
import { createTestChain, type TestChain } from '@phala-mining/testing';
import { test as baseTest, describe, expect } from 'vitest';
import {
  type ConnectionState,
  createMiningClient,
  type MiningClient,
  type PoolInfo,
  type TxStage,
} from '../src/index.js';
import { until } from './helpers.js';

interface Scenario {
  /** a fresh dev chain of the test's own (the testing package's), saving to `stateFile` */
  chain: TestChain;
  /** a client on it that reconnects after 200 ms */
  client: MiningClient;
  stateFile: string;
  /**
   * Stops the dev chain (saving its state file) and starts it again from that file on the same port: the testing
   * package's chain cannot be restarted, so the second node is the dev chain's own `startDevChain`.
   */
  restart(options?: { blockMode?: string; whileDown?: () => Promise<void> }): Promise<DevChain>;
}

// each scenario restarts its own chain once, so each test gets a chain of its own
const test = baseTest.extend<{ scenario: Scenario }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads fixture dependencies from this parameter
  scenario: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'core-reconnect-'));
    const stateFile = join(dir, 'chain.json');
    let chain: TestChain | undefined;
    let client: MiningClient | undefined;
    let restarted: DevChain | undefined;
    try {
      chain = await createTestChain({ devchain: { stateFile } });
      const started = chain;
      const port = started.devchain!.port;
      client = await createMiningClient({
        endpoint: started.endpoint,
        network: 'devchain',
        waitFor: 'inBlock',
        autoConnectMs: 200,
      });
      await use({
        chain: started,
        client,
        stateFile,
        restart: async (options = {}) => {
          await started.devchain!.close();
          await options.whileDown?.();
          restarted = await startDevChain({
            port,
            stateFile,
            ...(options.blockMode ? { blockMode: options.blockMode } : {}),
          });
          return restarted;
        },
      });
    } finally {
      await client?.disconnect();
      await chain?.close().catch(() => undefined);
      await restarted?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

describe('a dev chain dropped and restarted from its state file', () => {
  test('keeps the last values while down, reports the connection, and resumes with fresh values', async ({
    scenario,
  }) => {
    const { chain, client, restart } = scenario;
    const { alice } = chain.accounts;
    const { value: pid } = await client.createPool().send(alice);
    const states: ConnectionState[] = [];
    const connSub = client.connection$.subscribe((s) => states.push(s));
    const seen: (PoolInfo | undefined)[] = [];
    const poolSub = client.pool$(pid).subscribe((p) => seen.push(p));
    await until(client.pool$(pid), (p) => p !== undefined);

    await restart({
      whileDown: async () => {
        await until(client.connection$, (s) => s === 'reconnecting');
        // a late subscriber still gets the last value while the node is gone
        expect((await until(client.pool$(pid), () => true))?.pid).toBe(pid);
      },
    });
    await until(client.connection$, (s) => s === 'connected', 20_000);
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);

    // the same subscription carries on with values written after the restart
    await client.pool(pid).setPayout(42).send(alice);
    const fresh = await until(client.pool$(pid), (p) => p?.commission === 420_000, 20_000);
    expect(fresh!.commission).toBe(420_000);
    expect(seen.at(-1)?.commission).toBe(420_000);
    poolSub.unsubscribe();
    connSub.unsubscribe();
  });

  test('resolves a transaction in flight during the drop to its real outcome, sent once', async ({
    scenario,
  }) => {
    const { chain, client, restart } = scenario;
    const { alice } = chain.accounts;
    chain.devchain!.setBlockMode('manual');
    const countBefore = Number((await client.api.query.phalaStakePool.poolCount()).toBigInt());
    const stages: TxStage['stage'][] = [];
    const submission = client.createPool().send(alice);
    submission.subscribe((s) => stages.push(s.stage));
    await until(submission, (s) => s.stage === 'broadcast');

    // drop the node with the transaction only in its pool; it comes back (manual blocks) without it
    const back = await restart({
      blockMode: 'manual',
      whileDown: () => until(client.connection$, (s) => s === 'reconnecting').then(() => undefined),
    });
    await until(client.connection$, (s) => s === 'connected', 20_000);
    // blocks are produced after the reconnection; the client must find its transaction in them
    const produce = setInterval(() => void back.newBlock().catch(() => undefined), 300);
    try {
      const result = await submission.result();
      expect(result.value).toBe(BigInt(countBefore));
      expect(stages).toContain('inBlock');
      await back.newBlock();
      await back.newBlock();
      const count = Number((await client.api.query.phalaStakePool.poolCount()).toBigInt());
      expect(count).toBe(countBefore + 1);
    } finally {
      clearInterval(produce);
    }
  });

  // The node comes back within @polkadot/rpc-core's 1.75 s keep-alive of the dropped watch subscription: a second
  // submitAndWatchExtrinsic with the same bytes would get that dead subscription back and send nothing.
  test('re-broadcasts the same signed bytes when the restarted node lost its pool, and it lands once', async ({
    scenario,
  }) => {
    const { chain, client, stateFile, restart } = scenario;
    const { alice } = chain.accounts;
    chain.devchain!.setBlockMode('manual');
    const countBefore = Number((await client.api.query.phalaStakePool.poolCount()).toBigInt());
    const nonceBefore = (await client.api.rpc.system.accountNextIndex(alice.address)).toNumber();
    // the chain as saved before the transaction reached the node: same blocks, empty pool
    await chain.devchain!.save();
    const before = readFileSync(stateFile);
    const submission = client.createPool().send(alice);
    const signed = await until(submission, (s) => s.stage === 'signed');
    await until(submission, (s) => s.stage === 'broadcast');
    const back = await restart({
      whileDown: async () => {
        expect((JSON.parse(readFileSync(stateFile, 'utf8')) as { pool: string[] }).pool).toHaveLength(1);
        writeFileSync(stateFile, before);
      },
    });
    await until(client.connection$, (s) => s === 'connected', 20_000);
    const produce = setInterval(() => void back.newBlock().catch(() => undefined), 300);
    try {
      const result = await submission.result();
      expect(result.hash).toBe((signed as { hash: string }).hash);
      expect(result.value).toBe(BigInt(countBefore));
      await back.newBlock();
      expect(Number((await client.api.query.phalaStakePool.poolCount()).toBigInt())).toBe(countBefore + 1);
      expect((await client.api.rpc.system.accountNextIndex(alice.address)).toNumber()).toBe(nonceBefore + 1);
    } finally {
      clearInterval(produce);
    }
  });

  test('finds a transaction that was included while the client was disconnected', async ({ scenario }) => {
    const { chain, client, restart } = scenario;
    const { alice } = chain.accounts;
    chain.devchain!.setBlockMode('manual');
    const countBefore = Number((await client.api.query.phalaStakePool.poolCount()).toBigInt());
    const submission = client.createPool().send(alice);
    await until(submission, (s) => s.stage === 'broadcast');
    // back in instant mode: the restored pool transaction is sealed before the client is back
    const back = await restart();
    await back.newBlock();
    const result = await submission.result();
    expect(result.value).toBe(BigInt(countBefore));
    expect(Number((await client.api.query.phalaStakePool.poolCount()).toBigInt())).toBe(countBefore + 1);
  });
});
