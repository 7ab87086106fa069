import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistory } from '@phala-mining/indexer';
import { minStake, type TokenomicParameters } from '@phala-mining/math';
import { createChainTest } from '@phala-mining/testing/vitest';
import { afterAll, describe, expect } from 'vitest';
import { BIN, cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'phala-cli-history-'));

/**
 * The testing package's chain fixture with every old state kept queryable (as the dev chain's archive mode keeps
 * them), and a mining pool with 40 settlements spread through 200 blocks, built once for the file.
 */
const test = createChainTest({ devchain: { keepStates: Number.MAX_SAFE_INTEGER } }).extend<{ mined: true }>({
  mined: [
    async ({ fileChain: chain }, use) => {
      const { api } = chain;
      const { alice, bob } = chain.accounts;
      const tx: any = api.tx.phalaStakePool;
      const params = (await (api.query.phalaMining as any).tokenomicParameters()).unwrap();
      const smin = minStake({ k: BigInt(params.k.toString()) } as TokenomicParameters, 2000);
      await chain.sendTx(tx.create(), alice);
      const worker = await chain.registerWorker({ operator: alice, score: 2000 });
      await chain.sendTx(tx.setPayoutPref(0, 100_000), alice);
      await chain.sendTx(tx.addWorker(0, worker), alice);
      await chain.sendTx(tx.contribute(0, smin), bob);
      await chain.sendTx(tx.startMining(0, worker, smin), alice);
      await chain.setWorkerOnline(worker, true);
      // many blocks with settlements spread through them: a backfill long enough to be killed in the middle
      for (let i = 0; i < 40; i++) {
        await chain.settle();
        await chain.newBlocks(5);
      }
      await use(true);
    },
    { scope: 'file', auto: true },
  ],
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `history sync` and SIGKILLs it as soon as it reports its first persisted batch. */
function syncAndKill(
  endpoint: string,
  db: string,
): Promise<{ signal: NodeJS.Signals | null; progress: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [BIN, '--endpoint', endpoint, 'history', 'sync', '--db', db, '--until-head', '--batch', '3'],
      { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let progress = '';
    child.stderr.on('data', (d) => {
      progress += d;
      if (/#\d+\/\d+/.test(progress)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, progress }));
  });
}

const snapshot = async (db: string) => {
  const h = await openHistory({ db });
  try {
    return (await h.allEvents({})).map((e) => `${e.blockHash}:${e.seq}:${e.kind}:${e.amount}`);
  } finally {
    await h.close();
  }
};

describe('phala-mining history', () => {
  test('resumes after a SIGKILL mid-backfill with no row lost or doubled', async ({ chain }) => {
    const killedDb = join(dir, 'killed.db');
    const killed = await syncAndKill(chain.endpoint, killedDb);
    expect(killed.signal).toBe('SIGKILL');
    const [, done, target] = /#(\d+)\/(\d+)/.exec(killed.progress)!.map(Number);
    expect(done).toBeLessThan(target!);
    const partial = await snapshot(killedDb);

    const resumed = await cli([
      '--endpoint',
      chain.endpoint,
      'history',
      'sync',
      '--db',
      killedDb,
      '--until-head',
      '--json',
    ]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const cleanDb = join(dir, 'clean.db');
    const clean = await cli([
      '--endpoint',
      chain.endpoint,
      'history',
      'sync',
      '--db',
      cleanDb,
      '--until-head',
      '--quiet',
    ]);
    expect(clean.code, clean.stderr).toBe(0);

    const after = await snapshot(killedDb);
    const reference = await snapshot(cleanDb);
    expect(partial.length).toBeLessThan(reference.length);
    expect(new Set(after).size).toBe(after.length);
    expect(after).toEqual(reference);
    expect(reference.filter((r) => r.includes(':worker-payout:')).length).toBeGreaterThanOrEqual(40);
  });

  test('prints rewards by day, CSV and events from the database', async ({ chain }) => {
    const db = join(dir, 'clean.db');
    const byDay = await cli([
      '--endpoint',
      chain.endpoint,
      'history',
      'rewards',
      '--db',
      db,
      '--pool',
      '0',
      '--by',
      'day',
      '--json',
    ]);
    expect(byDay.code, byDay.stderr).toBe(0);
    const days = JSON.parse(byDay.stdout) as { date: string; amount: string }[];
    expect(days.length).toBeGreaterThan(0);
    const csv = await cli([
      '--endpoint',
      chain.endpoint,
      'history',
      'rewards',
      '--db',
      db,
      '--pool',
      '0',
      '--csv',
    ]);
    expect(csv.code, csv.stderr).toBe(0);
    const [header, ...lines] = csv.stdout.trim().split('\n');
    expect(header).toBe('date,block,pool,worker,account,kind,amount');
    const csvTotal = lines.reduce((t, l) => t + BigInt(l.split(',')[6]!.replace('.', '')), 0n);
    expect(csvTotal).toBe(days.reduce((t, d) => t + BigInt(d.amount), 0n));
    const events = await cli([
      '--endpoint',
      chain.endpoint,
      'history',
      'events',
      '--db',
      db,
      '--pool',
      '0',
      '--kind',
      'commission-set',
    ]);
    expect(events.code, events.stderr).toBe(0);
    expect(events.stdout).toContain('commission-set');
    const bad = await cli(['history', 'rewards', '--db', db, '--pool', '0', '--by', 'week']);
    expect(bad.code).toBe(2);
  });
});
