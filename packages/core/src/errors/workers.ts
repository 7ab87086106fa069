/** Worker rules: registration, binding, mining state and cooldown. */
import { RuleError } from './base.js';

/** The worker key is not registered in PhalaRegistry. */
export class WorkerNotRegisteredError extends RuleError {
  override readonly name = 'WorkerNotRegisteredError' as const;
  readonly code = 'WorkerNotRegistered' as const;
  constructor(
    /** Worker public key, 0x-hex; `PhalaRegistry.Workers` has it only once its pRuntime has registered. */
    readonly worker: string,
  ) {
    super(`worker ${worker} is not registered`);
  }
}

/** The worker's registered operator is not the signer (the pool owner must be the miner's operator). */
export class NotWorkerOperatorError extends RuleError {
  override readonly name = 'NotWorkerOperatorError' as const;
  readonly code = 'NotWorkerOperator' as const;
  constructor(
    /** Worker public key, 0x-hex. */
    readonly worker: string,
    /** SS58 operator account the worker registered with; undefined when it registered without one. */
    readonly operator: string | undefined,
    /** SS58 address of the signer, who would have to be that operator. */
    readonly caller: string,
  ) {
    super(`worker ${worker} is operated by ${operator ?? 'nobody'}, not by ${caller}`);
  }
}

/** The worker has no benchmark score yet. */
export class BenchmarkMissingError extends RuleError {
  override readonly name = 'BenchmarkMissingError' as const;
  readonly code = 'BenchmarkMissing' as const;
  constructor(
    /** Worker public key, 0x-hex; its registry record gets an initial score once the benchmark reports. */
    readonly worker: string,
  ) {
    super(`worker ${worker} has not finished its benchmark (no initial score)`);
  }
}

/** The benchmark score is below the minimum accepted for mining. */
export class BenchmarkTooLowError extends RuleError {
  override readonly name = 'BenchmarkTooLowError' as const;
  readonly code = 'BenchmarkTooLow' as const;
  constructor(
    /** Worker public key, 0x-hex. */
    readonly worker: string,
    /** The worker's benchmark score P (registry `initial_score`), a measure of its CPU throughput. */
    readonly score: number,
    /** Lowest score the mining pallet accepts (`MinInitP`, 50 on Khala). */
    readonly minimum: number,
  ) {
    super(`worker ${worker} scored ${score}, below the minimum ${minimum}`);
  }
}

/** The worker already belongs to a pool (this one or another) or is bound to another miner. */
export class WorkerAlreadyBoundError extends RuleError {
  override readonly name = 'WorkerAlreadyBoundError' as const;
  readonly code = 'WorkerAlreadyBound' as const;
  constructor(
    /** Worker public key, 0x-hex. */
    readonly worker: string,
    /** The pool the worker is already in; undefined when it is bound to a miner account outside any pool. */
    readonly pid: bigint | undefined,
  ) {
    super(
      pid === undefined
        ? `worker ${worker} is already bound to a miner`
        : `worker ${worker} is already in pool ${pid}`,
    );
  }
}

/** The pool already has the maximum number of workers. */
export class PoolWorkersFullError extends RuleError {
  override readonly name = 'PoolWorkersFullError' as const;
  readonly code = 'PoolWorkersFull' as const;
  constructor(
    /** The pool that has no room left. */
    readonly pid: bigint,
    /** Most workers one pool may hold (`MaxPoolWorkers`, 200 on Khala). */
    readonly limit: number,
  ) {
    super(`pool ${pid} already has the maximum of ${limit} workers`);
  }
}

/** The worker is not in this pool. */
export class WorkerNotInPoolError extends RuleError {
  override readonly name = 'WorkerNotInPoolError' as const;
  readonly code = 'WorkerNotInPool' as const;
  constructor(
    /** The pool named in the operation. */
    readonly pid: bigint,
    /** Worker public key, 0x-hex. */
    readonly worker: string,
    /** the pool it is in, if any */
    readonly actualPid: bigint | undefined,
  ) {
    super(
      actualPid === undefined
        ? `worker ${worker} is not in pool ${pid}`
        : `worker ${worker} is in pool ${actualPid}, not in pool ${pid}`,
    );
  }
}

/** The worker's mining state does not allow the operation (e.g. Remove needs Ready, Stop needs Mining). */
export class WorkerStateError extends RuleError {
  override readonly name = 'WorkerStateError' as const;
  readonly code = 'WorkerState' as const;
  constructor(
    /** Worker public key, 0x-hex. */
    readonly worker: string,
    /** Its `MinerState` (e.g. `MiningCoolingDown`), or `Unbound` when the pool has no miner record for it. */
    readonly state: string,
    /** The states the operation accepts. */
    readonly expected: readonly string[],
  ) {
    // the guide's names (the Worker List's): MiningIdle is shown as Mining, MiningCoolingDown as CoolingDown, …
    super(
      `worker ${worker} is ${displayState(state)}; this needs ${expected.map(displayState).join(' or ')}`,
    );
  }
}

const DISPLAY_STATES: Record<string, string> = {
  MiningIdle: 'Mining',
  MiningActive: 'Mining',
  MiningUnresponsive: 'Unresponsive',
  MiningCoolingDown: 'CoolingDown',
};

/** A chain `MinerState` name as the guide and the Worker List say it (`MiningIdle` → `Mining`). */
export function displayState(state: string): string {
  return DISPLAY_STATES[state] ?? state;
}

/** `2026-12-09 15:18 UTC` */
function utcMinute(unixSeconds: bigint): string {
  return `${new Date(Number(unixSeconds) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The 7-day cooldown has not ended yet. */
export class CooldownNotOverError extends RuleError {
  override readonly name = 'CooldownNotOverError' as const;
  readonly code = 'CooldownNotOver' as const;
  constructor(
    /** Worker public key, 0x-hex. */
    readonly worker: string,
    /** unix seconds when the worker can be reclaimed */
    readonly cooldownEnd: bigint,
    /** chain time, unix seconds */
    readonly now: bigint,
  ) {
    super(
      `worker ${worker} is still cooling down: reclaimable at ${utcMinute(cooldownEnd)} (${cooldownEnd - now} s from now)`,
    );
  }
}

/** Stop/restart need the mining switch (`MiningEnabled`) on. */
export class MiningDisabledError extends RuleError {
  override readonly name = 'MiningDisabledError' as const;
  readonly code = 'MiningDisabled' as const;
  constructor() {
    super(
      "mining is switched off on this chain (PhalaStakePool.MiningEnabled is false): workers cannot be started or stopped until the chain's governance calls phalaStakePool.setMiningEnable(true) (on a dev chain started with --mining-disabled: restart it without)",
    );
  }
}

/** The chain has no tokenomic parameters; nothing can start mining. */
export class TokenomicsMissingError extends RuleError {
  override readonly name = 'TokenomicsMissingError' as const;
  readonly code = 'TokenomicsMissing' as const;
  constructor() {
    super('the chain has no tokenomic parameters (PhalaMining.TokenomicParameters is empty)');
  }
}
