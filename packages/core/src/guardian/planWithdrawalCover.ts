import {
  B,
  divF,
  divInt,
  fixedFromDecimal,
  minF,
  mulF,
  mulInt,
  ONE,
  subF,
  type TokenomicParameters,
} from '@phala-mining/math';
import { normalizeWorkerKey } from '../accounts.js';
import { miningShare } from '../state/apr.js';
import type { WorkerView } from '../state/workers.js';
import {
  CoverDeadlinePassedError,
  type CoverImpossibleError,
  CoverMiningDisabledError,
  CoverNotEnoughStakeError,
} from './errors.js';
import type { GuardianSnapshot } from './snapshot.js';
import { isStoppable, type WithdrawalRisk, withdrawalRisk } from './withdrawalRisk.js';

/**
 * How the plan picks the workers to stop: the least expected reward lost per day (default), the fewest workers,
 * or the caller's ranking (workers in the order given, unlisted ones never stopped).
 */
export type CoverStrategy =
  | 'least-reward'
  | 'fewest'
  | {
      /** worker public keys, the first to stop first */
      rank: readonly string[];
    };

/** Options of {@link planCover}. */
export interface CoverOptions {
  /** default `'least-reward'` */
  strategy?: CoverStrategy;
  /**
   * Seconds ahead: besides the request the chain checks next, also cover every later uncovered request whose
   * deadline falls within `now + horizon` (as far as the mining stake allows). Default 0: the next check only.
   */
  horizon?: bigint | number;
  /**
   * Σ share of every mining worker of the network (U64F64 bits), for the reward estimate; default the pool's own
   * mining workers' (the pool alone on its chain).
   */
  networkShare?: bigint;
}

/** One worker of the plan. */
export interface CoverStop {
  /** Worker public key, 0x-hex. */
  worker: string;
  /** Its stake, planck: it moves into releasing stake the moment the worker stops. */
  stake: bigint;
  /** The reward it is expected to earn per day while mining, planck (what stopping it costs). */
  rewardPerDay: bigint;
}

/** The stop plan that keeps a pool out of the forced stop. */
export interface CoverPlan {
  /** The pool. */
  pid: bigint;
  /** The risk the plan answers. */
  risk: WithdrawalRisk;
  /** The strategy used. */
  strategy: 'least-reward' | 'fewest' | 'rank';
  /** Planck the plan must move into releasing stake (0: nothing to do). */
  target: bigint;
  /** Workers to stop, in the order they are sent (one batch). Empty when there is nothing to do or no way. */
  stops: CoverStop[];
  /** Σ stake of `stops`, planck (≥ `target` when the plan works). */
  freed: bigint;
  /** Σ `rewardPerDay` of `stops`, planck. */
  rewardLostPerDay: bigint;
  /** Queue indices the plan covers (with the ones already covered, every request up to the last of these). */
  covers: number[];
  /** Why stopping workers cannot save the pool; undefined when the plan works (or nothing is needed). */
  problem: CoverImpossibleError | undefined;
}

/** Blocks per day at Khala's 12 s block time. */
export const BLOCKS_PER_DAY = 7200n;
const V_CAP_RATE = fixedFromDecimal('0.0002');

/**
 * Expected reward of a mining worker per day, planck, the way the Phala App estimated it (§6.9): per block,
 * min(share / Σshare × budget_per_block, V × 0.0002 / 300), after the treasury's part, times 7200 blocks. An
 * Unresponsive worker earns nothing.
 */
export function rewardPerDay(
  worker: Pick<WorkerView, 'state' | 'v' | 'instantScore' | 'confidenceLevel'>,
  totalShare: bigint,
  params: TokenomicParameters | undefined,
): bigint {
  if (params === undefined || worker.state !== 'Mining' || totalShare === 0n) return 0n;
  const byShare = mulF(divF(miningShare(worker), totalShare), params.budgetPerBlock);
  const byV = divInt(mulF(worker.v, V_CAP_RATE), 300n);
  const perBlock = mulF(minF(byShare, byV), subF(ONE, params.treasuryRatio));
  return B(mulInt(perBlock, BLOCKS_PER_DAY));
}

