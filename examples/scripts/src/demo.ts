/**
 * The whole life of a stake pool in one command, narrated:
 *
 *   pnpm demo                               # on an embedded dev chain
 *   pnpm demo --endpoint ws://127.0.0.1:9944   # on a running `pnpm devchain`
 *
 * create → 20 % payout → cap → two workers → two stakers → mining → rewards → claims → stop → queued withdrawal
 * → 7 days → reclaim pays the queue → remove.
 */
import { type MiningClient, pha, type WorkerView } from '@phala-mining/core';
import { BLOCKS_PER_ROUND, earnRewards, ensureMiningEnabled } from './lib/fixtures.js';
import { amount, date, duration, percent, shares, short } from './lib/format.js';
import { Narrator, type Write } from './lib/narrator.js';
import { endpointArg, isEntry } from './lib/run.js';
import { openSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface DemoOptions {
  /** a dev chain to run on; default: an embedded one */
  endpoint?: string;
  /** where the story goes; default stdout */
  write?: Write;
}

/** What the demo did, for tests and for anyone scripting it. */
export interface DemoOutcome {
  pid: bigint;
  workers: string[];
  /** Σ worker total rewards when the rewards were claimed */
  mined: bigint;
  ownerClaimed: bigint;
  stakerClaimed: bigint;
  /** Charlie's withdrawal: paid at once, and queued until the reclaim */
  withdrawnNow: bigint;
  queued: bigint;
  /** the queue after the reclaim (empty: paid) */
  queueAfterReclaim: number;
  workersAtEnd: { pubkey: string; state: string }[];
}

const STEPS = 13;

export async function runDemo(options: DemoOptions = {}): Promise<DemoOutcome> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const n = new Narrator(write, STEPS);
  const session = await openSession(options.endpoint);
  const { client, chain, accounts } = session;
  const { alice, bob, charlie } = accounts;
  const name = (address: string) =>
    Object.values(accounts)
      .find((a) => a.address === address)
      ?.meta.name?.toString()
      .replace(/^./, (c) => c.toUpperCase()) ?? short(address);

  try {
    n.title(
      `Phala mining: a stake pool's whole life, on ${options.endpoint ? `the dev chain at ${chain.endpoint}` : `an embedded dev chain (${chain.endpoint})`}`,
    );
    n.say('Alice owns the pool and operates its workers; Bob and Charlie stake in it. Amounts are PHA.');
    // before anyone's first transaction, so the SDK's nonce tracking starts after this sudo call
    if (await ensureMiningEnabled(session)) {
      n.say(
        "Dev chain setup: Alice, the sudo key, switched the stake pool's mining on (stopping a worker needs it).",
      );
    }

    // ── 1. create ────────────────────────────────────────────────────────────────────────────────────────────────
    n.heading('Create a stake pool');
    const { value: pid } = await n.tx('Alice creates a stake pool', client.createPool().send(alice));
    n.say(`Pool #${pid} is listed in Alice's Stakepool list (payout 0 %, cap unlimited).`);

    // ── 2–3. settings ────────────────────────────────────────────────────────────────────────────────────────────
    n.heading('Set the payout to 20 %');
    await n.tx('Alice sets the payout', client.pool(pid).setPayout(20).send(alice));
    const configured = await until(client.pool$(pid), (p) => p?.commission === 200_000);
    n.say(
      `Commission: ${percent(configured!.commission)} of every reward goes to the owner, the rest to the stakers.`,
    );

    n.heading('Set the staking capacity');
    const cap = pha('100000');
    await n.tx(`Alice caps the pool at ${amount(cap)}`, client.pool(pid).setCap(cap).send(alice));
    n.say(`Cap: ${amount(cap)}; stakers may add up to that much ("Pool Cap Gap").`);

    // ── 4. workers ───────────────────────────────────────────────────────────────────────────────────────────────
    n.heading('Register and add two workers');
    // on a real network these keys come from synced pRuntimes; the dev chain simulates them
    const w1 = await chain.registerWorker({ operator: alice, score: 2000, cores: 4 });
    const w2 = await chain.registerWorker({ operator: alice, score: 2500, cores: 8 });
    n.say(
      `Registered worker ${short(w1)} (4 cores, score 2000) and ${short(w2)} (8 cores, score 2500) with Alice as operator.`,
    );
    await n.tx(
      'Alice adds both workers (one batch)',
      client.pool(pid).addWorker(w1).addWorker(w2).send(alice),
    );
    const added = await until(
      client.workers$(pid),
      (ws) => ws.length === 2 && ws.every((w) => w.smin !== undefined),
    );
    workerTable(n, added);

    // ── 5. stake ─────────────────────────────────────────────────────────────────────────────────────────────────
    n.heading('Bob and Charlie contribute');
    await n.tx(
      `Bob contributes ${amount(pha('15000'))}`,
      client.pool(pid).contribute(pha('15000')).send(bob),
    );
    await n.tx(
      `Charlie contributes ${amount(pha('10000'))}`,
      client.pool(pid).contribute(pha('10000')).send(charlie),
    );
    const funded = (await until(client.pool$(pid), (p) => p?.totalStake === pha('25000')))!;
    n.say(
      `Total Shares ${amount(funded.totalShares)}, Free Stake ${amount(funded.freeStake)}, cap gap ${amount(cap - funded.totalStake)}.`,
    );

    // ── 6. mining ────────────────────────────────────────────────────────────────────────────────────────────────
    n.heading('Start mining both workers');
    const stakes = new Map<string, bigint>();
    for (const w of added) {
      // 10 000 PHA each where the worker allows it: Smin ≤ stake ≤ Smax
      const stake = clamp(pha('10000'), w.smin!, w.smax ?? w.smin!);
      stakes.set(w.pubkey, stake);
      n.say(`${short(w.pubkey)}: Smin ${amount(w.smin!)} ≤ stake ${amount(stake)} ≤ Smax ${amount(w.smax!)}`);
    }
    await n.tx(
      'Alice starts both',
      client.pool(pid).startMining(w1, stakes.get(w1)!).startMining(w2, stakes.get(w2)!).send(alice),
    );
    for (const w of [w1, w2]) await chain.setWorkerOnline(w, true);
    const mining = await until(client.workers$(pid), (ws) => ws.every((w) => w.state === 'Mining'));
    workerTable(n, mining);
    const afterStart = (await until(client.pool$(pid)))!;
    n.say(`Free Stake left in the pool: ${amount(afterStart.freeStake)}.`);

    // ── 7. rewards ───────────────────────────────────────────────────────────────────────────────────────────────
    n.heading('Rewards accrue');
    n.say(`Every round ${BLOCKS_PER_ROUND} blocks are mined, then the gatekeeper settles the workers;`);
    n.say('each payout is split 20 % to the owner, 80 % to the stakers by their shares.');
    let minedSoFar = 0n;
    for (let round = 1; round <= 3; round++) {
      await earnRewards(session, 1);
      // wait for this round's payout to reach the state subscriptions, not the previous round's numbers
      const ws = await until(client.workers$(pid), (list) => totalMined(list) > minedSoFar);
      minedSoFar = totalMined(ws);
      const [pool, bobStake, charlieStake] = await Promise.all([
        until(client.pool$(pid)),
        until(client.stake$(pid, bob.address)),
        until(client.stake$(pid, charlie.address)),
      ]);
      n.say(
        `round ${round}: mined ${amount(minedSoFar)} in all · Owner Reward ${amount(pool!.ownerReward)} · ` +
          `Bob ${amount(bobStake!.claimableRewards)} · Charlie ${amount(charlieStake!.claimableRewards)}`,
      );
    }
    const mined = totalMined(await until(client.workers$(pid)));

    // ── 8. claims ────────────────────────────────────────────────────────────────────────────────────────────────
    n.heading('Claim the owner and staker rewards');
    const { value: ownerClaimed } = await n.tx(
      'Alice claims the Owner Reward',
      client.pool(pid).claim('owner').send(alice),
    );
    n.say(`Alice received ${amount(ownerClaimed)}.`);
    const bobBefore = await chain.balanceOf(bob);
    const { value: stakerClaimed } = await n.tx(
      'Bob claims his Staker Reward',
      client.pool(pid).claim('staker').send(bob),
    );
    n.say(
      `Bob received ${amount(stakerClaimed)}; his balance grew by ${amount((await chain.balanceOf(bob)) - bobBefore)} after the fee.`,
    );

    // ── 9. stop ──────────────────────────────────────────────────────────────────────────────────────────────────
    n.heading('Stop a worker');
    await n.tx(`Alice stops ${short(w2)}`, client.pool(pid).stopMining(w2).send(alice));
    const cooling = await until(
      client.workers$(pid),
      (ws) => ws.find((w) => w.pubkey === w2)?.state === 'CoolingDown',
    );
    const stopped = cooling.find((w) => w.pubkey === w2)!;
    const releasing = (await until(client.pool$(pid), (p) => (p?.releasingStake ?? 0n) > 0n))!;
    n.say(
      `${short(w2)} is CoolingDown until ${date(stopped.cooldownEnd!)} (${duration(stopped.cooldownRemaining!)} left).`,
    );
    n.say(`Releasing Stake ${amount(releasing.releasingStake)}; Free Stake ${amount(releasing.freeStake)}.`);

    // ── 10. withdraw ─────────────────────────────────────────────────────────────────────────────────────────────
    // Asked for after the stop: the queue's 7-day grace period then ends no earlier than the cooldown, so the
    // reclaim pays it in time. Asked for first, the grace period would run out a block before the reclaim and
    // the chain would force every other worker of the pool to stop.
    n.heading('Charlie withdraws more than is free');
    const charlieLocked = (await until(client.stake$(pid, charlie.address)))!.locked;
    n.say(
      `Charlie asks for all his ${amount(charlieLocked)}; the pool has ${amount(releasing.freeStake)} free.`,
    );
    await n.tx('Charlie withdraws everything', client.pool(pid).withdraw({ all: true }).send(charlie));
    const queuedStake = (await until(
      client.stake$(pid, charlie.address),
      (s) => s?.queuedWithdrawal !== undefined,
    ))!;
    const request = queuedStake.queuedWithdrawal!;
    const withdrawnNow = charlieLocked - queuedStake.locked;
    n.say(
      `Paid at once: ${amount(withdrawnNow)}. Queued: ${amount(request.value)} (${shares(request.shares)} shares).`,
    );
    const queue = await until(client.withdrawQueue$(pid), (q) => q.length > 0);
    n.table(
      ['Withdraw Queue', 'Shares', 'Countdown', 'Deadline'],
      queue.map((q) => [name(q.user), shares(q.shares), duration(q.countdown), date(q.deadline)]),
    );
    n.say('If shares are still queued when the countdown ends, every worker of the pool is stopped.');

    // ── 11. time ─────────────────────────────────────────────────────────────────────────────────────────────────
    n.heading('7 days pass');
    const arrived = await chain.timeTravel(new Date(Number(stopped.cooldownEnd!) * 1000));
    const ready = await until(
      client.workers$(pid),
      (ws) => ws.find((w) => w.pubkey === w2)?.reclaimable === true,
    );
    const [countdown] = await until(
      client.withdrawQueue$(pid),
      (q) => q.length === 0 || q[0]!.countdown < request.countdown,
    );
    n.say(`The chain's clock is now ${date(BigInt(Math.floor(arrived.getTime() / 1000)))}.`);
    n.say(
      `${short(w2)}: cooldown over (${duration(ready.find((w) => w.pubkey === w2)!.cooldownRemaining!)} left), ready to reclaim.`,
    );
    if (countdown) n.say(`Charlie's request: ${duration(countdown.countdown)} left on its countdown.`);

    // ── 12. reclaim ──────────────────────────────────────────────────────────────────────────────────────────────
    n.heading('Reclaim the worker: its stake pays the queue');
    const charlieBefore = (await until(client.balance$(charlie.address))).lockedByPools;
    await n.tx(`Alice reclaims ${short(w2)}`, client.pool(pid).reclaimWorker(w2).send(alice));
    const paid = await until(client.withdrawQueue$(pid), (q) => q.length === 0);
    const charlieAfter = await until(
      client.balance$(charlie.address),
      (b) => b.lockedByPools < charlieBefore,
    );
    n.say(
      `Withdraw Queue: ${paid.length === 0 ? 'empty — Charlie was paid' : `${paid.length} left`}; his stake lock went from ${amount(charlieBefore)} to ${amount(charlieAfter.lockedByPools)}.`,
    );
    const reclaimed = (await until(client.pool$(pid), (p) => p?.releasingStake === 0n))!;
    n.say(
      `Pool: Total Stake ${amount(reclaimed.totalStake)}, Free Stake ${amount(reclaimed.freeStake)}, Releasing ${amount(reclaimed.releasingStake)}.`,
    );

    // ── 13. remove ───────────────────────────────────────────────────────────────────────────────────────────────
    n.heading('Remove the worker');
    await n.tx(`Alice removes ${short(w2)}`, client.pool(pid).removeWorker(w2).send(alice));
    const left = await until(client.workers$(pid), (ws) => ws.length === 1);
    workerTable(n, left);

    const overview = await until(client.overview$(alice.address), (o) =>
      o.pools.some((p) => p.pool.pid === pid),
    );
    const t = overview.totals;
    n.title('Done');
    n.say(
      `Alice manages ${t.pools} pool(s) with ${t.workers} worker(s) (${t.workersByState.Mining} mining); ` +
        `${amount(t.totalStake)} staked, ${amount(t.totalMined)} mined in all.`,
    );
    return {
      pid,
      workers: [w1, w2],
      mined,
      ownerClaimed,
      stakerClaimed,
      withdrawnNow,
      queued: request.value,
      queueAfterReclaim: paid.length,
      workersAtEnd: left.map((w) => ({ pubkey: w.pubkey, state: w.state })),
    };
  } finally {
    await session.close();
  }
}

function workerTable(n: Narrator, workers: readonly WorkerView[]): void {
  n.table(
    ['Worker', 'Cores', 'State', 'Stake', 'Total Reward'],
    workers.map((w) => [
      short(w.pubkey),
      String(w.cores ?? '?'),
      w.state,
      amount(w.stake),
      amount(w.totalReward),
    ]),
  );
}

function totalMined(workers: readonly WorkerView[]): bigint {
  return workers.reduce((sum, w) => sum + w.totalReward, 0n);
}

function clamp(value: bigint, min: bigint, max: bigint): bigint {
  return value < min ? min : value > max ? max : value;
}

/** Exported for the type checker only: the client the demo drives. */
export type { MiningClient };

if (isEntry(import.meta.url)) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(
      'usage: pnpm demo [--endpoint ws://127.0.0.1:9944]\n\nWithout --endpoint the demo starts its own dev chain.',
    );
    process.exit(0);
  }
  runDemo({ endpoint: endpointArg() }).then(
    () => process.exit(0),
    (error: unknown) => {
      const code = (error as { code?: unknown }).code;
      console.error(
        `\ndemo failed${typeof code === 'string' ? ` [${code}]` : ''}: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exit(1);
    },
  );
}
