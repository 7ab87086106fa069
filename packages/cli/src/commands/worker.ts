import {
  type MiningClient,
  type OperationChain,
  PoolNotFoundError,
  type WorkerDisplayState,
  type WorkerView,
} from '@phala-mining/core';
import { Command } from 'commander';
import { parseAccount, parsePid, parseWorkerKey } from '../args.js';
import { UsageError } from '../errors.js';
import { fleetRows, parseStates, renderFleetWorkers } from '../fleet/fleetViews.js';
import type { Session } from '../session.js';
import { resolveStakes, stakeChoice, stakeSummary } from '../stakes.js';
import { execute } from '../tx.js';
import { renderWorkers } from '../views.js';
import type { Action } from './action.js';

interface WorkerOptions {
  pool: string;
  all?: boolean;
  stake?: string;
  state?: string;
  allPools?: boolean;
  owner?: string;
  sort?: string;
}

/**
 * The workers a batch command acts on: the keys given, or with `--all` every worker of the pool that `eligible`
 * picks (e.g. the Ready ones for `start`). Keys are checked for form before anything is read from the chain.
 */
async function selectWorkers(
  s: Session,
  pid: bigint,
  keys: string[],
  all: boolean | undefined,
  eligible: (w: WorkerView) => boolean,
  state?: string,
): Promise<string[]> {
  if (all && keys.length > 0) throw new UsageError('give worker keys or --all, not both');
  if (state !== undefined && !all) throw new UsageError('--state filters --all; give it with --all');
  // e.g. `worker stop --all --state Unresponsive`: what the command can act on, narrowed to those states
  if (state !== undefined) {
    const inStates = parseStates(state);
    const base = eligible;
    eligible = (w) => base(w) && inStates(w);
  }
  if (!all && keys.length === 0) throw new UsageError('give one or more worker public keys, or --all');
  if (!all) return keys.map(parseWorkerKey);
  const client = await s.client();
  const workers = await s.first(client.workers$(pid));
  return workers.filter(eligible).map((w) => w.pubkey);
}

function nothingToDo(s: Session, what: string): void {
  s.print(
    () => `nothing to do: ${what}`,
    () => ({ ok: true, operations: [], nothing: what }),
  );
}

const inState =
  (...states: WorkerDisplayState[]) =>
  (w: WorkerView) =>
    states.includes(w.state);

/** `worker list --all-pools`: one batched read of the owner's fleet. */
async function listAllPools(s: Session, o: WorkerOptions): Promise<void> {
  if (o.pool !== undefined) throw new UsageError('give --pool or --all-pools, not both');
  let owner: string;
  if (o.owner !== undefined) owner = parseAccount(o.owner, s.ss58);
  else {
    const key = await s.key();
    if (!key) throw new UsageError('give --owner, or a key whose pools to list');
    owner = key.address;
  }
  const client = await s.client();
  const fleet = await s.first(client.fleet$(owner));
  const rows = fleetRows(fleet.pools, o.state, o.sort);
  s.print(
    () => renderFleetWorkers(rows),
    () => rows,
  );
}