interface Candidate extends CoverStop {
  order: number;
}

const sum = (xs: readonly Candidate[], f: (c: Candidate) => bigint) => xs.reduce((a, c) => a + f(c), 0n);

/** Cheapest set first, then fewer workers, then less stake stopped. */
function better(a: readonly Candidate[], b: readonly Candidate[] | undefined): boolean {
  if (b === undefined) return true;
  const [ca, cb] = [sum(a, (c) => c.rewardPerDay), sum(b, (c) => c.rewardPerDay)];
  if (ca !== cb) return ca < cb;
  if (a.length !== b.length) return a.length < b.length;
  return sum(a, (c) => c.stake) < sum(b, (c) => c.stake);
}

const EXACT_LIMIT = 16;

/** Least reward lost: exact over every subset for up to 16 workers, else greedy by cost per planck, then pruned. */
function leastReward(candidates: readonly Candidate[], target: bigint): Candidate[] {
  if (candidates.length <= EXACT_LIMIT) {
    // every subset, its sums built from the subset without its lowest member (one addition per subset)
    const size = 1 << candidates.length;
    const stake: bigint[] = new Array(size);
    const cost: bigint[] = new Array(size);
    const count: number[] = new Array(size);
    stake[0] = 0n;
    cost[0] = 0n;
    count[0] = 0;
    let best = -1;
    for (let mask = 1; mask < size; mask++) {
      const low = 31 - Math.clz32(mask & -mask);
      const rest = mask & (mask - 1);
      stake[mask] = stake[rest]! + candidates[low]!.stake;
      cost[mask] = cost[rest]! + candidates[low]!.rewardPerDay;
      count[mask] = count[rest]! + 1;
      if (stake[mask]! < target) continue;
      // cheapest first, then fewer workers, then less stake stopped
      if (
        best < 0 ||
        cost[mask]! < cost[best]! ||
        (cost[mask] === cost[best] &&
          (count[mask]! < count[best]! || (count[mask] === count[best] && stake[mask]! < stake[best]!)))
      )
        best = mask;
    }
    return best < 0 ? [] : candidates.filter((_, i) => best & (1 << i));
  }
  // cost per planck ascending; cross-multiplied to stay in integers
  const byRatio = [...candidates].sort((a, b) => {
    const l = a.rewardPerDay * b.stake;
    const r = b.rewardPerDay * a.stake;
    return l < r ? -1 : l > r ? 1 : Number(b.stake - a.stake);
  });
  const taken: Candidate[] = [];
  for (const c of byRatio) {
    if (sum(taken, (x) => x.stake) >= target) break;
    taken.push(c);
  }
  // drop the dearest workers the others already cover for
  for (const c of [...taken].sort((a, b) => Number(b.rewardPerDay - a.rewardPerDay))) {
    const rest = taken.filter((x) => x !== c);
    if (sum(rest, (x) => x.stake) >= target) taken.splice(taken.indexOf(c), 1);
  }
  const single = candidates
    .filter((c) => c.stake >= target)
    .sort((a, b) => Number(a.rewardPerDay - b.rewardPerDay))[0];
  return single !== undefined && better([single], taken) ? [single] : taken;
}

/** Fewest workers: largest stakes first; the last pick is then swapped for the smallest stake that still covers. */
function fewest(candidates: readonly Candidate[], target: bigint): Candidate[] {
  const byStake = [...candidates].sort((a, b) =>
    a.stake === b.stake ? Number(a.rewardPerDay - b.rewardPerDay) : a.stake > b.stake ? -1 : 1,
  );
  const taken: Candidate[] = [];
  for (const c of byStake) {
    if (sum(taken, (x) => x.stake) >= target) break;
    taken.push(c);
  }
  if (taken.length === 0) return taken;
  const before = sum(taken.slice(0, -1), (x) => x.stake);
  const swap = byStake
    .filter((c) => !taken.includes(c) && before + c.stake >= target)
    .sort((a, b) => (a.stake < b.stake ? -1 : a.stake > b.stake ? 1 : 0))[0];
  if (swap !== undefined) taken[taken.length - 1] = swap;
  return taken;
}

