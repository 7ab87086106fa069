import { bmul, sharePrice } from '@phala-mining/math';
import type { WithdrawRequestInfo } from '../state/records.js';
import type { GuardianSnapshot } from './snapshot.js';

/** A queued withdrawal as the guardian sees it. */
export interface RequestRisk extends WithdrawRequestInfo {
  /** Position in the queue, 0 = head (the chain pays and checks the queue in this order). */
  index: number;
  /** What the chain counts the request as: bmul(shares, price), planck. */
  amount: bigint;
  /** start_time + GracePeriod, unix seconds: the chain checks the pool at the first block after it. */
  deadline: bigint;
  /** Seconds from the snapshot's chain time to the deadline; negative once it has passed. */
  timeLeft: bigint;
  /** Whether free + releasing stake covers this request and every one before it. */
  covered: boolean;
  /**
   * Planck still missing for this request and all before it to be covered: Σ amounts up to here − (free +
   * releasing stake), or 0 when covered.
   */
  shortfall: bigint;
}

/** The forced-stop risk of a pool: the chain's own rule (stake pool `on_finalize`), evaluated ahead of time. */
export interface WithdrawalRisk {
  /** The pool. */
  pid: bigint;
  /** Chain time the figures are for, unix seconds. */
  now: bigint;
  /** free_stake + releasing_stake: what the chain counts as available to pay the queue, planck. */
  budget: bigint;
  /** Every queued request, in queue order. */
  requests: RequestRisk[];
  /**
   * Whether the chain will stop every worker of the pool when it next examines it, if nothing changes before
   * then: there is an uncovered request and the pool holds mining workers whose stop would happen.
   */
  atRisk: boolean;
  /**
   * The first uncovered request's deadline (unix seconds): the forced stop happens in the first block whose time
   * is past it. Undefined when every request is covered.
   */
  deadline: bigint | undefined;
  /** Seconds from `now` to `deadline` (negative once passed); undefined with `deadline`. */
  timeLeft: bigint | undefined;
  /**
   * Planck the pool lacks at its next examination: the first uncovered request's shortfall — exactly what free +
   * releasing stake must grow by (by stopping workers or by new contributions) for the chain not to stop the pool.
   */
  shortfall: bigint;
  /** The workers that a forced stop would put into CoolingDown now: those Mining or Unresponsive. */
  miningWorkers: string[];
}

/** Workers a stop (forced or not) acts on: the chain stops miners that are mining, idle or unresponsive. */
export function isStoppable(state: string): boolean {
  return state === 'Mining' || state === 'Unresponsive';
}

/**
 * The forced-stop rule of StakePool v1 (§3.5/§6.5), ahead of time and with the chain's own arithmetic: budget =
 * free + releasing stake; walk the queue in order subtracting bmul(shares, price); the first request that does not
 * fit decides. The chain examines the pool at the first block after that request's deadline (its own bucket's),
 * and stops every worker then if it still does not fit. A pool whose price is undefined or zero is never stopped
 * (the chain skips it).
 */
export function withdrawalRisk(
  snapshot: Pick<GuardianSnapshot, 'pool' | 'workers' | 'now' | 'gracePeriod'>,
): WithdrawalRisk {
  const { pool, now, gracePeriod } = snapshot;
  const price = sharePrice(pool.totalStake, pool.totalShares);
  const budget = pool.freeStake + pool.releasingStake;
  let needed = 0n;
  let first: RequestRisk | undefined;
  const requests = pool.withdrawQueue.map((request, index): RequestRisk => {
    const amount = price === undefined ? 0n : bmul(request.shares, price);
    needed += amount;
    const deadline = request.startTime + gracePeriod;
    const covered = price === undefined || price === 0n || needed <= budget;
    const risk: RequestRisk = {
      ...request,
      index,
      amount,
      deadline,
      timeLeft: deadline - now,
      covered,
      shortfall: covered ? 0n : needed - budget,
    };
    if (!covered && first === undefined) first = risk;
    return risk;
  });
  const miningWorkers = snapshot.workers.filter((w) => isStoppable(w.state)).map((w) => w.pubkey);
  return {
    pid: pool.pid,
    now,
    budget,
    requests,
    atRisk: first !== undefined && miningWorkers.length > 0,
    deadline: first?.deadline,
    timeLeft: first?.timeLeft,
    shortfall: first?.shortfall ?? 0n,
    miningWorkers,
  };
}
