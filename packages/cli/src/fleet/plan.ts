import { type OperationChain, type PoolInfo, sameAccount, type WorkerView } from '@phala-mining/core';
import type { FleetFile, FleetPool, FleetStake, FleetWorker } from './fleetFile.js';

/** One operation the plan needs, on one pool. */
export type FleetStep =
  | { op: 'setPayout'; permill: number }
  | { op: 'setCap'; cap: bigint }
  | { op: 'setDescription'; description: string }
  | { op: 'whitelistAdd'; account: string }
  | { op: 'whitelistRemove'; account: string }
  | { op: 'addWorker'; worker: string }
  | { op: 'startMining'; worker: string; stake: bigint }
  | { op: 'restartMining'; worker: string; stake: bigint; from: bigint }
  | { op: 'stopMining'; worker: string; reason: string }
  | { op: 'reclaimWorker'; worker: string };

/**
 * Something the file wants that no transaction can do now: it is shown, and a later apply (once the chain has
 * moved, e.g. a cooldown ended) picks it up, because every plan is a fresh diff against the chain.
 */
export interface FleetWait {
  worker?: string;
  reason: string;
}

/** The plan of one pool of the file. */
export interface PoolPlan {
  /** the pool's id; undefined for a `new` pool not created yet */
  pid: bigint | undefined;
  /** `new` pools are created first, in a transaction of their own (their id is only known from its event) */
  create: boolean;
  steps: FleetStep[];
  waits: FleetWait[];
}

/** The chain as the planner needs it: the owner's pools and their workers. */
export interface FleetChainState {
  pools: readonly PoolInfo[];
  workers: ReadonlyMap<bigint, readonly WorkerView[]>;
}

/**
 * The rule each kind of step is checked against before signing (core's validation of the operation enforces it;
 * this text is what the plan shows so an operator sees why a step could be refused).
 */
export const STEP_RULES: Record<FleetStep['op'], string> = {
  setPayout: 'caller owns the pool; 0–100 %',
  setCap: 'caller owns the pool; cap ≥ total stake',
  setDescription: 'caller owns the pool; ≤ 4400 bytes',
  whitelistAdd: 'caller owns the pool; not yet listed; list not full',
  whitelistRemove: 'caller owns the pool; listed',
  addWorker: 'registered, operator is the caller, benchmarked, not bound to a pool, pool not full',
  startMining: 'worker Ready; Smin ≤ stake ≤ Smax; free stake ≥ stake; mining enabled',
  restartMining: 'worker Mining; stake > current; free stake covers the difference',
  stopMining: 'worker Mining or Unresponsive',
  reclaimWorker: 'worker CoolingDown with the cooldown over',
};

/**
 * Matches each pool of the file to the chain. A numbered pool is itself; a `new` pool is the owner's pool, not
 * named by number in the file, that already holds one of its workers — so an apply killed after creating the pool
 * and adding a worker resumes on that pool instead of creating another one.
 */
export function matchPools(
  fleet: FleetFile,
  chain: FleetChainState,
  created: ReadonlyMap<number, bigint> = new Map(),
): (bigint | undefined)[] {
  const named = new Set(fleet.pools.flatMap((p) => (p.pid === 'new' ? [] : [p.pid])));
  const taken = new Set<bigint>(created.values());
  return fleet.pools.map((p, i) => {
    if (p.pid !== 'new') return p.pid;
    const made = created.get(i);
    if (made !== undefined) return made;
    const keys = new Set(p.workers.map((w) => w.key));
    const found = chain.pools.find(
      (c) => !named.has(c.pid) && !taken.has(c.pid) && c.workers.some((k) => keys.has(k.toLowerCase())),
    );
    if (found) taken.add(found.pid);
    return found?.pid;
  });
}

/**
 * The diff between the file and the chain, pool by pool (pure: the same inputs give the same plan). `created` maps
 * indexes of `new` pools in the file to the pools this apply created for them.
 */
export function planFleet(
  fleet: FleetFile,
  chain: FleetChainState,
  created: ReadonlyMap<number, bigint> = new Map(),
): PoolPlan[] {
  const pids = matchPools(fleet, chain, created);
  return fleet.pools.map((want, i) => {
    const pid = pids[i];
    if (pid === undefined) return { pid, create: true, steps: poolSteps(want, undefined), waits: [] };
    const have = chain.pools.find((p) => p.pid === pid);
    const workers = chain.workers.get(pid) ?? [];
    const plan: PoolPlan = { pid, create: false, steps: poolSteps(want, have), waits: [] };
    for (const w of want.workers) workerSteps(w, workers, plan);
    if (have && want.cap === null && have.cap !== undefined)
      plan.waits.push({ reason: 'the chain cannot lift a cap back to unlimited; set a cap in PHA instead' });
    return plan;
  });
}

