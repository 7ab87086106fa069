import { maxStake, minStake, type TokenomicParameters } from '@phala-mining/math';
import { hexToU8a } from '@polkadot/util';
import { distinctUntilChanged, map, type Observable, of, switchMap } from 'rxjs';
import {
  decodeBalanceOption,
  decodeMiner,
  decodeNowSeconds,
  decodeRegistryWorker,
  decodeTokenomics,
} from '../storage/decode.js';
import { type DecodedValues, watchDecodedGroups$ } from '../storage/source.js';
import { poolSubAccount, poolSubAccountHex } from '../subAccount.js';
import type { ObservableDeps } from './observableDeps.js';
import type { MinerInfo, MinerStateName, PoolInfo, RegistryWorkerInfo } from './records.js';

/** Worker states as the Phala App shows them. */
export type WorkerDisplayState = 'Ready' | 'Mining' | 'Unresponsive' | 'CoolingDown' | 'Unbound';

/** A row of the Worker List. */
export interface WorkerView {
  /** Worker public key, 0x-hex. */
  pubkey: string;
  /** the pool's miner sub-account for this worker */
  miner: string;
  /** The state as the Worker List shows it; `Unbound` when the pool has no miner record for the worker. */
  state: WorkerDisplayState;
  /** the chain's MinerState (undefined before the first bind) */
  minerState: MinerStateName | undefined;
  /** stake while Mining/CoolingDown, else 0 */
  stake: bigint;
  /** "Mining Core": registry `features[0]` */
  cores: number | undefined;
  /** SGX attestation level from the registry (1 best … 5; 128 root/genesis); undefined if unregistered. */
  confidenceLevel: number | undefined;
  /** benchmark score P (initial) */
  initialScore: number | undefined;
  /** latest measured score */
  instantScore: number;
  /** V and initial Ve, U64F64 bits */
  v: bigint;
  /** Ve, the V the worker started mining with, U64F64 bits (0 when there is no miner record). */
  ve: bigint;
  /** "Total Reward": all historical rewards, planck */
  totalReward: bigint;
  /** Smin: the least stake this worker may start mining with, planck (undefined without a benchmark or tokenomics). */
  smin: bigint | undefined;
  /** Smax: the most stake this worker may mine with, planck; undefined without benchmark or tokenomics, or if no stake is allowed. */
  smax: bigint | undefined;
  /** unix seconds; only while CoolingDown */
  coolDownStart: bigint | undefined;
  /** cool_down_start + CoolDownPeriod; only while CoolingDown */
  cooldownEnd: bigint | undefined;
  /** seconds until the cooldown ends (0 when over); only while CoolingDown */
  cooldownRemaining: bigint | undefined;
  /** CoolingDown with the cooldown over */
  reclaimable: boolean;
}

/** Chain-wide values the worker views are computed with. */
export interface WorkerEnvironment {
  /** The chain's tokenomic parameters (`PhalaMining.TokenomicParameters`); undefined when unset. */
  tokenomics: TokenomicParameters | undefined;
  /** seconds */
  coolDownPeriod: bigint;
  /** chain time, unix seconds */
  now: bigint;
}

const DISPLAY: Record<MinerStateName, WorkerDisplayState> = {
  Ready: 'Ready',
  MiningIdle: 'Mining',
  MiningUnresponsive: 'Unresponsive',
  MiningCoolingDown: 'CoolingDown',
};

/** Builds a {@link WorkerView} from the records (pure). */
export function workerView(
  pubkey: string,
  minerAccount: string,
  registered: RegistryWorkerInfo | undefined,
  miner: MinerInfo | undefined,
  stake: bigint,
  env: WorkerEnvironment,
): WorkerView {
  const p = registered?.initialScore;
  const cooling = miner?.state === 'MiningCoolingDown';
  const end = cooling ? miner!.coolDownStart + env.coolDownPeriod : undefined;
  return {
    pubkey,
    miner: minerAccount,
    state: miner ? DISPLAY[miner.state] : 'Unbound',
    minerState: miner?.state,
    stake,
    cores: registered?.features[0],
    confidenceLevel: registered?.confidenceLevel,
    initialScore: p,
    instantScore: miner?.pInstant ?? 0,
    v: miner?.v ?? 0n,
    ve: miner?.ve ?? 0n,
    totalReward: miner?.totalReward ?? 0n,
    smin: p !== undefined && env.tokenomics ? minStake(env.tokenomics, p) : undefined,
    smax:
      p !== undefined && env.tokenomics
        ? maxStake(env.tokenomics, p, registered!.confidenceLevel)
        : undefined,
    coolDownStart: cooling ? miner!.coolDownStart : undefined,
    cooldownEnd: end,
    cooldownRemaining: end === undefined ? undefined : end > env.now ? end - env.now : 0n,
    reclaimable: end !== undefined && env.now >= end,
  };
}

/**
 * Live views of a list of workers of a pool: ONE storage subscription for every worker's registry record, miner
 * record and stake plus the tokenomic parameters, cooldown period and chain time (so a pool with 200 workers is one
 * subscription of 603 keys, not 600 subscriptions).
 */
export function workerViews$(
  deps: ObservableDeps,
  pid: bigint,
  workers: readonly string[],
): Observable<WorkerView[]> {
  return watchDecodedGroups$(
    deps.api,
    WORKER_ENVIRONMENT,
    workers.map((worker) => workerRequests(pid, worker)),
  ).pipe(
    map(([environment, records]) => {
      const env = workerEnvironment(environment);
      return workers.map((w, i) => {
        const [registered, miner, stake] = records[i]!;
        return workerView(
          w,
          poolSubAccount(pid, w, deps.ss58),
          decodeRegistryWorker(registered, deps.ss58),
          decodeMiner(miner),
          decodeBalanceOption(stake),
          env,
        );
      });
    }),
  );
}

/** The chain-wide items every worker view needs (read once for all the workers shown). */
export const WORKER_ENVIRONMENT = [
  ['PhalaMining', 'TokenomicParameters'],
  ['PhalaMining', 'CoolDownPeriod'],
  ['Timestamp', 'Now'],
] as const;

/** The environment from the values of {@link WORKER_ENVIRONMENT}. */
export function workerEnvironment([tokenomics, coolDownPeriod, now]: DecodedValues<
  typeof WORKER_ENVIRONMENT
>): WorkerEnvironment {
  return { tokenomics: decodeTokenomics(tokenomics), coolDownPeriod, now: decodeNowSeconds(now) };
}

/** A worker's registry record, and the miner record and stake of the pool's sub-account for it. */
export function workerRequests(pid: bigint, worker: string) {
  // storage keys take the account's raw bytes (no SS58 checksum to verify); the view shows SS58
  const sub = hexToU8a(poolSubAccountHex(pid, worker));
  return [
    ['PhalaRegistry', 'Workers', hexToU8a(worker)],
    ['PhalaMining', 'Miners', sub],
    ['PhalaMining', 'Stakes', sub],
  ] as const;
}

/** Live worker views of a pool, following its worker list. */
export function workersState$(
  deps: ObservableDeps,
  pool$: Observable<PoolInfo | undefined>,
  pid: bigint,
): Observable<WorkerView[]> {
  return pool$.pipe(
    map((p) => p?.workers ?? []),
    distinctUntilChanged((a, b) => a.length === b.length && a.every((x, i) => x === b[i])),
    switchMap((workers) => (workers.length === 0 ? of([]) : workerViews$(deps, pid, workers))),
  );
}
