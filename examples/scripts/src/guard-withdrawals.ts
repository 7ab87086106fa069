/**
 * The withdrawal guardian rescues a pool, narrated:
 *
 *   pnpm tsx examples/scripts/src/guard-withdrawals.ts                          # embedded dev chain
 *   pnpm tsx examples/scripts/src/guard-withdrawals.ts --endpoint ws://127.0.0.1:9944
 *
 * Two identical pools get the same withdrawal request, larger than their free stake. One is left alone: at the
 * deadline the chain stops every worker. The other is guarded: the guardian predicts the forced stop, stops the
 * two workers that cost the least reward, the rest keep mining, and after the cooldown a reclaim pays the queue.
 */
import { type MiningClient, miningShare, pha, rewardPerDay, type WithdrawalRisk } from '@phala-mining/core';
import { ensureMiningEnabled } from './lib/fixtures.js';
import { amount, date, duration, short } from './lib/format.js';
import { Narrator, type Write } from './lib/narrator.js';
import { endpointArg, isEntry } from './lib/run.js';
import { openSession, type Session } from './lib/session.js';

export interface GuardOptions {
  /** a dev chain to run on; default: an embedded one */
  endpoint?: string;
  /** where the story goes; default stdout */
  write?: Write;
}

/** What happened, for tests and scripts. */
export interface GuardOutcome {
  guarded: bigint;
  unguarded: bigint;
  /** the guardian's prediction for the unguarded pool, and what the chain did */
  predictedStop: boolean;
  unguardedStates: string[];
  /** the plan's workers, and the guarded pool's worker states after the deadline */
  stopped: string[];
  guardedStates: string[];
  /** the guarded pool's queue after the reclaim (0: paid) */
  queueAfterReclaim: number;
}

const STAKES = ['2500', '3000', '4000', '6000'];
const REQUEST = '5500';
const STEPS = 5;

async function miningPool(session: Session): Promise<{ pid: bigint; workers: string[] }> {
  const { client, chain, accounts } = session;
  const { alice, bob } = accounts;
  const { value: pid } = await client.createPool().send(alice);
  const workers: string[] = [];
  for (const _ of STAKES) workers.push(await chain.registerWorker({ operator: alice, score: 400, cores: 4 }));
  const total = STAKES.reduce((a, s) => a + pha(s), 0n);
  await workers.reduce((op, w) => op.addWorker(w), client.pool(pid)).send(alice);
  await client.pool(pid).contribute(total).send(bob);
  await workers.reduce((op, w, i) => op.startMining(w, pha(STAKES[i]!)), client.pool(pid)).send(alice);
  return { pid, workers };
}

async function states(client: MiningClient, pid: bigint): Promise<string[]> {
  return (await client.guardianSnapshot(pid)).workers.map((w) => w.state);
}

function riskLine(risk: WithdrawalRisk): string {
  if (!risk.atRisk) return 'not at risk: free + releasing stake covers every queued request.';
  return `AT RISK: ${amount(risk.shortfall)} short; every worker stops at the first block after ${date(risk.deadline!)} (in ${duration(risk.timeLeft!)}).`;
}