function ranked(candidates: readonly Candidate[], rank: readonly string[], target: bigint): Candidate[] {
  const taken: Candidate[] = [];
  for (const key of rank) {
    if (sum(taken, (x) => x.stake) >= target) break;
    const c = candidates.find((x) => x.worker === key);
    if (c !== undefined && !taken.includes(c)) taken.push(c);
  }
  return taken;
}

/**
 * The stop plan for a pool's snapshot (pure): the smallest set of Mining/Unresponsive workers whose stakes cover
 * what the chain will find missing at its next check (and, with `horizon`, at the later checks within it), picked
 * by the strategy. The plan says why when stopping cannot work: the switch is off, the deadline is behind the
 * chain's clock, or the mining stake is too small.
 */
export function planCover(snapshot: GuardianSnapshot, options: CoverOptions = {}): CoverPlan {
  const risk = withdrawalRisk(snapshot);
  const strategy = options.strategy ?? 'least-reward';
  const strategyName = typeof strategy === 'string' ? strategy : 'rank';
  const pid = snapshot.pool.pid;
  const plan = (fields: Partial<CoverPlan>): CoverPlan => ({
    pid,
    risk,
    strategy: strategyName,
    target: 0n,
    stops: [],
    freed: 0n,
    rewardLostPerDay: 0n,
    covers: [],
    problem: undefined,
    ...fields,
  });
  const uncovered = risk.requests.filter((r) => !r.covered);
  const first = uncovered[0];
  if (first === undefined) return plan({});
  if (first.timeLeft < 0n)
    return plan({
      target: first.shortfall,
      problem: new CoverDeadlinePassedError(pid, first.deadline, risk.now),
    });
  if (!snapshot.miningEnabled)
    return plan({ target: first.shortfall, problem: new CoverMiningDisabledError(pid) });

  const mining = snapshot.workers.filter((w) => isStoppable(w.state) && w.stake > 0n);
  const totalShare =
    options.networkShare ?? mining.reduce((a, w) => a + (w.state === 'Mining' ? miningShare(w) : 0n), 0n);
  const candidates: Candidate[] = mining.map((w, order) => ({
    worker: w.pubkey,
    stake: w.stake,
    rewardPerDay: rewardPerDay(w, totalShare, snapshot.tokenomics),
    order,
  }));
  // a malformed key in the ranking is the caller's mistake: InvalidWorkerKeyError, not a silent skip
  const rank = typeof strategy === 'string' ? [] : strategy.rank.map(normalizeWorkerKey);
  const pool = typeof strategy === 'string' ? candidates : candidates.filter((c) => rank.includes(c.worker));
  const available = sum(pool, (c) => c.stake);
  if (available < first.shortfall)
    return plan({
      target: first.shortfall,
      problem: new CoverNotEnoughStakeError(pid, first.shortfall, available),
    });

  // the later requests within the horizon, as far as the stake allows (the shortfall grows along the queue)
  const horizon = BigInt(options.horizon ?? 0);
  const covers = [first.index];
  let target = first.shortfall;
  for (const r of uncovered.slice(1)) {
    if (r.deadline > risk.now + horizon || r.shortfall > available) break;
    covers.push(r.index);
    target = r.shortfall;
  }
  const chosen =
    strategy === 'least-reward'
      ? leastReward(pool, target)
      : strategy === 'fewest'
        ? fewest(pool, target)
        : ranked(pool, rank, target);
  // sent in the pool's worker order, so the same plan is always the same batch
  const stops = [...chosen]
    .sort((a, b) => a.order - b.order)
    .map(({ worker, stake, rewardPerDay }) => ({ worker, stake, rewardPerDay }));
  return plan({
    target,
    stops,
    freed: sum(chosen, (c) => c.stake),
    rewardLostPerDay: sum(chosen, (c) => c.rewardPerDay),
    covers,
  });
}