function poolSteps(want: FleetPool, have: PoolInfo | undefined): FleetStep[] {
  const steps: FleetStep[] = [];
  if (want.payoutPermill !== undefined && want.payoutPermill !== (have?.commission ?? 0))
    steps.push({ op: 'setPayout', permill: want.payoutPermill });
  if (typeof want.cap === 'bigint' && want.cap !== have?.cap) steps.push({ op: 'setCap', cap: want.cap });
  if (want.description !== undefined && want.description !== (have?.description.text ?? ''))
    steps.push({ op: 'setDescription', description: want.description });
  if (want.whitelist !== undefined) {
    const current = have?.whitelist ?? [];
    // addresses compare as accounts: the file may use any SS58 prefix
    const has = (list: readonly string[], a: string) => list.some((b) => sameAccount(a, b));
    for (const a of want.whitelist) if (!has(current, a)) steps.push({ op: 'whitelistAdd', account: a });
    for (const a of current) if (!has(want.whitelist, a)) steps.push({ op: 'whitelistRemove', account: a });
  }
  return steps;
}

function resolveStake(stake: FleetStake | undefined, w: WorkerView | undefined): bigint | 'unknown' {
  if (stake === undefined) return w?.smin ?? 'unknown';
  if (stake.kind === 'amount') return stake.planck;
  const bound = stake.kind === 'smin' ? w?.smin : w?.smax;
  return bound ?? 'unknown';
}

// one worker's way from the chain's state to the file's: add → start; a grown stake restarts; a shrunk stake (or
// mining: false) stops, and the cooldown then has to end before a reclaim and a start at the new stake
function workerSteps(want: FleetWorker, workers: readonly WorkerView[], plan: PoolPlan): void {
  const key = want.key;
  const have = workers.find((w) => w.pubkey.toLowerCase() === key);
  if (!have || have.state === 'Unbound') {
    if (!have) plan.steps.push({ op: 'addWorker', worker: key });
    if (want.mining)
      plan.waits.push({ worker: key, reason: 'starts once added (its Smin/Smax are read then)' });
    return;
  }
  const stake = resolveStake(want.stake, have);
  switch (have.state) {
    case 'Ready':
      if (want.mining) {
        if (stake === 'unknown')
          plan.waits.push({ worker: key, reason: 'no Smin/Smax (benchmark or tokenomics missing)' });
        else plan.steps.push({ op: 'startMining', worker: key, stake });
      }
      return;
    case 'Mining':
    case 'Unresponsive':
      if (want.mining === false) {
        plan.steps.push({ op: 'stopMining', worker: key, reason: 'mining: false' });
        return;
      }
      if (want.stake === undefined || stake === 'unknown' || stake === have.stake) return;
      if (stake > have.stake) plan.steps.push({ op: 'restartMining', worker: key, stake, from: have.stake });
      else plan.steps.push({ op: 'stopMining', worker: key, reason: `stake shrinks to ${stake} planck` });
      return;
    case 'CoolingDown':
      if (!want.mining) return;
      if (have.reclaimable) plan.steps.push({ op: 'reclaimWorker', worker: key });
      else
        plan.waits.push({
          worker: key,
          reason: `cooling down${have.cooldownRemaining === undefined ? '' : ` for ${have.cooldownRemaining} s more`}; starts after its reclaim`,
        });
      return;
  }
}

/** Appends one step to a core operation chain (which validates it against the chain before signing). */
export function chainStep(chain: OperationChain<void>, step: FleetStep): OperationChain<void> {
  switch (step.op) {
    case 'setPayout':
      return chain.setPayout(step.permill / 10_000);
    case 'setCap':
      return chain.setCap(step.cap);
    case 'setDescription':
      return chain.setDescription(step.description);
    case 'whitelistAdd':
      return chain.whitelistAdd(step.account);
    case 'whitelistRemove':
      return chain.whitelistRemove(step.account);
    case 'addWorker':
      return chain.addWorker(step.worker);
    case 'startMining':
      return chain.startMining(step.worker, step.stake);
    case 'restartMining':
      return chain.restartMining(step.worker, step.stake);
    case 'stopMining':
      return chain.stopMining(step.worker);
    case 'reclaimWorker':
      return chain.reclaimWorker(step.worker);
  }
}

/** Number of steps and waits in a plan. */
export function planSize(plans: readonly PoolPlan[]): { steps: number; waits: number; creates: number } {
  return {
    steps: plans.reduce((n, p) => n + p.steps.length, 0),
    waits: plans.reduce((n, p) => n + p.waits.length, 0),
    creates: plans.filter((p) => p.create).length,
  };
}
