import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { test as chainTest, type Runner } from './chainTest.js';
import { BIN, json, on } from './helpers.js';

// one exporter follows the file's chain through every test, in order: each test builds on the last one's state
let metricsUrl: string;
let alertLines = '';
const posted: any[] = [];

/** The value of one series in a Prometheus text scrape (undefined when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && line.split(' ')[0] !== name) continue;
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (want.every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

const scrape = async () => {
  const res = await fetch(metricsUrl);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
};

/** Scrapes until `ready` holds; the exporter follows the chain through subscriptions, so this converges. */
async function scrapeUntil(ready: (text: string) => boolean, step?: () => Promise<unknown>): Promise<string> {
  // with a step, at most 60 steps (blocks are the bound); without, 60 s of a loaded machine's time, not 60 polls
  const end = Date.now() + 60_000;
  for (let i = 0; step ? i < 60 : Date.now() < end; i++) {
    const text = await scrape();
    if (ready(text)) return text;
    if (step) await step();
    else await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`never ready; last scrape:\n${await scrape()}`);
}

/** Waits until `done()` holds, for up to 60 s (the webhook is posted by the exporter's own loop). */
async function until(done: () => boolean): Promise<void> {
  const end = Date.now() + 60_000;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 250));
}

interface Fleet {
  /** `phala-mining` as Alice, quiet */
  alice: Runner;
  /** Alice's worker, Mining in pool `pid` */
  key: string;
  pid: string;
  exporter: ChildProcess;
}

