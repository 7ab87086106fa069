import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLANCK_PER_PHA } from '@phala-mining/core';
import { registerWorkers } from '@phala-mining/testing';
import { describe, expect } from 'vitest';
import { test as chainTest, type Runner } from './chainTest.js';
import { BIN, json, nonceOf } from './helpers.js';

// the pool the first apply creates is changed by the next ones: the file's tests share one chain, in order
let pid: string;
const dir = mkdtempSync(join(tmpdir(), 'fleet-'));

function fleetFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const workers = async (alice: Runner) => json(await alice(['worker', 'list', '-p', pid, '--json'])) as any[];
const worker = async (alice: Runner, key: string) => (await workers(alice)).find((w) => w.pubkey === key);

/** The file's chain (the testing package's fixture) and three registered workers of Alice's, in no pool yet. */
const test = chainTest.extend<{ keys: string[] }>({
  keys: [
    async ({ fileChain: chain }, use) => {
      // one batched registration (testing's registerWorkers): the same workers as three registerWorker calls
      const keys: string[] = await registerWorkers(chain, 3, {
        operator: chain.accounts.alice,
        score: 2000,
        cores: 8,
        confidence: 1,
      });
      await use(keys);
    },
    { scope: 'file', auto: true },
  ],
});

describe('phala-mining apply', () => {
  test('creates a pool with its settings and workers; a second apply has no changes', async ({
    chain,
    alice,
    keys,
  }) => {
    const file = fleetFile(
      'create.yaml',
      [
        'pools:',
        '  - pid: new',
        '    payout: 20',
        '    cap: 100000',
        '    description: fleet test',
        '    workers:',
        `      - { key: "${keys[0]}", mining: false }`,
        `      - { key: "${keys[1]}", mining: false }`,
      ].join('\n'),
    );
    const before = await nonceOf(chain, chain.accounts.alice.address);
    const dry = await alice(['apply', file]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('new pool (created first');
    expect(dry.stdout).toContain('run again with --yes');
    expect(await nonceOf(chain, chain.accounts.alice.address)).toBe(before);

    const r = await alice(['--quiet', 'apply', file, '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = json(r);
    expect(out.transactions.map((t: any) => t.kind)).toEqual(['created', 'chunk']);
    expect(out.transactions[1].operations).toBe(5); // payout, cap, description, 2 × add
    pid = String(out.transactions[0].pid);
    const pool = json(await alice(['pool', 'show', pid, '--json'])).pool;
    expect(pool.commission).toBe(200_000);
    expect(BigInt(pool.cap)).toBe(100_000n * PLANCK_PER_PHA);
    expect(pool.description).toEqual({ kind: 'text', text: 'fleet test' });
    expect((await workers(alice)).map((w) => w.pubkey).sort()).toEqual([keys[0], keys[1]].sort());

    // `pid: new` is matched to the pool holding its workers: the same file again creates nothing
    const again = await alice(['apply', file, '--yes']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe('no changes');
  });

  test('grows the fleet to mining, restarts a grown stake and stops a shrunk one', async ({
    alice,
    keys,
  }) => {
    expect((await alice(['--quiet', 'pool', 'contribute', pid, '60000'])).code).toBe(0);
    const mine = (stakes: [string, string, string]) =>
      fleetFile(
        'mine.yaml',
        [
          'pools:',
          `  - pid: ${pid}`,
          '    workers:',
          ...keys.map((k, i) => `      - { key: "${k}", stake: ${stakes[i]}, mining: true }`),
        ].join('\n'),
      );
    const grow = await alice(['apply', mine(['5000', '5000', 'smin']), '--yes', '--json', '--quiet']);
    expect(grow.code, grow.stderr).toBe(0);
    // round 1: add the third worker and start two; round 2: start the added one (its Smin is known once added)
    expect(json(grow).transactions.map((t: any) => t.operations)).toEqual([3, 1]);
    for (const k of keys) expect((await worker(alice, k)).state).toBe('Mining');
    expect(BigInt((await worker(alice, keys[0]!)).stake)).toBe(5000n * PLANCK_PER_PHA);
    expect(BigInt((await worker(alice, keys[2]!)).stake)).toBe(BigInt((await worker(alice, keys[2]!)).smin));

    const plan = json(await alice(['apply', mine(['6000', '4500', 'smin']), '--json']));
    expect(plan.sent).toBe(false);
    expect(plan.plan[0].steps.map((s: any) => s.op)).toEqual(['restartMining', 'stopMining']);
    const shrink = await alice(['apply', mine(['6000', '4500', 'smin']), '--yes', '--quiet']);
    expect(shrink.code, shrink.stderr).toBe(0);
    expect(BigInt((await worker(alice, keys[0]!)).stake)).toBe(6000n * PLANCK_PER_PHA);
    expect((await worker(alice, keys[1]!)).state).toBe('CoolingDown');
    // the shrunk worker waits for its cooldown; nothing can be sent meanwhile
    const wait = await alice(['apply', mine(['6000', '4500', 'smin'])]);
    expect(wait.code).toBe(0);
    expect(wait.stdout).toMatch(/^no changes now; waiting on:\n {2}pool \d+: 0x\w+…\w+: cooling down/);
  });

  test('resumes an apply killed mid-way from the chain', async ({ chain, alice }) => {
    const file = fleetFile(
      'settings.yaml',
      ['pools:', `  - pid: ${pid}`, '    payout: 35', '    cap: 200000', '    description: resumed'].join(
        '\n',
      ),
    );
    // one operation per transaction; killed as soon as the first one is reported
    const killed = await new Promise<string>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          BIN,
          '--endpoint',
          chain.endpoint,
          '--account',
          'alice',
          'apply',
          file,
          '--yes',
          '--chunk-size',
          '1',
        ],
        { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
        if (stderr.includes('✓ chunk 1/3')) child.kill('SIGKILL');
      });
      child.on('close', () => resolve(stderr));
    });
    expect(killed).toContain('✓ chunk 1/3');
    const left = json(await alice(['apply', file, '--json'])).plan[0].steps.length;
    expect(left).toBeLessThan(3);
    const resumed = await alice(['apply', file, '--yes', '--json', '--quiet']);
    expect(resumed.code, resumed.stderr).toBe(0);
    if (left > 0) expect(json(resumed).transactions).toHaveLength(1);
    const pool = json(await alice(['pool', 'show', pid, '--json'])).pool;
    expect([pool.commission, BigInt(pool.cap), pool.description.text]).toEqual([
      350_000,
      200_000n * PLANCK_PER_PHA,
      'resumed',
    ]);
    expect((await alice(['apply', file])).stdout.trim()).toBe('no changes');
  });

  test('export-fleet writes the chain as a file that applies with no changes', async ({
    chain,
    alice,
    keys,
  }) => {
    const out = join(dir, 'exported.yaml');
    const r = await alice(['export-fleet', '--output', out]);
    expect(r.code, r.stderr).toBe(0);
    const back = await alice(['export-fleet', '--owner', chain.accounts.alice.address]);
    expect(back.stdout).toContain(`- pid: ${pid}`);
    expect(back.stdout).toMatch(
      new RegExp(String.raw`key: "?${keys[0]}"?\n\s+stake: "?6000"?\n\s+mining: true`),
    );
    expect((await alice(['apply', out])).stdout.trim()).toBe('no changes');
  });

  test('refuses a malformed file and an unknown field with line:column, before connecting', async ({
    alice,
  }) => {
    const bad = fleetFile('bad.yaml', 'pools:\n  - pid: 1\n    workers: [\n');
    const r = await alice(['apply', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[.]/g, '\\.')}:\\d+:\\d+: `));
    const unknown = fleetFile('unknown.yaml', `pools:\n  - pid: ${pid}\n    payot: 10\n`);
    const u = await alice(['apply', unknown]);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain(`${unknown}:3:5: unknown field "payot" in pools.0`);
  });
});
