import {
  type GuardianSnapshot,
  type MiningClient,
  type OperationChain,
  planCover,
  reclaimableWorkers,
  sameAccount,
  type TxStage,
  withOperation,
} from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Codec } from '@polkadot/types/types';
import { Command, Option } from 'commander';
import { distinctUntilChanged, map, type Observable, skip } from 'rxjs';
import { parseAccount, parseAmount, parsePid } from '../args.js';
import type { Action } from '../commands/action.js';
import { describeError, UsageError } from '../errors.js';
import { formatDuration, phaText, shortKey, toJson } from '../format.js';
import { stageText } from '../progress.js';
import type { Session } from '../session.js';
import { parseDuration, parseStrategy, STRATEGIES } from './guard.js';

interface KeeperOptions {
  pools?: string;
  owner?: string;
  apply?: boolean;
  claimAbove?: string;
  claimTo?: string;
  margin: string;
  strategy: string;
  once?: boolean;
}

/** What one evaluation decided to do for one pool. */
interface KeeperAction {
  /** identity of the action: the same key is never sent twice while the first is in flight */
  key: string;
  pid: bigint;
  kind: 'reclaim' | 'stop' | 'claim';
  /** human detail, e.g. the workers */
  detail: string;
  workers?: string[];
  amount?: bigint;
  build: () => OperationChain<unknown>;
}

/**
 * The keeper's decisions for one pool at one block (pure apart from building the operations): reclaim every worker
 * whose cooldown is over (anyone may), stop the cover plan's workers when a forced stop is due within the margin
 * (owner only), claim the owner reward above the threshold (owner only).
 */
export function keeperActions(
  client: MiningClient,
  snapshot: GuardianSnapshot,
  o: {
    margin: bigint;
    strategy: ReturnType<typeof parseStrategy>;
    signer: string | undefined;
    claimAbove?: bigint;
    claimTo?: string;
  },
): { actions: KeeperAction[]; notes: string[] } {
  const pid = snapshot.pool.pid;
  const actions: KeeperAction[] = [];
  const notes: string[] = [];
  const owner = o.signer !== undefined && sameAccount(snapshot.pool.owner, o.signer);
  const reclaim = reclaimableWorkers(snapshot).map((r) => r.worker);
  if (reclaim.length > 0)
    actions.push({
      key: `reclaim:${pid}:${reclaim.join(',')}`,
      pid,
      kind: 'reclaim',
      detail: reclaim.map((w) => shortKey(w)).join(' '),
      workers: reclaim,
      build: () => reclaim.reduce((op, w) => op.reclaimWorker(w), client.pool(pid)),
    });
  const plan = withOperation(planCover(snapshot, { strategy: o.strategy, horizon: o.margin }), (p) =>
    client.pool(p),
  );
  const { risk } = plan;
  if (risk.atRisk && risk.timeLeft! <= o.margin) {
    if (plan.problem !== undefined)
      notes.push(
        `pool ${pid} at risk in ${formatDuration(risk.timeLeft! > 0n ? risk.timeLeft! : 0n)}: ${plan.problem.message}`,
      );
    else if (!owner)
      notes.push(`pool ${pid} at risk in ${formatDuration(risk.timeLeft!)}: only its owner can stop workers`);
    else if (plan.operation !== undefined) {
      const op = plan.operation;
      const workers = plan.stops.map((s) => s.worker);
      actions.push({
        key: `stop:${pid}:${workers.join(',')}`,
        pid,
        kind: 'stop',
        detail: `${workers.map((w) => shortKey(w)).join(' ')} (${phaText(plan.freed)} for ${phaText(risk.shortfall)} short, due in ${formatDuration(risk.timeLeft!)})`,
        workers,
        amount: plan.freed,
        build: () => op,
      });
    }
  }
  if (
    o.claimAbove !== undefined &&
    owner &&
    snapshot.pool.ownerReward >= o.claimAbove &&
    snapshot.pool.ownerReward > 0n
  )
    actions.push({
      key: `claim:${pid}`,
      pid,
      kind: 'claim',
      detail: `${phaText(snapshot.pool.ownerReward)} to ${o.claimTo ?? o.signer}`,
      amount: snapshot.pool.ownerReward,
      build: () => client.pool(pid).claim('owner', o.claimTo),
    });
  return { actions, notes };
}

