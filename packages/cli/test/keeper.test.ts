import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevChain, startDevChain } from '@phala-mining/devchain';
import { createTestChain, type TestChain } from '@phala-mining/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minerStates, miningPool, queueWithdrawal, travelTo } from './guardianPool.js';
import { BIN, nonceOf, on } from './helpers.js';

const GRACE = 604_800n;
let dir: string;
let chain: TestChain;
let restarted: DevChain | undefined;
let after: TestChain | undefined;
let keeper: ChildProcess | undefined;

// Not the testing package's chain fixture: the reconnect test stops this chain and starts a node again from its
// state file on the same port, so the file owns the chain's lifetime itself.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-keeper-'));
  chain = await createTestChain({ devchain: { stateFile: join(dir, 'chain.json') } });
  await chain.setMiningEnabled(true);
});
afterAll(async () => {
  keeper?.kill('SIGKILL');
  await after?.close().catch(() => undefined);
  await chain?.close().catch(() => undefined);
  await restarted?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A long-running `phala-mining` child whose JSON lines are collected as they come. */
function background(args: string[]): { child: ChildProcess; lines: any[]; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: any[] = [];
  let buffer = '';
  let err = '';
  child.stdout!.on('data', (d) => {
    buffer += d;
    let i = buffer.indexOf('\n');
    while (i >= 0) {
      lines.push(JSON.parse(buffer.slice(0, i)));
      buffer = buffer.slice(i + 1);
      i = buffer.indexOf('\n');
    }
  });
  child.stderr!.on('data', (d) => (err += d));
  child.stdin!.end();
  return { child, lines, stderr: () => err };
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('phala-mining keeper', () => {
  it('dry by default: says what it would do once, sends nothing', async () => {
    const { pid } = await miningPool(chain, [3000n, 4000n]);
    await queueWithdrawal(chain, pid, 2000n);
    const before = await nonceOf(chain, chain.accounts.alice.address);
    const r = await on(
      chain,
      '--account',
      'alice',
    )(['keeper', '--pools', String(pid), '--once', '--margin', '8d']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`pool ${pid} would stop 0x.* \\(dry: --apply to send\\)`));
    expect(await nonceOf(chain, chain.accounts.alice.address)).toBe(before);
    // nothing due within 6 h: nothing to say
    const quiet = await on(chain, '--account', 'alice')(['keeper', '--pools', String(pid), '--once']);
    expect(quiet.stdout).toBe('');
  });

  it('--once --apply --claim-above claims the owner reward to --claim-to, and not below the threshold', async () => {
    const api = chain.api as any;
    const { pid, workers } = await miningPool(chain, [3000n]);
    await chain.sendTx(api.tx.phalaStakePool.setPayoutPref(pid, 500_000), chain.accounts.alice);
    await chain.setWorkerOnline(workers[0]!, true);
    for (let i = 0; i < 3; i++) {
      await chain.newBlocks(10);
      await chain.settle();
    }
    const reward = BigInt((await api.query.phalaStakePool.stakePools(pid)).unwrap().ownerReward.toString());
    expect(reward).toBeGreaterThan(0n);
    const keeper = on(chain, '--account', 'alice', '--wait-for', 'inBlock');
    const dave = chain.accounts.dave.address;
    const high = await keeper([
      'keeper',
      '--pools',
      String(pid),
      '--once',
      '--apply',
      '--claim-above',
      '1000000',
      '--claim-to',
      dave,
    ]);
    expect([high.code, high.stdout]).toEqual([0, '']);
    const before = await chain.balanceOf(dave);
    const r = await keeper([
      'keeper',
      '--pools',
      String(pid),
      '--once',
      '--apply',
      '--claim-above',
      '0.000001',
      '--claim-to',
      dave,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`pool ${pid} claim .* to ${dave}: in block #\\d+`));
    expect((await chain.balanceOf(dave)) - before).toBeGreaterThanOrEqual(reward);
    expect(BigInt((await api.query.phalaStakePool.stakePools(pid)).unwrap().ownerReward.toString())).toBe(0n);
  });

  it('covers in time, survives a node restart, sends the plan once, reclaims after the cooldown and the queue is paid', async () => {
    const { pid, workers } = await miningPool(chain, [2500n, 3000n, 4000n, 6000n]);
    const start = await queueWithdrawal(chain, pid, 5500n);
    const port = chain.devchain!.port;
    const k = background([
      '--endpoint',
      chain.endpoint,
      '--account',
      'alice',
      '--json',
      '--wait-for',
      'inBlock',
      'keeper',
      '--pools',
      String(pid),
      '--apply',
      '--margin',
      '8d',
    ]);
    keeper = k.child;
    const stopped = await waitFor('the stop in a block', () =>
      k.lines.find((l) => l.action === 'stop' && l.stage === 'inBlock'),
    );
    const planned: string[] = stopped.workers;
    expect(planned.length).toBeGreaterThan(0);
    expect(await minerStates(chain, workers)).toEqual(
      workers.map((w) => (planned.includes(w) ? 'MiningCoolingDown' : 'MiningIdle')),
    );

    // the node goes away and comes back from its state file on the same port
    await chain.devchain!.close();
    await waitFor('the keeper to notice', () =>
      k.lines.find((l) => l.action === 'connection' && l.stage === 'reconnecting'),
    );
    restarted = await startDevChain({ port, stateFile: join(dir, 'chain.json') });
    after = await createTestChain({ endpoint: `ws://127.0.0.1:${port}` });
    await waitFor('the keeper to reconnect', () =>
      k.lines.find((l) => l.action === 'connection' && l.stage === 'connected'),
    );

    await travelTo(after, start + GRACE + 6n);
    expect(await minerStates(after, workers)).toEqual(
      workers.map((w) => (planned.includes(w) ? 'MiningCoolingDown' : 'MiningIdle')),
    );
    // after the cooldown the keeper reclaims (any signer may) and the reclaim pays the queue
    await after.timeTravel({ days: 7 });
    await waitFor('the reclaim in a block', () =>
      k.lines.find((l) => l.action === 'reclaim' && l.stage === 'inBlock'),
    );
    const pool = (await (after.api.query as any).phalaStakePool.stakePools(pid)).unwrap();
    expect(pool.withdrawQueue.length).toBe(0);
    expect(await minerStates(after, workers)).toEqual(
      workers.map((w) => (planned.includes(w) ? 'Ready' : 'MiningIdle')),
    );
    // never twice: one signed stop, one signed reclaim
    expect(k.lines.filter((l) => l.action === 'stop' && l.stage === 'signed')).toHaveLength(1);
    expect(k.lines.filter((l) => l.action === 'reclaim' && l.stage === 'signed')).toHaveLength(1);

    k.child.kill('SIGTERM');
    const code = await new Promise((r) => k.child.on('close', r));
    expect(code).toBe(0);
    // @polkadot/api notes the drop on stderr itself; the keeper reported no failure of its own
    expect(k.stderr()).not.toMatch(/phala-mining|failed/);
    expect(k.lines.filter((l) => l.stage === 'failed')).toEqual([]);
  });
});