export async function runGuard(options: GuardOptions = {}): Promise<GuardOutcome> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const n = new Narrator(write, STEPS);
  const session = await openSession(options.endpoint);
  const { client, chain, accounts } = session;
  const { alice, bob, charlie } = accounts;
  try {
    n.title('Phala mining: the withdrawal guardian keeps a pool mining through a large withdrawal');
    if (await ensureMiningEnabled(session))
      n.say("Dev chain setup: the stake pool's mining switch is now on.");
    await chain.fund(bob, (await chain.balanceOf(bob)) + 2n * STAKES.reduce((a, s) => a + pha(s), 0n));

    n.heading('Two identical pools, every PHA of them mining');
    const guarded = await miningPool(session);
    const unguarded = await miningPool(session);
    n.say(
      `Pools #${guarded.pid} (guarded) and #${unguarded.pid} (left alone): Alice's, each with four workers staked`,
    );
    n.say(`${STAKES.map((s) => `${s}`).join(' / ')} PHA by Bob; no free stake is left in either.`);

    n.heading(`Bob asks for ${REQUEST} PHA back from both`);
    for (const { pid } of [guarded, unguarded])
      await n.tx(
        `Bob withdraws ${REQUEST} PHA from pool #${pid}`,
        client
          .pool(pid)
          .withdraw({ amount: pha(REQUEST) })
          .send(bob),
      );
    const risk = await client.withdrawalRisk(unguarded.pid);
    n.say(
      "Nothing is free, so the whole amount waits in the queue. The guardian reads the chain's own rule:",
    );
    n.say(riskLine(risk));

    n.heading('The guardian plans the stops that cost the least reward');
    const plan = await client.planWithdrawalCover(guarded.pid);
    const snapshot = await client.guardianSnapshot(guarded.pid);
    const fewest = await client.planWithdrawalCover(guarded.pid, { strategy: 'fewest' });
    // each worker's expected reward, as the plan weighs it: its share of the pool's mining share
    const share = snapshot.workers.reduce((a, w) => a + (w.state === 'Mining' ? miningShare(w) : 0n), 0n);
    n.table(
      ['Worker', 'Stake', 'Reward/day', 'Plan'],
      snapshot.workers.map((w) => [
        short(w.pubkey),
        amount(w.stake),
        amount(rewardPerDay(w, share, snapshot.tokenomics)),
        plan.stops.some((s) => s.worker === w.pubkey) ? 'stop' : 'keeps mining',
      ]),
    );
    n.say(
      `Least reward: stop ${plan.stops.length} worker(s), ${amount(plan.freed)} to releasing stake for ${amount(plan.target)} short, ` +
        `${amount(plan.rewardLostPerDay)}/day forgone (the fewest-workers plan would forgo ${amount(fewest.rewardLostPerDay)}/day).`,
    );
    await n.tx(`Alice sends the plan (one batch of ${plan.stops.length} stops)`, plan.operation!.send(alice));
    n.say(`Pool #${guarded.pid}: ${riskLine(await client.withdrawalRisk(guarded.pid))}`);

    n.heading('The deadline passes');
    await chain.timeTravel(new Date(Number(risk.deadline! + 6n) * 1000));
    const unguardedStates = await states(client, unguarded.pid);
    const guardedStates = await states(client, guarded.pid);
    n.say(
      `Pool #${unguarded.pid}, left alone: ${unguardedStates.join(', ')} — the chain stopped every worker, as predicted.`,
    );
    n.say(`Pool #${guarded.pid}, guarded: ${guardedStates.join(', ')} — only the plan's workers cool down.`);

    n.heading('7 days of cooldown later, anyone reclaims');
    const end = (await client.guardianSnapshot(guarded.pid)).workers.find((w) => w.cooldownEnd !== undefined)!
      .cooldownEnd!;
    await chain.timeTravel(new Date(Number(end) * 1000));
    const ready = await client.reclaimable(guarded.pid);
    n.say(
      `Reclaimable in pool #${guarded.pid}: ${ready.map((r) => `${short(r.worker)} (${amount(r.stake)})`).join(', ')}.`,
    );
    await n.tx(
      'Charlie reclaims them (no owner needed)',
      ready.reduce((op, r) => op.reclaimWorker(r.worker), client.pool(guarded.pid)).send(charlie),
    );
    const after = await client.guardianSnapshot(guarded.pid);
    n.say(`Bob's request is paid: ${after.pool.withdrawQueue.length} request(s) left in the queue.`);

    n.title('Done');
    n.say(
      `Guarded: ${after.workers.filter((w) => w.state === 'Mining').length} of 4 workers mined on throughout; ` +
        `left alone: 0 of 4, and all its stake sits out a 7-day cooldown.`,
    );
    return {
      guarded: guarded.pid,
      unguarded: unguarded.pid,
      predictedStop: risk.atRisk,
      unguardedStates,
      stopped: plan.stops.map((s) => s.worker),
      guardedStates,
      queueAfterReclaim: after.pool.withdrawQueue.length,
    };
  } finally {
    await session.close();
  }
}

if (isEntry(import.meta.url)) {
  runGuard({ endpoint: endpointArg() }).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