/** The file's chain with Alice's pool mining one worker, and an exporter posting its alerts to a local webhook. */
const test = chainTest.extend<{ fleet: Fleet }>({
  fleet: [
    async ({ fileChain: chain }, use) => {
      const alice = on(chain, '--account', 'alice', '--quiet');
      const key = await chain.registerWorker({
        operator: chain.accounts.alice,
        score: 2000,
        cores: 8,
        confidence: 1,
      });
      const pid: string = json(await alice(['pool', 'create', '--json'])).pid;
      expect((await alice(['pool', 'contribute', pid, '50000'])).code).toBe(0);
      const dir = mkdtempSync(join(tmpdir(), 'exporter-'));
      const file = join(dir, 'fleet.yaml');
      writeFileSync(
        file,
        `pools:\n  - pid: ${pid}\n    workers:\n      - { key: "${key}", stake: smin, mining: true }\n`,
      );
      const applied = await alice(['apply', file, '--yes']);
      expect(applied.code, applied.stderr).toBe(0);
      await chain.setWorkerOnline(key, true);

      const hook: Server = createServer((req, res) => {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          posted.push(JSON.parse(body));
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
      const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;

      const exporter = spawn(
        process.execPath,
        [
          BIN,
          '--endpoint',
          chain.endpoint,
          '--account',
          'alice',
          'exporter',
          '--listen',
          '127.0.0.1:0',
          '--webhook',
          hookUrl,
        ],
        { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      try {
        exporter.stdout!.on('data', (d) => (alertLines += d));
        metricsUrl = await new Promise<string>((resolve, reject) => {
          let err = '';
          exporter.stderr!.on('data', (d) => {
            err += d;
            const m = /serving (http:\/\/\S+\/metrics)/.exec(err);
            if (m) resolve(m[1]!);
          });
          exporter.on('close', (code) => reject(new Error(`exporter exited ${code}: ${err}`)));
        });
        await use({ alice, key, pid, exporter });
      } finally {
        // before the fixture closes the chain: the exporter must not outlive it
        exporter.kill('SIGKILL');
        hook.close();
      }
    },
    { scope: 'file' },
  ],
});

describe('phala-mining exporter', () => {
  test('serves the fleet as Prometheus metrics', async ({ chain, fleet: { key, pid } }) => {
    const text = await scrapeUntil((t) => sample(t, 'phala_pool_total_stake', { pool: pid }) !== undefined);
    expect(sample(text, 'phala_pool_total_stake', { pool: pid })).toBe(50_000);
    expect(sample(text, 'phala_worker_state', { pool: pid, worker: key, state: 'Mining' })).toBe(1);
    expect(sample(text, 'phala_worker_state', { pool: pid, worker: key, state: 'Unresponsive' })).toBe(0);
    expect(sample(text, 'phala_worker_stake', { pool: pid, worker: key })).toBeCloseTo(4472.135954978875, 9);
    expect(sample(text, 'phala_pool_free_stake', { pool: pid })).toBeCloseTo(50_000 - 4472.135954978875, 9);
    expect(
      sample(text, 'phala_account_free_balance', { account: chain.accounts.alice.address }),
    ).toBeGreaterThan(0);
    expect(sample(text, 'phala_exporter_last_block', {})).toBeGreaterThan(0);
    // not at risk: the series is absent, only its HELP/TYPE are there
    expect(text).toContain('# TYPE phala_pool_forced_stop_seconds gauge');
    expect(sample(text, 'phala_pool_forced_stop_seconds', { pool: pid })).toBeUndefined();
    expect((await fetch(metricsUrl.replace('/metrics', '/other'))).status).toBe(404);
  });

  test('shows a contribution and new blocks in the next scrapes', async ({ fleet: { alice, pid } }) => {
    const before = sample(await scrape(), 'phala_exporter_last_block', {})!;
    expect((await alice(['pool', 'contribute', pid, '1000'])).code).toBe(0);
    const text = await scrapeUntil((t) => sample(t, 'phala_pool_total_stake', { pool: pid }) === 51_000);
    expect(sample(text, 'phala_exporter_last_block', {})).toBeGreaterThan(before);
  });

  test('shows a worker gone offline as Unresponsive and posts the alert to the webhook', async ({
    chain,
    fleet: { key, pid },
  }) => {
    await chain.setWorkerOnline(key, false);
    const text = await scrapeUntil(
      (t) => sample(t, 'phala_worker_state', { pool: pid, worker: key, state: 'Unresponsive' }) === 1,
      () => chain.newBlocks(50),
    );
    expect(sample(text, 'phala_worker_state', { pool: pid, worker: key, state: 'Mining' })).toBe(0);
    await until(() => posted.some((p) => p.detector === 'unresponsive'));
    const alert = posted.find((p) => p.detector === 'unresponsive');
    expect(alert).toMatchObject({ type: 'alert', severity: 'critical', pool: pid, worker: key });
    expect(alert.text).toBe(`worker ${key} in pool ${pid} is Unresponsive`);
    expect(alert.content).toBe(alert.text);
    // the same alert is a JSON line on stdout
    const lines = alertLines
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.detector === 'unresponsive' && l.worker === key)).toBe(true);
    // raised once: the repeat interval (an hour by default) holds it back on the following blocks
    await chain.newBlocks(5);
    expect(posted.filter((p) => p.detector === 'unresponsive')).toHaveLength(1);
  });

  test('names the Unresponsive worker and its pool in the multi-pool views, and filters stop by state', async ({
    fleet: { alice, key, pid },
  }) => {
    const second = json(await alice(['pool', 'create', '--json'])).pid;
    const list = await alice(['worker', 'list', '--all-pools', '--state', 'Unresponsive', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect(json(list).map((w: any) => [String(w.pid), w.pubkey, w.state])).toEqual([
      [pid, key, 'Unresponsive'],
    ]);
    expect(json(await alice(['worker', 'list', '--all-pools', '--state', 'Ready', '--json']))).toEqual([]);
    const table = await alice(['worker', 'list', '--all-pools', '--sort', 'stake']);
    expect(table.stdout).toMatch(
      new RegExp(`^POOL\\s+WORKER\\s+STATE[^\\n]*\\n-+[^\\n]*\\n\\s*${pid}\\s+${key}\\s+Unresponsive`),
    );
    expect((await alice(['worker', 'list', '--all-pools', '--sort', 'size'])).code).toBe(2);
    const overview = await alice(['overview']);
    expect(overview.stdout).toMatch(
      new RegExp(`Needs attention:\\n.*\\n-+.*\\n\\s*${pid}\\s+${key}\\s+Unresponsive`),
    );
    expect(json(await alice(['overview', '--json'])).attention).toEqual([
      { pid, worker: key, reason: 'Unresponsive', hint: 'check the worker host (pRuntime)' },
    ]);
    // nothing Unresponsive in the empty second pool; the first pool's stop selects just that worker
    expect(
      (await alice(['worker', 'stop', '-p', second, '--all', '--state', 'Unresponsive'])).stdout,
    ).toContain('nothing to do');
    const dry = await alice([
      'worker',
      'stop',
      '-p',
      pid,
      '--all',
      '--state',
      'Unresponsive',
      '--dry-run',
      '--json',
    ]);
    expect(json(dry).operations).toEqual(['stopMining']);
    expect((await alice(['worker', 'stop', '-p', pid, '--all', '--state', 'Mining'])).stdout).toContain(
      'nothing to do',
    );
    expect((await alice(['worker', 'stop', '-p', pid, '--state', 'Mining', key])).code).toBe(2);
  });

  test('shows the forced-stop countdown of the guardian and alerts once it is within the margin', async ({
    chain,
    fleet: { alice, pid },
  }) => {
    // everything out: the free stake pays part now, the worker's stake is queued with nothing to cover it
    expect((await alice(['pool', 'withdraw', pid, '--all'])).code).toBe(0);
    const risk = json(await alice(['pool', 'guard', pid, '--json']));
    expect(risk.atRisk).toBe(true);
    const deadline = BigInt(Date.parse(risk.deadline) / 1000);
    const text = await scrapeUntil(
      (t) => sample(t, 'phala_pool_forced_stop_seconds', { pool: pid }) !== undefined,
    );
    const now = BigInt(Math.floor((await chain.now()).getTime() / 1000));
    expect(sample(text, 'phala_pool_forced_stop_seconds', { pool: pid })).toBe(Number(deadline - now));
    expect(posted.some((p) => p.detector === 'withdrawalAtRisk')).toBe(false); // 7 days out, margin 6 h

    await chain.timeTravel(new Date(Number(deadline - 3600n) * 1000));
    const close = await scrapeUntil(
      (t) => sample(t, 'phala_pool_forced_stop_seconds', { pool: pid }) === 3600,
    );
    expect(sample(close, 'phala_pool_forced_stop_seconds', { pool: pid })).toBe(3600);
    await until(() => posted.some((p) => p.detector === 'withdrawalAtRisk'));
    const alert = posted.find((p) => p.detector === 'withdrawalAtRisk');
    expect(alert).toMatchObject({ type: 'alert', severity: 'critical', pool: pid });
    expect(alert.text).toMatch(new RegExp(`^pool ${pid} will stop every worker in 1 h`));
    expect(alertLines).toContain('"detector":"withdrawalAtRisk"');

    // past the deadline the chain stopped the worker: the stake is releasing, the series goes away
    await chain.timeTravel({ hours: 2 });
    await scrapeUntil((t) => sample(t, 'phala_pool_forced_stop_seconds', { pool: pid }) === undefined);
  });

  test('stops on SIGTERM with exit 0', async ({ fleet: { exporter } }) => {
    const closed = new Promise<number | null>((r) => exporter.on('close', (code) => r(code)));
    exporter.kill('SIGTERM');
    expect(await closed).toBe(0);
  });
});