export function workerCommand(action: Action): Command {
  const worker = new Command('worker').description(
    'workers (miners) of a pool: add, start, stop, restart, reclaim, remove, list',
  );
  const poolOption = ['-p, --pool <pid>', 'the pool'] as const;

  /** A batch command over worker keys (or `--all`): one extrinsic whatever the count. */
  const batch = (
    name: string,
    description: string,
    opts: { stake?: 'required'; allDescription: string; eligible: (w: WorkerView) => boolean; none: string },
    op: (chain: OperationChain<void>, key: string, stake: bigint) => OperationChain<void>,
    done: string,
  ) => {
    const cmd = worker
      .command(name)
      .description(description)
      .argument('[keys...]', 'worker public keys (0x + 64 hex)')
      .requiredOption(...poolOption)
      .option('--all', opts.allDescription)
      .option(
        '--state <states>',
        'with --all: only workers in these states (e.g. Unresponsive; comma-separated)',
      );
    if (opts.stake) {
      cmd
        .option(
          '--stake <stake>',
          "stake per worker: an amount in PHA, or smin / smax for each worker's own bound (they differ per worker)",
        )
        .option(
          '--stake-file <file>',
          'per-worker stakes: YAML/JSON { <worker key>: <amount|smin|smax>, default: … }',
        );
    }
    cmd.action(
      action(async (s, keys: string[], o: WorkerOptions & { stakeFile?: string }) => {
        const pid = parsePid(o.pool);
        const choice = opts.stake ? await stakeChoice(o.stake, o.stakeFile) : undefined;
        const selected = await selectWorkers(s, pid, keys, o.all, opts.eligible, o.state);
        if (selected.length === 0) return nothingToDo(s, `${opts.none} in pool ${pid}`);
        const stakes = choice ? await resolveStakes(s, pid, selected, choice) : selected.map(() => 0n);
        const plan = selected.map((worker, i) => ({
          operation: name === 'start' ? 'startMining' : name === 'restart' ? 'restartMining' : name,
          pid,
          worker,
          ...(opts.stake ? { stake: stakes[i]! } : {}),
        }));
        const chainOf = (c: MiningClient, n: number) =>
          selected.slice(0, n).reduce((ch, k, i) => op(ch, k, stakes[i]!), c.pool(pid));
        await execute(s, (c) => chainOf(c, selected.length), {
          plan,
          prefix: chainOf,
          summary: () =>
            `${done} ${selected.length} worker(s) in pool ${pid}${opts.stake ? ` (${stakeSummary(stakes)})` : ''}`,
          json: () => ({
            pid,
            workers: selected,
            ...(opts.stake ? { stakes: Object.fromEntries(selected.map((k, i) => [k, stakes[i]!])) } : {}),
          }),
        });
      }),
    );
  };

  worker
    .command('add')
    .description('"Add Worker": bind registered workers (operated by the signer) to a pool, in one batch')
    .argument('<keys...>', 'worker public keys (0x + 64 hex)')
    .requiredOption(...poolOption)
    .action(
      action(async (s, keys: string[], o: WorkerOptions) => {
        const pid = parsePid(o.pool);
        const selected = keys.map(parseWorkerKey);
        await execute(s, (c) => selected.reduce((ch, k) => ch.addWorker(k), c.pool(pid)), {
          plan: selected.map((w) => ({ operation: 'addWorker', pid, worker: w })),
          prefix: (c, n) => selected.slice(0, n).reduce((ch, k) => ch.addWorker(k), c.pool(pid)),
          summary: () => `added ${selected.length} worker(s) to pool ${pid}`,
          json: () => ({ pid, workers: selected }),
        });
      }),
    );

  batch(
    'remove',
    '"Remove": unbind Ready workers from the pool',
    { allDescription: 'every Ready worker of the pool', eligible: inState('Ready'), none: 'no Ready worker' },
    (ch, k) => ch.removeWorker(k),
    'removed',
  );
  batch(
    'start',
    '"Start": start Ready workers mining with a fixed stake each (from the pool\'s free stake)',
    {
      stake: 'required',
      allDescription: 'every Ready worker of the pool',
      eligible: inState('Ready'),
      none: 'no Ready worker',
    },
    (ch, k, stake) => ch.startMining(k, stake),
    'started',
  );
  batch(
    'stop',
    '"Stop": stop Mining or Unresponsive workers (they cool down for 7 days)',
    {
      allDescription: 'every Mining or Unresponsive worker',
      eligible: inState('Mining', 'Unresponsive'),
      none: 'no Mining or Unresponsive worker',
    },
    (ch, k) => ch.stopMining(k),
    'stopped',
  );
  batch(
    'restart',
    'restart Mining workers with more stake than they have',
    {
      stake: 'required',
      allDescription: 'every Mining worker of the pool',
      eligible: inState('Mining'),
      none: 'no Mining worker',
    },
    (ch, k, stake) => ch.restartMining(k, stake),
    'restarted',
  );
  batch(
    'reclaim',
    'reclaim workers whose cooldown is over (their stake returns to the pool)',
    {
      allDescription: 'every reclaimable worker of the pool',
      eligible: (w) => w.reclaimable,
      none: 'no reclaimable worker',
    },
    (ch, k) => ch.reclaimWorker(k),
    'reclaimed',
  );

  worker
    .command('list')
    .description('the Worker List of a pool: state, stake, cores, score, Smin/Smax, total reward, cooldown')
    .option(...poolOption)
    .option('--all-pools', "every worker of every pool of the owner (--owner, default the key's address)")
    .option('--owner <address>', 'with --all-pools: whose pools')
    .option('--state <states>', 'only workers in these states (comma-separated; reclaimable too)')
    .option('--sort <by>', 'with --all-pools: pool, state, stake, reward, score or key', 'pool')
    .action(
      action(async (s, o: WorkerOptions) => {
        if (o.allPools) return listAllPools(s, o);
        if (o.pool === undefined)
          throw new UsageError("required option '-p, --pool <pid>' not specified (or --all-pools)");
        const pid = parsePid(o.pool);
        const client = await s.client();
        if (!(await s.first(client.pool$(pid)))) throw new PoolNotFoundError(pid);
        const all = await s.first(client.workers$(pid));
        const workers = o.state === undefined ? all : all.filter(parseStates(o.state));
        s.print(
          () => renderWorkers(workers),
          () => workers,
        );
      }),
    );

  return worker;
}