class KeeperLog {
  constructor(private readonly s: Session) {}
  line(fields: Record<string, unknown>, human: string): void {
    const at = new Date().toISOString();
    if (this.s.json) this.s.io.stdout.write(`${toJson({ at, ...fields })}\n`);
    else this.s.io.stdout.write(`${at} ${human}\n`);
  }
}

async function runKeeper(s: Session, o: KeeperOptions): Promise<void> {
  if (o.owner !== undefined && o.pools !== undefined)
    throw new UsageError('give --pools or --owner, not both');
  if (o.claimTo !== undefined && o.claimAbove === undefined)
    throw new UsageError('--claim-to goes with --claim-above');
  const margin = parseDuration('--margin', o.margin);
  const strategy = parseStrategy(o.strategy);
  const claimAbove = o.claimAbove === undefined ? undefined : parseAmount(o.claimAbove);
  const claimTo = o.claimTo === undefined ? undefined : parseAccount(o.claimTo, s.ss58);
  const pids = o.pools?.split(',').map((p) => parsePid(p.trim()));
  let owner = o.owner === undefined ? undefined : parseAccount(o.owner, s.ss58);
  const key = await s.key();
  if (o.apply && key === undefined)
    throw new UsageError("--apply needs a key (the pools' owner to stop workers; anyone to reclaim)");
  if (owner === undefined && pids === undefined) {
    if (!key) throw new UsageError('give --pools, --owner, or a key whose pools to keep');
    owner = key.address;
  }
  if (key?.dev) await s.signingKey(); // dev accounts only on a dev chain
  const client = await s.client();
  const log = new KeeperLog(s);
  const pair: KeyringPair | undefined = o.apply && key ? await key.unlock() : undefined;
  const inFlight = new Map<string, Promise<unknown>>();
  const said = new Map<string, string>(); // what was last printed per subject, so a lasting condition is said once
  const failures: unknown[] = [];

  const send = (a: KeeperAction) => {
    const submission = a.build().send(pair!, { waitFor: s.waitFor });
    const label = `pool ${a.pid} ${a.kind} ${a.detail}`;
    const sub = submission.subscribe({
      next: (stage: TxStage) => {
        const text = stage.stage === 'failed' ? `failed: ${describeError(stage.error)}` : stageText(stage);
        log.line(
          {
            pool: Number(a.pid),
            action: a.kind,
            workers: a.workers,
            amount: a.amount,
            stage: stage.stage,
            detail: text,
          },
          `${label}: ${text}`,
        );
      },
      error: () => undefined,
    });
    const done = Promise.resolve(submission)
      .catch((e: unknown) => failures.push(e))
      .finally(() => {
        sub.unsubscribe();
        inFlight.delete(a.key);
      });
    inFlight.set(a.key, done);
  };

  const evaluate = async (block: number | undefined) => {
    const list = pids ?? (await s.first(client.pools$({ owner: owner! }))).map((p) => p.pid);
    for (const pid of list) {
      let snapshot: GuardianSnapshot;
      try {
        snapshot = await client.guardianSnapshot(pid);
      } catch (e) {
        log.line(
          { pool: Number(pid), action: 'read', stage: 'failed', detail: describeError(e) },
          `pool ${pid}: cannot read it: ${describeError(e)}`,
        );
        continue;
      }
      const { actions, notes } = keeperActions(client, snapshot, {
        margin,
        strategy,
        signer: key?.address,
        claimAbove,
        claimTo,
      });
      for (const note of notes)
        if (said.get(`note:${pid}`) !== note) {
          said.set(`note:${pid}`, note);
          log.line({ pool: Number(pid), action: 'note', detail: note }, note);
        }
      if (notes.length === 0) said.delete(`note:${pid}`);
      for (const a of actions) {
        if (inFlight.has(a.key)) continue; // the same plan is never sent twice while the first is in flight
        if (!o.apply) {
          if (said.get(a.key) === a.detail) continue;
          said.set(a.key, a.detail);
          log.line(
            { pool: Number(pid), action: a.kind, workers: a.workers, amount: a.amount, stage: 'dry', block },
            `pool ${pid} would ${a.kind} ${a.detail} (dry: --apply to send)`,
          );
          continue;
        }
        send(a);
      }
    }
  };

  // one evaluation at a time; a block that arrives meanwhile is evaluated right after (never queued twice)
  let running: Promise<void> | undefined;
  let again = false;
  const tick = (block: number | undefined) => {
    if (running) {
      again = true;
      return;
    }
    running = evaluate(block)
      .catch((e) =>
        log.line(
          { action: 'evaluate', stage: 'failed', detail: describeError(e) },
          `keeper: evaluation failed: ${describeError(e)}`,
        ),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          tick(block);
        }
      });
  };

  if (o.once) {
    await evaluate(undefined);
    await Promise.all(inFlight.values());
    if (failures.length > 0) throw failures[0];
    return;
  }

  const heads$ = (
    client.api.rx.rpc.chain.subscribeNewHeads() as unknown as Observable<{
      number: Codec & { toNumber(): number };
    }>
  ).pipe(
    map((h) => h.number.toNumber()),
    distinctUntilChanged(),
  );
  log.line(
    { action: 'start', apply: o.apply === true, margin: Number(margin) },
    `keeper: watching ${pids ? `pools ${pids.join(', ')}` : `the pools of ${owner}`}, margin ${formatDuration(margin)}${o.apply ? '' : ' (dry: --apply to send)'}`,
  );
  await new Promise<void>((resolve) => {
    const heads = heads$.subscribe({
      next: (n) => tick(n),
      error: (e) =>
        log.line(
          { action: 'heads', stage: 'failed', detail: describeError(e) },
          `keeper: block subscription failed: ${describeError(e)}`,
        ),
    });
    // after a node restart the client reconnects by itself; say so, and look again at once
    const conn = client.connection$.pipe(skip(1)).subscribe((state) => {
      log.line({ action: 'connection', stage: state }, `keeper: connection ${state}`);
      if (state === 'connected') tick(undefined);
    });
    const release = s.io.onInterrupt?.(() => {
      heads.unsubscribe();
      conn.unsubscribe();
      release?.();
      resolve();
    });
  });
  await Promise.all(inFlight.values());
}

/** `phala-mining keeper`: reclaims, covers withdrawals in time, claims — block after block, or once. */
export function keeperCommand(action: Action): Command {
  return new Command('keeper')
    .description(
      'keep pools healthy on every block: reclaim cooled-down workers, stop a few in time to avoid a forced stop, claim rewards',
    )
    .option('--pools <pids>', 'keep these pools, comma-separated')
    .option('--owner <address>', "keep every pool of this owner (default: the key's address)")
    .option('--apply', 'send the transactions (without it the keeper only prints what it would do)')
    .option('--margin <duration>', 'act when a forced stop is due within this time (6h, 30m, 2d)', '6h')
    .addOption(
      new Option('--strategy <name>', 'how to pick the workers to stop')
        .choices([...STRATEGIES])
        .default('least-reward'),
    )
    .option('--claim-above <pha>', 'claim the owner reward once it reaches this amount')
    .option('--claim-to <address>', 'where claimed rewards go (default the signer)')
    .option('--once', 'evaluate once, wait for what was sent, and exit (for cron)')
    .action(action(runKeeper));
}
