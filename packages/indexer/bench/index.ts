/**
 * Indexer benchmarks, each against a baseline measured in the same run:
 * 1. ingestion of settlement-heavy blocks (POOLS pools × WORKERS workers all settling, every pool rewarding its
 *    stakers) into SQLite and PostgreSQL, in rows/s, vs the raw rate of reading those blocks' events from the node.
 *    The set-up blocks (pools, workers, stakes) are indexed first and not timed: only the settlement blocks are;
 * 2. the query of a year of daily rewards for one pool (365 daily settlements), vs reading the pool's raw rows.
 *
 * Run: `pnpm bench` here. BENCH_POOLS / BENCH_WORKERS (default 100 × 200, as the devchain's own bench: 20,000
 * workers settling in each block) and BENCH_SETTLEMENTS (default 5); BENCH_YEAR=0 skips the second benchmark, BENCH_DAYS (default 365) sets its length. PostgreSQL is measured when PHALA_TEST_POSTGRES_URL points at a server (see
 * README: scripts/test-postgres.sh); its database is created and dropped here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minStake, type TokenomicParameters } from '@phala-mining/math';
import { createTestChain, registerWorkers, setWorkersOnline, type TestChain } from '@phala-mining/testing';
import pg from 'pg';
import { ChainSource, openHistory } from '../src/index.js';
import { Prefetcher } from '../src/ingest/prefetch.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const POOLS = env('BENCH_POOLS', 100);
const WORKERS = env('BENCH_WORKERS', 200);
const YEAR = env('BENCH_YEAR', 1) !== 0;
const SETTLEMENTS = env('BENCH_SETTLEMENTS', 5);
const DAYS = env('BENCH_DAYS', 365);
const PG_URL = process.env.PHALA_TEST_POSTGRES_URL;
const PHA = 10n ** 12n;
const dir = mkdtempSync(join(tmpdir(), 'phala-indexer-bench-'));
const log = (s: string) => process.stderr.write(`${s}\n`);

async function tempPostgres(tag: string) {
  if (!PG_URL) return undefined;
  const name = `phala_indexer_bench_${tag}_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
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

/** Pools, workers and stakes; every worker mining and online. The settlements come later (`settleAll`). */
async function buildHeavyChain(): Promise<TestChain> {
  // a settlement block of 20,000 workers carries ~40,000 events: with 8 of them asked at once, the node (in this
  // process) takes longer than the client's default 60 s to answer the last
  const chain = await createTestChain({
    devchain: { keepStates: Number.MAX_SAFE_INTEGER },
    requestTimeoutMs: 900_000,
  });
  const { api } = chain;
  const { alice, bob } = chain.accounts;
  const tx: any = api.tx.phalaStakePool;
  const params = (await (api.query.phalaMining as any).tokenomicParameters()).unwrap();
  const smin = minStake({ k: BigInt(params.k.toString()) } as TokenomicParameters, 100);
  await chain.fund(bob, BigInt(POOLS * WORKERS) * (smin + PHA) + 1_000_000n * PHA);
  await chain.setMiningEnabled(true);
  // 500 registrations per block (one block each would be 20,000 blocks of set-up)
  const all = await registerWorkers(chain, POOLS * WORKERS, { operator: alice, score: 100 });
  // several pools per extrinsic (about 2,000 calls): every set-up block costs the node a step of each worker
  // already mining, so 3 blocks per group of pools rather than 3 per pool
  const group = Math.max(1, Math.floor(2000 / WORKERS));
  const batch = (calls: unknown[]) => api.tx.utility!.batchAll!(calls as never);
  for (let first = 0; first < POOLS; first += group) {
    const pools = Array.from({ length: Math.min(group, POOLS - first) }, (_, i) => first + i);
    const workersOf = (p: number) => all.slice(p * WORKERS, (p + 1) * WORKERS);
    await chain.sendTx(
      batch([
        ...pools.flatMap((p) => [tx.create(), tx.setPayoutPref(p, 100_000)]),
        ...pools.flatMap((p) => workersOf(p).map((k) => tx.addWorker(p, k))),
      ]),
      alice,
    );
    await chain.sendTx(batch(pools.map((p) => tx.contribute(p, BigInt(WORKERS) * smin + 10n * PHA))), bob);
    await chain.sendTx(
      batch(pools.flatMap((p) => workersOf(p).map((k) => tx.startMining(p, k, smin)))),
      alice,
    );
    log(`  pools ${first}…${pools[pools.length - 1]} mining`);
  }
  await setWorkersOnline(chain, all, true);
  return chain;
}

/** SETTLEMENTS blocks in which every worker settles and every pool rewards its stakers. */
async function settleAll(chain: TestChain) {
  for (let i = 0; i < SETTLEMENTS; i++) {
    await chain.timeTravel({ minutes: 30 });
    await chain.settle();
  }
}

/** Indexes up to the head; only what was not yet in `db` is timed (the set-up blocks were indexed before). */
async function ingest(chain: TestChain, db: string) {
  const history = await openHistory({ db });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { rows } = await history.sync(chain.api, { untilHead: true });
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  await history.close();
  // the dev chain runs in this process: its work answering the reads is in the CPU time too
  return { rows, seconds, cpu: (c.user + c.system) / 1e6 };
}

