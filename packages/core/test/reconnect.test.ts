import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevChain, startDevChain } from '@phala-mining/devchain';
import { createTestChain, type TestChain } from '@phala-mining/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ConnectionState,
  createMiningClient,
  type MiningClient,
  type PoolInfo,
  type TxStage,
} from '../src/index.js';
import { until } from './helpers.js';

let dir: string;
let stateFile: string;
let chain: TestChain;
let client: MiningClient;
let restarted: DevChain | undefined;
let port: number;

// each scenario restarts its own chain once
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'core-reconnect-'));
  stateFile = join(dir, 'chain.json');
  chain = await createTestChain({ devchain: { stateFile } });
  port = chain.devchain!.port;
  restarted = undefined;
  client = await createMiningClient({
    endpoint: chain.endpoint,
    network: 'devchain',
    waitFor: 'inBlock',
    autoConnectMs: 200,
  });
});
afterEach(async () => {
  await client?.disconnect();
  await chain?.close().catch(() => undefined);
  await restarted?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Stops the dev chain (saving its state file) and starts it again from that file on the same port. */
async function restart(
  options: { blockMode?: string; whileDown?: () => Promise<void> } = {},
): Promise<DevChain> {
  await chain.devchain!.close();
  await options.whileDown?.();
  restarted = await startDevChain({
    port,
    stateFile,
    ...(options.blockMode ? { blockMode: options.blockMode } : {}),
  });
  return restarted;
}

describe('a dev chain dropped and restarted from its state file', () => {
  it('keeps the last values while down, reports the connection, and resumes with fresh values', async () => {
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

  it('resolves a transaction in flight during the drop to its real outcome, sent once', async () => {
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
  it('re-broadcasts the same signed bytes when the restarted node lost its pool, and it lands once', async () => {
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

  it('finds a transaction that was included while the client was disconnected', async () => {
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
