/**
 * The withdrawal guardian: sees a forced stop coming (the chain's own rule, evaluated ahead of time), plans the
 * smallest set of worker stops that keeps the rest of the pool mining, and finds the workers whose cooldown is
 * over so that their stake can be reclaimed and the queue paid.
 */
import { map, type Observable } from 'rxjs';
import type { OperationChain } from '../operations/operationChain.js';
import { type CoverOptions, type CoverPlan, planCover } from './planWithdrawalCover.js';
import { type ReclaimableWorker, reclaimableWorkers } from './reclaimable.js';
import type { GuardianSnapshot } from './snapshot.js';
import { type WithdrawalRisk, withdrawalRisk } from './withdrawalRisk.js';

export * from './errors.js';
export {
  BLOCKS_PER_DAY,
  type CoverOptions,
  type CoverPlan,
  type CoverStop,
  type CoverStrategy,
  planCover,
  rewardPerDay,
} from './planWithdrawalCover.js';
export { type ReclaimableWorker, reclaimableWorkers } from './reclaimable.js';
export { type GuardianSnapshot, guardianSnapshot$, readGuardianSnapshot } from './snapshot.js';
export { isStoppable, type RequestRisk, type WithdrawalRisk, withdrawalRisk } from './withdrawalRisk.js';

/** A {@link CoverPlan} with the operation that carries it out. */
export interface GuardianPlan extends CoverPlan {
  /**
   * The plan's stops as ONE extrinsic (`utility.batchAll` of `stop_mining`s, or a single call), to be signed by
   * the pool owner; undefined when there is nothing to stop or the plan cannot work (see `problem`).
   */
  operation: OperationChain<void> | undefined;
}

/** Adds the operation to a plan: `chainOf(pid)` is the client's `pool(pid)`. */
export function withOperation(plan: CoverPlan, chainOf: (pid: bigint) => OperationChain<void>): GuardianPlan {
  if (plan.problem !== undefined || plan.stops.length === 0) return { ...plan, operation: undefined };
  let op = chainOf(plan.pid);
  for (const s of plan.stops) op = op.stopMining(s.worker);
  return { ...plan, operation: op };
}

/** Live snapshot → live risk (undefined while the pool does not exist). */
export function withdrawalRisk$(
  snapshot$: Observable<GuardianSnapshot | undefined>,
): Observable<WithdrawalRisk | undefined> {
  return snapshot$.pipe(map((s) => (s === undefined ? undefined : withdrawalRisk(s))));
}

/** Live snapshot → live plan with its operation. */
export function planWithdrawalCover$(
  snapshot$: Observable<GuardianSnapshot | undefined>,
  chainOf: (pid: bigint) => OperationChain<void>,
  options: CoverOptions = {},
): Observable<GuardianPlan | undefined> {
  return snapshot$.pipe(
    map((s) => (s === undefined ? undefined : withOperation(planCover(s, options), chainOf))),
  );
}

/** Live snapshot → the workers whose cooldown is over. */
export function reclaimable$(
  snapshot$: Observable<GuardianSnapshot | undefined>,
): Observable<ReclaimableWorker[]> {
  return snapshot$.pipe(map((s) => (s === undefined ? [] : reclaimableWorkers(s))));
}
