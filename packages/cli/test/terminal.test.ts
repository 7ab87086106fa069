import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PLANCK_PER_PHA } from '@phala-mining/core';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, describe, expect } from 'vitest';
import { test as chainTest, type Runner } from './chainTest.js';
import { BIN, cli, json, on } from './helpers.js';

const run = promisify(execFile);

const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** A private tmux server (its own socket) so the tests never touch a user's sessions. */
const SOCKET = `phala-mining-cli-test-${process.pid}`;
const tmux = (...args: string[]) => run('tmux', ['-L', SOCKET, ...args]);
const pane = async (target: string) => (await tmux('capture-pane', '-p', '-t', target)).stdout;

/** Polls the pane until `test` holds (60 s at most: a loaded machine starts the CLI slowly); returns the screen. */
async function screenUntil(target: string, test: (screen: string) => boolean, what: string): Promise<string> {
  let screen = '';
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    screen = await pane(target).catch(() => screen);
    if (test(screen)) return screen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the terminal never showed ${what}; last screen:\n${screen}`);
}

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The file's chain with a pool of Alice's holding 30,000 PHA, and `phala-mining` as Alice, quiet. */
const test = chainTest.extend<{ pool: { alice: Runner; pid: string } }>({
  pool: [
    async ({ fileChain: chain }, use) => {
      const alice = on(chain, '--account', 'alice', '--quiet');
      const pid: string = json(await alice(['pool', 'create', '--json'])).pid;
      expect((await alice(['pool', 'contribute', pid, '30000'])).code).toBe(0);
      await use({ alice, pid });
    },
    // auto: the keystore test's pool is then the second one, as when the file runs in order
    { scope: 'file', auto: true },
  ],
});

afterAll(async () => {
  if (hasTmux) await tmux('kill-server').catch(() => undefined);
});

describe('phala-mining watch', () => {
  test('draws one frame off a terminal with --once, human or JSON', async ({ chain, pool: { pid } }) => {
    const r = await cli(['--endpoint', chain.endpoint, 'watch', pid, '--once']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^phala-mining watch · pool ${pid} · ws://.* · block #\\d+ at \\d{4}-.* · connected\\n`),
    );
    expect(r.stdout).toMatch(/Total stake\s+30,000 PHA/);
    expect(r.stdout).not.toContain('\u001b');
    const j = json(await cli(['--endpoint', chain.endpoint, '--json', 'watch', pid, '--once']));
    expect(j).toMatchObject({
      connection: 'connected',
      pool: { pid, totalStake: String(30_000n * PLANCK_PER_PHA) },
      workers: [],
      withdrawQueue: [],
    });
    expect(j.block.number).toBeGreaterThan(0);
  });

  test.skipIf(!hasTmux)(
    'is drawn in a terminal and redrawn when a transaction lands; q quits',
    async ({ chain, pool: { alice, pid } }) => {
      const target = 'watch';
      await tmux(
        'new-session',
        '-d',
        '-s',
        target,
        '-x',
        '120',
        '-y',
        '40',
        `${sh(process.execPath)} ${sh(BIN)} --endpoint ${chain.endpoint} watch ${pid}`,
      );
      const first = await screenUntil(
        target,
        (s) => s.includes(`Pool ${pid}`) && s.includes('Workers (0)'),
        'the pool',
      );
      expect(first).toMatch(/^phala-mining watch · pool \d+ · ws:\/\/127\.0\.0\.1:\d+ · block #\d+/);
      expect(first).toMatch(/Total stake\s+30,000 PHA/);
      expect(first).toContain('q or Ctrl-C to quit');
      const block = Number(/block #(\d+)/.exec(first)![1]);

      const worker = await chain.registerWorker({ operator: chain.accounts.alice, score: 2000, cores: 4 });
      expect((await alice(['worker', 'add', '-p', pid, worker])).code).toBe(0);
      const short = `${worker.slice(0, 8)}…${worker.slice(-6)}`;
      const second = await screenUntil(
        target,
        (s) => s.includes('Workers (1)') && s.includes(short),
        'the added worker',
      );
      expect(second).toMatch(new RegExp(`${short}\\s+Ready\\s+0 PHA\\s+4\\s+2000`));
      expect(Number(/block #(\d+)/.exec(second)![1])).toBeGreaterThan(block);
      // 120 columns: nothing wraps
      for (const line of second.split('\n')) expect(line.length).toBeLessThanOrEqual(120);

      expect((await alice(['worker', 'start', '-p', pid, worker, '--stake', '5000'])).code).toBe(0);
      await screenUntil(
        target,
        (s) => new RegExp(`${short}\\s+Mining\\s+5,000 PHA`).test(s),
        'the worker mining',
      );

      await tmux('send-keys', '-t', target, 'q');
      const end = Date.now() + 30_000;
      while (Date.now() < end) {
        if (
          !(await tmux('has-session', '-t', target).then(
            () => true,
            () => false,
          ))
        )
          return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('watch did not quit on q');
    },
  );

  test.skipIf(!hasTmux)(
    'prompts for a keystore password on a terminal without echoing it',
    async ({ chain }) => {
      await cryptoWaitReady();
      const password = 'tmux-typed secret 7';
      const pair = new Keyring({ type: 'sr25519', ss58Format: 30 }).addFromUri('//PromptTest');
      await chain.fund(pair.address, 1000n * PLANCK_PER_PHA);
      const dir = mkdtempSync(join(tmpdir(), 'phala-mining-cli-'));
      const file = join(dir, 'key.json');
      writeFileSync(file, JSON.stringify(pair.toJson(password)));
      const target = 'prompt';
      const command = `${sh(process.execPath)} ${sh(BIN)} --endpoint ${chain.endpoint} --keystore ${sh(file)} pool create; echo "EXIT=$?"; sleep 60`;
      await tmux('new-session', '-d', '-s', target, '-x', '120', '-y', '20', command);
      await screenUntil(target, (s) => s.includes(`Password for ${file}:`), 'the password prompt');
      await tmux('send-keys', '-t', target, '-l', password);
      await tmux('send-keys', '-t', target, 'Enter');
      const screen = await screenUntil(target, (s) => s.includes('EXIT='), 'the end of the command');
      expect(screen).toMatch(/✓ created pool \d+ — block #\d+/);
      expect(screen).toContain('EXIT=0');
      expect(screen).not.toContain(password);
    },
  );
});
