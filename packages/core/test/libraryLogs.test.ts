import type { TestChain } from '@phala-mining/testing';
import { createChainTest } from '@phala-mining/testing/vitest';
import { Keyring } from '@polkadot/keyring';
import { afterEach, beforeEach, describe, expect } from 'vitest';
import {
  createMiningClient,
  type LibraryLogEntry,
  type LibraryLogger,
  type MiningClient,
} from '../src/index.js';
import { rejection } from './helpers.js';

/** One dev chain for the file, over a real socket (the testing package's fixture). */
const test = createChainTest();

/** What reached the real console.error / console.warn / console.log while a test ran. */
let written: string[];
let saved: Pick<Console, 'error' | 'warn' | 'log'>;
beforeEach(() => {
  written = [];
  saved = { error: console.error, warn: console.warn, log: console.log };
  for (const level of ['error', 'warn', 'log'] as const)
    console[level] = (...args: unknown[]) => {
      written.push(`${level}: ${args.map(String).join(' ')}`);
    };
});
afterEach(() => {
  Object.assign(console, saved);
});

const connect = (chain: TestChain, logger?: LibraryLogger) =>
  createMiningClient({ endpoint: chain.endpoint, network: 'devchain', waitFor: 'inBlock', logger });

/** A transaction the node refuses (its signer has no balance): @polkadot/api logs `RPC-CORE: … 1010 …`. */
async function refusedByNode(client: MiningClient): Promise<void> {
  const broke = new Keyring({ type: 'sr25519' }).addFromUri('//LibraryLogs/broke');
  await rejection(client.api.tx.phalaStakePool.create().signAndSend(broke));
}

describe("@polkadot/api's console lines go where the app says", () => {
  test('a function logger receives them, typed; nothing of them reaches the console; other lines do', async ({
    chain,
  }) => {
    const entries: LibraryLogEntry[] = [];
    const client = await connect(chain, (e) => entries.push(e));
    await refusedByNode(client);
    console.error('the app itself');
    await client.disconnect();

    const rpc = entries.find((e) => e.source === 'RPC-CORE');
    expect(rpc).toMatchObject({ level: 'error', source: 'RPC-CORE' });
    expect(rpc!.message).toMatch(/1010/);
    expect(rpc!.time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(written.some((w) => w.includes('RPC-CORE'))).toBe(false);
    expect(written).toContain('error: the app itself');
  });

  test("'silent' drops them; after disconnect the console is the app's again", async ({ chain }) => {
    const before = console.error;
    const client = await connect(chain, 'silent');
    expect(console.error).not.toBe(before);
    await refusedByNode(client);
    expect(written.filter((w) => w.includes('RPC-CORE'))).toEqual([]);
    await client.disconnect();
    expect(console.error).toBe(before);
  });

  test("by default ('console') they are left to @polkadot/api: they reach the console", async ({ chain }) => {
    const before = console.error;
    const client = await connect(chain);
    expect(console.error).toBe(before);
    await refusedByNode(client);
    await client.disconnect();
    expect(written.some((w) => w.includes('RPC-CORE') && w.includes('1010'))).toBe(true);
  });

  test('a failed connection releases the console too', async () => {
    const before = console.error;
    const entries: LibraryLogEntry[] = [];
    const failed = await rejection(
      createMiningClient({
        endpoint: 'ws://127.0.0.1:1',
        network: 'devchain',
        connectTimeoutMs: 1500,
        logger: (e) => entries.push(e),
      }),
    );
    expect(failed).toMatchObject({ code: expect.stringMatching(/^Connection/) });
    expect(console.error).toBe(before);
    // the refused socket was reported by API-WS to the logger, not the console
    expect(entries.some((e) => e.source === 'API-WS')).toBe(true);
    expect(written.some((w) => w.includes('API-WS'))).toBe(false);
  });
});
