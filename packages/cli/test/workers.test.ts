import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLANCK_PER_PHA } from '@phala-mining/core';
import { registerWorkers } from '@phala-mining/testing';
import { describe, expect } from 'vitest';
import { test as chainTest, type Runner } from './chainTest.js';
import { json, nonceOf, on } from './helpers.js';

interface OwnedPool {
  /** Alice's pool, with 100 000 PHA of hers and a 20 % payout */
  pid: string;
  /** three registered workers of hers, not yet in the pool */
  keys: string[];
  /** `worker list --json` of the pool */
  workers: () => Promise<any[]>;
}

/** The file's chain (the testing package's fixture) with Alice's pool; `quiet` is Alice's runner with `--quiet`. */
const test = chainTest.extend<{ quiet: Runner; owned: OwnedPool }>({
  quiet: [
    async ({ fileChain }, use) => use(on(fileChain, '--account', 'alice', '--quiet')),
    { scope: 'file' },
  ],
  owned: [
    async ({ fileChain: chain, quiet: alice }, use) => {
      const pid: string = json(await alice(['pool', 'create', '--json'])).pid;
      expect((await alice(['pool', 'contribute', pid, '100000'])).code).toBe(0);
      expect((await alice(['pool', 'set-payout', pid, '20'])).code).toBe(0);
      // one batched registration (testing's registerWorkers): the same workers as three registerWorker calls
      const keys: string[] = await registerWorkers(chain, 3, {
        operator: chain.accounts.alice,
        score: 2000,
        cores: 8,
        confidence: 1,
      });
      const workers = async () => json(await alice(['worker', 'list', '-p', pid, '--json'])) as any[];
      await use({ pid, keys, workers });
    },
    { scope: 'file', auto: true },
  ],
});

