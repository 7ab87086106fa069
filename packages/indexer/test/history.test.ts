import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChainTest } from '@phala-mining/testing/vitest';
import pg from 'pg';
import { afterAll, describe, expect } from 'vitest';
import { type HistoryDb, openHistory, pha12, serveHistory } from '../src/index.js';
import { ARCHIVE, chainClaimable, chainTotalReward, runScenario, type Scenario } from './scenario.js';

const PG_URL = process.env.PHALA_TEST_POSTGRES_URL;
const dir = mkdtempSync(join(tmpdir(), 'phala-history-'));

/** The testing package's chain fixture (an archive dev chain, one per file) after the scenario, run once for the file. */
const test = createChainTest({ devchain: ARCHIVE }).extend<{ scenario: Scenario }>({
  scenario: [async ({ fileChain }, use) => use(await runScenario(fileChain)), { scope: 'file' }],
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh PostgreSQL database for one suite, dropped afterwards. */
async function tempPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `phala_history_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const sum = (xs: { amount: bigint }[]) => xs.reduce((a, x) => a + x.amount, 0n);

function suite(name: string, open: () => Promise<{ db: string; drop?: () => Promise<void> }>) {
  describe(name, () => {
    let history: HistoryDb;
    let drop: (() => Promise<void>) | undefined;
    // the scenario first: its blocks are what the sync indexes
    test.beforeAll(async ({ fileChain, scenario: _ }) => {
      const target = await open();
      drop = target.drop;
      history = await openHistory({ db: target.db });
      await history.sync(fileChain.endpoint, { untilHead: true, batchSize: 7, concurrency: 3 });
    });
    afterAll(async () => {
      await history?.close();
      await drop?.();
    });

    test("indexes each worker's settlements to its miner's stats.total_reward", async ({
      chain,
      scenario,
    }) => {
      for (const w of scenario.workers) {
        const onChain = await chainTotalReward(chain, w.pid, w.key);
        expect(onChain).toBeGreaterThan(0n);
        expect(sum(await history.rewards({ worker: w.key }))).toBe(onChain);
      }
    });

    test("indexes each staker's rewards minus claims to the chain's available + pending", async ({
      chain,
      scenario,
    }) => {
      for (const s of scenario.stakers) {
        const earned = sum(
          await history.allEvents({ pool: s.pid, staker: s.address, kinds: ['staker-reward'] }),
        );
        const claims = (await history.allEvents({ pool: s.pid, staker: s.address, kinds: ['claim'] })).filter(
          (c) => c.detail?.part === 'staker',
        );
        expect(earned).toBeGreaterThan(0n);
        expect(earned - sum(claims)).toBe(await chainClaimable(chain, s.pid, s.address));
      }
    });

    test('records the queue, the forced stop, reclaims, claims and pool settings', async () => {
      const kinds = new Set((await history.allEvents({ pool: 0 })).map((e) => e.kind));
      for (const k of [
        'pool-created',
        'commission-set',
        'cap-set',
        'worker-added',
        'worker-started',
        'worker-payout',
        'contribution',
        'withdrawal',
        'withdrawal-queued',
        'forced-stop',
        'worker-reclaimed',
        'claim',
        'owner-reward',
        'staker-reward',
      ]) {
        expect(kinds, k).toContain(k);
      }
      const withdrawals = await history.allEvents({ pool: 0, kinds: ['withdrawal'] });
      expect(withdrawals.map((w) => w.detail?.from).sort()).toEqual(
        expect.arrayContaining(['immediate', 'queue']),
      );
    });

    test('sums the CSV export to the API, by block and by day', async () => {
      const csv = await history.export({ pool: 0, kinds: ['pool-reward'] }, 'csv');
      const [header, ...lines] = csv.trim().split('\n');
      expect(header).toBe('date,block,pool,worker,account,kind,amount');
      const amounts = lines.map((l) => l.split(',')[6]!);
      for (const a of amounts) expect(a).toMatch(/^\d+\.\d{12}$/);
      const csvTotal = amounts.reduce((t, a) => t + BigInt(a.replace('.', '')), 0n);
      const byBlock = sum(await history.rewards({ pool: 0 }));
      const byDay = await history.rewards({ pool: 0, by: 'day' });
      expect(byBlock).toBeGreaterThan(0n);
      expect(csvTotal).toBe(byBlock);
      expect(sum(byDay)).toBe(byBlock);
      expect(byDay.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.date))).toBe(true);
      expect(pha12(1_500_000_000_000n)).toBe('1.500000000000');
      const json = JSON.parse(await history.export({ pool: 0, kinds: ['pool-reward'] }, 'json')) as {
        amountPlanck: string;
      }[];
      expect(json.reduce((t, r) => t + BigInt(r.amountPlanck), 0n)).toBe(byBlock);
    });

    test('gives a realized APR from the stakers reward over the time-weighted stake', async () => {
      const apr = await history.apr(0);
      expect(apr.stakerReward).toBeGreaterThan(0n);
      expect(apr.averageStake).toBeGreaterThan(0n);
      expect(apr.realized).toBeGreaterThan(0);
    });

    test('counts the settlement at the end of the range and not the one at its start', async ({ chain }) => {
      // pool 1's stake does not change after its first settlement: the realized APR between two settlements is
      // the later one's staker part over that stake and that time
      const paid = await history.allEvents({ pool: 1, kinds: ['pool-reward'] });
      const owner = await history.allEvents({ pool: 1, kinds: ['owner-reward'] });
      expect(paid.length).toBeGreaterThanOrEqual(3);
      const [, first, second] = paid as [unknown, (typeof paid)[0], (typeof paid)[0]];
      const apr = await history.apr(1, { from: first.timestamp, to: second.timestamp });
      const toOwner = owner.find((o) => o.blockHash === second.blockHash)!.amount;
      expect(apr.stakerReward).toBe(second.amount - toOwner);
      const at: any = await chain.api.at(second.blockHash);
      const stake = BigInt((await at.query.phalaStakePool.stakePools(1)).unwrap().totalStake.toString());
      expect(apr.averageStake).toBe(stake);
      // one millisecond earlier, the range takes the first settlement too
      const both = await history.apr(1, { from: first.timestamp - 1, to: second.timestamp });
      const firstOwner = owner.find((o) => o.blockHash === first.blockHash)!.amount;
      expect(both.stakerReward).toBe(apr.stakerReward + first.amount - firstOwner);
      const span = second.timestamp - first.timestamp;
      expect(apr.realized).toBeCloseTo(
        (Number(apr.stakerReward) * 365 * 86_400_000) / (Number(stake) * span),
        9,
      );
    });

    test('serves the same history read-only over HTTP, page by page', async () => {
      const server = await serveHistory(history, { port: 0 });
      try {
        const all = await history.allEvents({ pool: 0 });
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await fetch(`${server.url}/events?pool=0&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
          expect(res.status).toBe(200);
          const page = (await res.json()) as {
            items: { blockHash: string; seq: number }[];
            next: string | null;
          };
          expect(page.items.length).toBeLessThanOrEqual(7);
          seen.push(...page.items.map((i) => `${i.blockHash}:${i.seq}`));
          cursor = page.next;
        } while (cursor);
        expect(seen).toEqual(all.map((e) => `${e.blockHash}:${e.seq}`));
        const rewards = (await (await fetch(`${server.url}/rewards?pool=0&by=day`)).json()) as {
          items: { amount: string }[];
        };
        expect(rewards.items.reduce((t, r) => t + BigInt(r.amount), 0n)).toBe(
          sum(await history.rewards({ pool: 0 })),
        );
        expect((await fetch(`${server.url}/events?pool=x`)).status).toBe(400);
        expect((await fetch(`${server.url}/events`, { method: 'POST' })).status).toBe(405);
      } finally {
        await server.close();
      }
    });

    test("follows each pool's stake over time to the chain's total stake", async ({ chain }) => {
      for (const pid of [0, 1]) {
        const series = await history.stake(pid);
        expect(series.length).toBeGreaterThan(1);
        const info = (await (chain.api.query.phalaStakePool as any).stakePools(pid)).unwrap();
        expect(series[series.length - 1]!.totalStake).toBe(BigInt(info.totalStake.toString()));
        expect(series[series.length - 1]!.totalShares).toBe(BigInt(info.totalShares.toString()));
      }
    });

    test('re-syncing adds nothing', async ({ chain }) => {
      const before = (await history.allEvents({})).length;
      const again = await history.sync(chain.endpoint, { untilHead: true });
      expect(again.rows).toBe(0);
      expect((await history.allEvents({})).length).toBe(before);
    });
  });
}

suite('SQLite', async () => ({ db: join(dir, 'history.db') }));
// skipped only where no server is configured; .ci/run always sets the URL
describe.skipIf(!PG_URL)('PostgreSQL', () => {
  suite('server', async () => {
    const { url, drop } = await tempPostgres();
    return { db: url, drop };
  });
});
