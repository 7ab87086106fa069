import type { TokenomicParameters } from '@phala-mining/math';
import { distinctUntilChanged, map, type Observable, switchMap } from 'rxjs';
import type { ObservableDeps } from '../state/observableDeps.js';
import type { PoolInfo } from '../state/records.js';
import { type WorkerView, workerRequests, workerView } from '../state/workers.js';
import {
  decodeBalanceOption,
  decodeMiner,
  decodeNowSeconds,
  decodePool,
  decodeRegistryWorker,
  decodeTokenomics,
} from '../storage/decode.js';
import {
  type DecodedValues,
  readDecoded,
  readDecodedGroups,
  watchDecodedGroups$,
} from '../storage/source.js';
import { poolSubAccount } from '../subAccount.js';

/**
 * Everything the guardian decides from, read at ONE block: the pool record, its workers, chain time, the mining
 * switch and the tokenomic parameters. One storage subscription (or one read) carries all of it, so a risk figure
 * never mixes the pool of one block with the clock of another.
 */
export interface GuardianSnapshot {
  /** The pool record (whitelist and description are not read: the guardian does not need them). */
  pool: PoolInfo;
  /** The pool's workers in the pool's order, as the Worker List shows them. */
  workers: WorkerView[];
  /** Chain time of the block, unix seconds. */
  now: bigint;
  /** `PhalaStakePool.MiningEnabled`: stopping a worker needs it on (the forced stop does not). */
  miningEnabled: boolean;
  /** `GracePeriod`, seconds (7 days on Khala). */
  gracePeriod: bigint;
  /** `PhalaMining.CoolDownPeriod`, seconds. */
  coolDownPeriod: bigint;
  /** The chain's tokenomic parameters; undefined when unset (no reward estimate then). */
  tokenomics: TokenomicParameters | undefined;
}

function head(pid: bigint) {
  return [
    ['PhalaStakePool', 'StakePools', pid],
    ['Timestamp', 'Now'],
    ['PhalaStakePool', 'MiningEnabled'],
    ['PhalaMining', 'CoolDownPeriod'],
    ['PhalaMining', 'TokenomicParameters'],
  ] as const;
}

type SnapshotValues = [
  DecodedValues<ReturnType<typeof head>>,
  DecodedValues<ReturnType<typeof workerRequests>>[],
];

function decodeSnapshot(
  deps: ObservableDeps,
  pid: bigint,
  workers: readonly string[],
  [[stakePool, nowMs, miningEnabled, coolDownPeriod, tokenomics], records]: SnapshotValues,
): GuardianSnapshot | undefined {
  const pool = decodePool(stakePool, undefined, undefined, deps.ss58);
  if (!pool) return undefined;
  const env = {
    now: decodeNowSeconds(nowMs),
    coolDownPeriod,
    tokenomics: decodeTokenomics(tokenomics),
  };
  // the worker list of this very block decides which workers the snapshot holds; a worker added since the keys
  // were made is picked up by the next subscription (the list changed), never half-read
  const listed = new Set(pool.workers);
  const views: WorkerView[] = [];
  workers.forEach((w, i) => {
    if (!listed.has(w)) return;
    const [registered, miner, stake] = records[i]!;
    views.push(
      workerView(
        w,
        poolSubAccount(pid, w, deps.ss58),
        decodeRegistryWorker(registered, deps.ss58),
        decodeMiner(miner),
        decodeBalanceOption(stake),
        env,
      ),
    );
  });
  return {
    pool,
    workers: views,
    now: env.now,
    miningEnabled,
    gracePeriod: deps.constants.gracePeriod,
    coolDownPeriod: env.coolDownPeriod,
    tokenomics: env.tokenomics,
  };
}

/** The guardian's snapshot of a pool at the head, read once (one `state_queryStorageAt` per worker-list read). */
export async function readGuardianSnapshot(
  deps: ObservableDeps,
  pid: bigint,
): Promise<GuardianSnapshot | undefined> {
  // the worker list is needed to know which keys to read; a second read then takes everything at one block
  const [raw] = await readDecoded(deps.api, [['PhalaStakePool', 'StakePools', pid]]);
  const first = decodePool(raw, undefined, undefined, deps.ss58);
  if (!first) return undefined;
  const values = await readDecodedGroups(
    deps.api,
    head(pid),
    first.workers.map((w) => workerRequests(pid, w)),
  );
  return decodeSnapshot(deps, pid, first.workers, values);
}

/**
 * The guardian's snapshot of a pool, live: one storage subscription for the pool, the clock, the switch, the
 * parameters and every worker's records, re-made only when the pool's worker list changes. Emits undefined while
 * the pool does not exist.
 */
export function guardianSnapshot$(
  deps: ObservableDeps,
  pool$: Observable<PoolInfo | undefined>,
  pid: bigint,
): Observable<GuardianSnapshot | undefined> {
  return pool$.pipe(
    map((p) => p?.workers ?? []),
    distinctUntilChanged((a, b) => a.length === b.length && a.every((x, i) => x === b[i])),
    switchMap((workers) =>
      watchDecodedGroups$(
        deps.api,
        head(pid),
        workers.map((w) => workerRequests(pid, w)),
      ).pipe(map((v) => decodeSnapshot(deps, pid, workers, v))),
    ),
  );
}