async function main() {
  log(`building ${POOLS} pools × ${WORKERS} workers…`);
  const chain = await buildHeavyChain();
  const pgDb = await tempPostgres('ingest');
  try {
    const targets: { name: string; db: string }[] = [{ name: 'SQLite', db: join(dir, 'bench.db') }];
    if (pgDb) targets.push({ name: 'PostgreSQL', db: pgDb.url });
    // the set-up blocks first, untimed: what is measured next is the settlement blocks alone
    for (const t of targets) await ingest(chain, t.db);
    const setupHead = (await chain.api.rpc.chain.getHeader()).number.toNumber();
    log(`${SETTLEMENTS} settlements of ${POOLS * WORKERS} workers…`);
    await settleAll(chain);
    const head = (await chain.api.rpc.chain.getHeader()).number.toNumber();
    const blocks = head - setupHead;
    // baseline: the node's settlement blocks and their events, decoded, with nothing stored
    const source = ChainSource.fromApi(chain.api);
    const r0 = performance.now();
    let events = 0;
    for (let n = setupHead + 1; n <= head; n++) events += (await source.fetch(n)).events.length;
    const rawSeconds = (performance.now() - r0) / 1000;
    const rawRate = events / rawSeconds;
    console.log(
      `settlement blocks ${setupHead + 1}…${head} (${POOLS} pools × ${WORKERS} workers): ${events} events read in ${rawSeconds.toFixed(2)} s = ${rawRate.toFixed(0)} events/s, ${(blocks / rawSeconds).toFixed(2)} blocks/s (baseline: read and decode only, one block at a time)`,
    );
    // the same reads as `sync` makes them: 8 requests in flight (its default concurrency)
    const ahead = new Prefetcher((n) => source.fetch(n), setupHead + 1, head, 8, 100);
    const p0 = performance.now();
    for (let n = setupHead + 1; n <= head; n++) await ahead.take(n);
    const parallelSeconds = (performance.now() - p0) / 1000;
    console.log(
      `  the same blocks read 8 at a time: ${parallelSeconds.toFixed(2)} s = ${(events / parallelSeconds).toFixed(0)} events/s`,
    );
    const report = (name: string, r: { rows: number; seconds: number; cpu: number }) =>
      console.log(
        `${name} ingestion: ${r.rows} rows in ${r.seconds.toFixed(2)} s = ${(r.rows / r.seconds).toFixed(0)} rows/s, ${(blocks / r.seconds).toFixed(2)} blocks/s = ${(rawSeconds / r.seconds).toFixed(2)}× the raw read rate (${(parallelSeconds / r.seconds).toFixed(2)}× reading 8 at a time); CPU ${r.cpu.toFixed(2)} s`,
      );
    for (const t of targets) report(t.name, await ingest(chain, t.db));
    if (!pgDb) console.log('PostgreSQL ingestion: skipped (PHALA_TEST_POSTGRES_URL not set)');
  } finally {
    await pgDb?.drop();
    await chain.close();
  }
  if (!YEAR) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }

  // a year of daily settlements of one small pool
  log('building a year of daily settlements…');
  const year = await createTestChain({ devchain: { keepStates: Number.MAX_SAFE_INTEGER } });
  try {
    const { api } = year;
    const { alice, bob } = year.accounts;
    const tx: any = api.tx.phalaStakePool;
    const params = (await (api.query.phalaMining as any).tokenomicParameters()).unwrap();
    const smin = minStake({ k: BigInt(params.k.toString()) } as TokenomicParameters, 2000);
    const w = await year.registerWorker({ operator: alice, score: 2000 });
    await year.sendTx(api.tx.utility!.batchAll!([tx.create(), tx.addWorker(0, w)]), alice);
    await year.sendTx(tx.contribute(0, smin), bob);
    await year.sendTx(tx.startMining(0, w, smin), alice);
    await year.setWorkerOnline(w, true);
    // A payout pays what V earned in the idle blocks since the last one (v_deductible). When the worker happens to
    // answer a heartbeat challenge in the time-travel block right after the previous day's payout, nothing has
    // accrued: neither that heartbeat nor the settlement pays, and the next day's settlement pays both days — 4 or so
    // days of the year had no reward row (361 days). So a day whose blocks paid nothing gets another block and
    // settlement, seconds later on the same day, until one pays: every day has its reward.
    const paid = async () =>
      ((await api.query.system.events()) as any).some(
        (r: any) => r.event.section === 'phalaStakePool' && r.event.method === 'RewardReceived',
      );
    let extra = 0;
    for (let d = 0; d < DAYS; d++) {
      await year.timeTravel({ days: 1 });
      let rewarded = await paid();
      await year.settle();
      rewarded ||= await paid();
      while (!rewarded) {
        extra++;
        await year.newBlocks(1);
        rewarded = await paid();
        await year.settle();
        rewarded ||= await paid();
      }
    }
    log(`${DAYS} days settled (${extra} settled again the same day)`);
    const targets: { name: string; db: string; drop?: () => Promise<void> }[] = [
      { name: 'SQLite', db: join(dir, 'year.db') },
    ];
    const pgDb = await tempPostgres('year');
    if (pgDb) targets.push({ name: 'PostgreSQL', db: pgDb.url, drop: pgDb.drop });
    for (const t of targets) {
      const h = await openHistory({ db: t.db });
      await h.sync(api, { untilHead: true });
      const runs: number[] = [];
      const raw: number[] = [];
      let days = 0;
      for (let i = 0; i < 7; i++) {
        const q0 = performance.now();
        days = (await h.rewards({ pool: 0, by: 'day' })).length;
        runs.push(performance.now() - q0);
        const b0 = performance.now();
        await h.allEvents({ pool: 0, kinds: ['pool-reward'] });
        raw.push(performance.now() - b0);
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      console.log(
        `${t.name}: a year of daily rewards (${days} days) in ${median(runs).toFixed(1)} ms median of 7, ${(median(runs) / median(raw)).toFixed(2)}× reading the pool's raw reward rows (${median(raw).toFixed(1)} ms)`,
      );
      await h.close();
      await t.drop?.();
    }
  } finally {
    await year.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