describe('phala-mining worker …', () => {
  test('adds several workers in one batch and lists them', async ({ quiet: alice, owned }) => {
    const { pid, keys } = owned;
    const r = await alice(['worker', 'add', '--pool', pid, ...keys, '--json']);
    expect(r.code).toBe(0);
    const out = json(r);
    expect(out.operations).toEqual(['addWorker', 'addWorker', 'addWorker']);
    expect(
      out.events.filter((e: any) => e.section === 'utility' && e.method === 'BatchCompleted'),
    ).toHaveLength(1);

    const list = await alice(['worker', 'list', '-p', pid]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /^WORKER\s+STATE\s+STAKE\s+CORES\s+P\s+SMIN\s+SMAX\s+TOTAL REWARD\s+COOLDOWN\n-+/,
    );
    for (const k of keys)
      expect(list.stdout).toMatch(
        new RegExp(`${k}\\s+Ready\\s+0 PHA\\s+8\\s+2000\\s+4,472\\.1359 PHA\\s+[\\d,.]+ PHA\\s+0 PHA`),
      );
  });

  test('refuses a stake outside Smin…Smax before signing', async ({ chain, quiet: alice, owned }) => {
    const { pid, keys } = owned;
    const before = await nonceOf(chain, chain.accounts.alice.address);
    const low = await alice(['worker', 'start', '-p', pid, '--all', '--stake', '100']);
    expect(low.code).toBe(3);
    // --all: the error names the worker (and the call of the batch) it is about
    expect(low.stderr.trim()).toBe(
      `phala-mining: startMining pool ${pid} worker ${keys[0]} stake 100 PHA (call 1 of 3): a worker's stake must be at least Smin: stake 100 PHA < Smin 4,472.135954978875 PHA [StakeBelowMinimum]`,
    );
    const high = await alice(['worker', 'start', '-p', pid, keys[0]!, '--stake', '90000']);
    expect(high.code).toBe(3);
    expect(high.stderr).toMatch(/at most Smax: stake 90,000 PHA > Smax [\d,.]+ PHA \[StakeAboveMaximum\]/);
    expect((await alice(['worker', 'start', '-p', pid, keys[0]!, '--all', '--stake', '5000'])).code).toBe(2);
    expect(await nonceOf(chain, chain.accounts.alice.address)).toBe(before);
  });

  test('--dry-run lists each call with its worker and stake; smin/smax and a stake file pick per-worker stakes', async ({
    chain,
    quiet: alice,
    owned,
  }) => {
    const { pid, keys, workers } = owned;
    const before = await nonceOf(chain, chain.accounts.alice.address);
    const dry = await alice(['--dry-run', 'worker', 'start', '-p', pid, '--all', '--stake', 'smin']);
    expect(dry.code).toBe(0);
    for (const [i, k] of keys.entries())
      expect(dry.stdout).toContain(`${i + 1}. startMining pool ${pid} worker ${k} stake 4,472.1359 PHA`);
    const views = await workers();
    const dir = mkdtempSync(join(tmpdir(), 'phala-mining-stakes-'));
    const file = join(dir, 'stakes.yaml');
    writeFileSync(file, `${keys[1]}: smax\n${keys[2]}: '6,000'\ndefault: smin\n`);
    const j = json(
      await alice(['--dry-run', '--json', 'worker', 'start', '-p', pid, '--all', '--stake-file', file]),
    );
    expect(j.plan.map((c: any) => [c.worker, c.stake])).toEqual([
      [keys[0], views[0].smin],
      [keys[1], views[1].smax],
      [keys[2], String(6000n * PLANCK_PER_PHA)],
    ]);
    writeFileSync(file, `${keys[1]}: smax\n`);
    const missing = await alice(['worker', 'start', '-p', pid, '--all', '--stake-file', file]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `worker ${keys[0]}: the stake file names no stake for it and has no default`,
    );
    expect(await nonceOf(chain, chain.accounts.alice.address)).toBe(before);
  });

  test('starts every Ready worker with --all as one batch; then there is nothing to do', async ({
    quiet: alice,
    owned,
  }) => {
    const { pid, keys, workers } = owned;
    const r = await alice(['worker', 'start', '-p', pid, '--all', '--stake', '5000', '--json']);
    expect(r.code).toBe(0);
    expect(json(r)).toMatchObject({
      operations: ['startMining', 'startMining', 'startMining'],
      workers: keys,
      stakes: Object.fromEntries(keys.map((k) => [k, String(5000n * PLANCK_PER_PHA)])),
    });
    const ws = await workers();
    expect(ws.map((w) => [w.state, w.stake])).toEqual(
      keys.map(() => ['Mining', String(5000n * PLANCK_PER_PHA)]),
    );
    const again = await alice(['worker', 'start', '-p', pid, '--all', '--stake', '5000']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`nothing to do: no Ready worker in pool ${pid}\n`);
  });

  test('restarts a worker only with more stake', async ({ quiet: alice, owned }) => {
    const { pid, keys, workers } = owned;
    const lower = await alice(['worker', 'restart', '-p', pid, keys[0]!, '--stake', '4800']);
    expect(lower.code).toBe(3);
    expect(lower.stderr).toContain(
      'a restart needs more stake than the worker has: stake 4,800 PHA ≤ current 5,000 PHA [RestartStakeNotHigher]',
    );
    const r = await alice(['worker', 'restart', '-p', pid, keys[0]!, '--stake', '6000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✓ restarted 1 worker\(s\) in pool \d+ \(6,000 PHA each\) — block #\d+/);
    expect((await workers()).find((w) => w.pubkey === keys[0])!.stake).toBe(String(6000n * PLANCK_PER_PHA));
  });

  test('claims the rewards of mining workers, owner part alone or all to another account', async ({
    chain,
    quiet: alice,
    owned,
  }) => {
    const { pid } = owned;
    await chain.settle();
    await chain.newBlocks(3);
    await chain.settle();
    const stake = json(await alice(['stake', 'show', pid, '--json']));
    expect(BigInt(stake.ownerReward)).toBeGreaterThan(0n);
    expect(BigInt(stake.claimableRewards)).toBeGreaterThan(0n);
    const owner = await alice(['pool', 'claim', pid, '--only', 'owner', '--json']);
    expect(owner.code).toBe(0);
    expect(BigInt(json(owner).claimed)).toBe(BigInt(stake.ownerReward));
    const dave = chain.accounts.dave.address;
    const before = await chain.balanceOf(dave);
    const all = await alice(['pool', 'claim', pid, '--to', dave]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(
      new RegExp(`^✓ claimed [\\d,.]+ PHA from pool ${pid} to ${dave} — block #\\d+`),
    );
    expect(await chain.balanceOf(dave)).toBeGreaterThan(before);
    expect((await alice(['pool', 'claim', pid, '--only', 'nobody'])).code).toBe(2);
  });

  test('queues a withdrawal the free stake cannot cover and shows its countdown', async ({
    quiet: alice,
    owned,
  }) => {
    const { pid } = owned;
    // 100,000 staked, 16,000 held by the workers: --dry-run predicts the split the chain makes
    const dry = await alice(['--dry-run', 'pool', 'withdraw', pid, '--all']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/paid now 84,000 PHA \(84,000 shares\) from pool \d+'s free stake/);
    expect(dry.stdout).toMatch(/queued 16,000 shares \(≈ 16,000 PHA\): paid as free stake appears/);
    const r = await alice(['pool', 'withdraw', pid, '--all']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^✓ withdrew 84,000 PHA \(84,000 shares\) from pool \d+'s free stake; queued 16,000 shares/,
    );
    const stake = await alice(['stake', 'show', pid]);
    expect(stake.stdout).toMatch(/Queued withdrawal\s+16,000 shares \(16,000 PHA\)/);
    expect(stake.stdout).toMatch(/Countdown\s+(7 d|6 d 23 h)/);
    const show = await alice(['pool', 'show', pid]);
    expect(show.stdout).toMatch(/Withdraw queue \(1\)\nSTAKER\s+SHARES\s+VALUE\s+COUNTDOWN\s+LATEST PAYOUT/);
  });

  test('stops all, cannot reclaim before the cooldown, reclaims after it, removes', async ({
    chain,
    quiet: alice,
    owned,
  }) => {
    const { pid, keys, workers } = owned;
    const stop = await alice(['worker', 'stop', '-p', pid, '--all']);
    expect(stop.code).toBe(0);
    expect(stop.stdout).toMatch(/^✓ stopped 3 worker\(s\)/);
    await chain.timeTravel({ hours: 1 });
    const list = await alice(['worker', 'list', '-p', pid]);
    for (const k of keys)
      expect(list.stdout).toMatch(new RegExp(`${k}\\s+CoolingDown\\s+[\\d,.]+ PHA.*6 d 23 h$`, 'm'));

    const early = await alice(['worker', 'reclaim', '-p', pid, keys[1]!]);
    expect(early.code).toBe(3);
    expect(early.stderr).toMatch(
      /can be reclaimed only after its cooldown: 0x[0-9a-f]{64} cools down for 6 d 23 h more \(reclaimable at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\) \[CooldownNotOver\]/,
    );
    const none = await alice(['worker', 'reclaim', '-p', pid, '--all']);
    expect(none).toMatchObject({ code: 0, stdout: `nothing to do: no reclaimable worker in pool ${pid}\n` });

    await chain.timeTravel({ days: 7 });
    const reclaim = await alice(['worker', 'reclaim', '-p', pid, '--all', '--json']);
    expect(reclaim.code).toBe(0);
    expect(json(reclaim).operations).toEqual(['reclaimWorker', 'reclaimWorker', 'reclaimWorker']);
    expect((await workers()).map((w) => w.state)).toEqual(['Ready', 'Ready', 'Ready']);

    const rm = await alice(['worker', 'remove', '-p', pid, keys[0]!, keys[1]!]);
    expect(rm.code).toBe(0);
    expect((await workers()).map((w) => w.pubkey)).toEqual([keys[2]]);
    const notIn = await alice(['worker', 'stop', '-p', pid, keys[0]!]);
    expect(notIn.code).toBe(3);
    expect(notIn.stderr).toContain(`[WorkerNotInPool]`);
  });

  test('exits 4 when the chain itself refuses a transaction that passed the checks', async ({
    chain,
    quiet: alice,
  }) => {
    // two stakers race for the same cap gap: each passes the checks against the same state, the block takes one
    const cid = json(await alice(['pool', 'create', '--json'])).pid;
    expect((await alice(['pool', 'set-cap', cid, '1000'])).code).toBe(0);
    await chain.rpc('dev_setBlockBuildMode', ['manual']);
    try {
      const pending = async (n: number) => {
        for (let i = 0; i < 600; i++) {
          if ((await chain.api.rpc.author.pendingExtrinsics()).length >= n) return;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error('transaction not in the pool');
      };
      const first = on(
        chain,
        '--account',
        'bob',
        '--wait-for',
        'inBlock',
      )(['pool', 'contribute', cid, '800']);
      await pending(1);
      const second = on(
        chain,
        '--account',
        'charlie',
        '--wait-for',
        'inBlock',
        '--json',
      )(['pool', 'contribute', cid, '800']);
      await pending(2);
      await chain.newBlocks(1);
      const [a, b] = await Promise.all([first, second]);
      expect(a.code).toBe(0);
      expect(b.code).toBe(4);
      expect(JSON.parse(b.stderr)).toMatchObject({
        error: { code: 'PalletError', class: 'onChain', exitCode: 4, section: 'phalaStakePool' },
      });
    } finally {
      await chain.rpc('dev_setBlockBuildMode', ['instant']);
    }
  });
});
