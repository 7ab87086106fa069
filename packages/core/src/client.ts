import { ApiPromise, WsProvider } from '@polkadot/api';
import { combineLatest, map, type Observable, throwError } from 'rxjs';
import { normalizeAddress, normalizePid } from './accounts.js';
import type { ProxyRelation } from './coldkeys/proxyOperations.js';
import { approveMultisig, cancelMultisig } from './coldkeys/send.js';
import type { MultisigSigner } from './coldkeys/signers.js';
import { type PendingMultisig, type ProxyDefinition, pendingMultisigs$, proxies$ } from './coldkeys/state.js';
import { ConnectionMonitor, type ConnectionState, waitUntilReady } from './connection.js';
import { ConnectionFailedError, MiningError, PoolNotFoundError } from './errors/index.js';
import { type FleetView, fleetState$ } from './fleet/fleetState.js';
import {
  type CoverOptions,
  type GuardianPlan,
  type GuardianSnapshot,
  guardianSnapshot$,
  planCover,
  planWithdrawalCover$,
  type ReclaimableWorker,
  readGuardianSnapshot,
  reclaimable$,
  reclaimableWorkers,
  type WithdrawalRisk,
  withdrawalRisk,
  withdrawalRisk$,
  withOperation,
} from './guardian/index.js';
import { type LibraryLogger, routeLibraryLogs } from './libraryLogs.js';
import { NETWORKS, type NetworkPreset, PHALA_SIGNED_EXTENSIONS } from './networks.js';
import { OperationChain } from './operations/operationChain.js';
import { detectRuntime, type RuntimeSupport } from './runtimeSupport.js';
import { estimateApr } from './state/apr.js';
import { balanceState$ } from './state/balance.js';
import { type PoolConstants, poolConstants } from './state/chainView.js';
import type { ObservableDeps } from './state/observableDeps.js';
import { type Overview, overviewState$, type PoolOverview } from './state/overview.js';
import { poolState$ } from './state/pool.js';
import { type PoolsFilter, poolsState$ } from './state/poolList.js';
import { queryKeys } from './state/queryKeys.js';
import type { AccountBalance, PoolInfo } from './state/records.js';
import { shareLatest } from './state/shareLatest.js';
import { type QueuedWithdrawal, type StakeView, stakeState$, withdrawQueueState$ } from './state/stake.js';
import { type TokenomicsView, tokenomicsState$ } from './state/tokenomics.js';
import { type WorkerView, workersState$ } from './state/workers.js';
import { NonceTracker } from './tx/nonceTracker.js';
import type { TxSubmission, WaitFor } from './tx/txSubmission.js';

/** Options of {@link createMiningClient}: an endpoint (or a network preset), or an existing ApiPromise. */
export type MiningClientOptions = (
  | {
      /** WebSocket RPC URL of a node; with several, the provider moves on to the next when one fails. */
      endpoint: string | string[];
      /** The node's network (preset or name): its SS58 prefix and signed extensions; default Khala. */
      network?: NetworkPreset | keyof typeof NETWORKS;
      /** Absent in this form: the client opens its own connection to `endpoint`. */
      api?: never;
      /** reconnect delay of the client's connection, ms; default 1000 */
      autoConnectMs?: number;
    }
  | {
      /** Preset or name: the client connects to its endpoint, with its SS58 prefix and signed extensions. */
      network: NetworkPreset | keyof typeof NETWORKS;
      /** Absent in this form: the preset's own endpoint is used. */
      endpoint?: never;
      /** Absent in this form: the client opens its own connection. */
      api?: never;
      /** reconnect delay of the client's connection, ms; default 1000 */
      autoConnectMs?: number;
    }
  | {
      /** your connection: the client neither reconnects it differently nor closes it on `disconnect()` */
      api: ApiPromise;
      /** only the network's SS58 prefix applies (the connection is yours) */
      network?: NetworkPreset | keyof typeof NETWORKS;
      /** Absent in this form: the connection already has its node. */
      endpoint?: never;
      /** Absent in this form: reconnecting is up to whoever created the connection. */
      autoConnectMs?: never;
    }
) & {
  /** SS58 prefix of returned addresses; default the network's (30) */
  ss58Format?: number;
  /** when awaiting a send resolves; default `finalized` */
  waitFor?: WaitFor;
  /**
   * How long to wait for the chain to be ready, ms; default 30 000. A client-created connection is closed when the
   * time runs out (a passed-in ApiPromise is left as it is) and the promise rejects with
   * {@link ConnectionTimeoutError}; later drops are reconnected without limit.
   */
  connectTimeoutMs?: number;
  /**
   * Calls the connection attempt off: aborting it before the client is ready closes a client-created connection at
   * once (a passed-in ApiPromise is left as it is), releases the `logger`, and rejects with
   * {@link ConnectAbortedError}. No effect once the client is returned (then `disconnect()` it).
   */
  signal?: AbortSignal;
  /**
   * Where @polkadot/api's own console lines go (`API-WS: disconnected … 1006`, `RPC-CORE: … 1010 …`, `API/INIT: …`):
   * `'console'` (default: left as @polkadot/api writes them), `'silent'`, or a function receiving each
   * `LibraryLogEntry`. Taken from the moment the client starts connecting until `disconnect()`; console is
   * process-wide, so with several such clients open the most recently created one's logger gets the lines.
   */
  logger?: LibraryLogger;
};

/**
 * The Phala App's Mining pages as a library: typed, validated operations and live state of Khala stake pool v1.
 * Create it with {@link createMiningClient}.
 */
export class MiningClient {
  /** Connection state: 'connected' | 'disconnected' | 'reconnecting'. */
  readonly connection$: Observable<ConnectionState>;
  /** Stake pool constants (MinContribution, MaxPoolWorkers, GracePeriod …). */
  readonly constants: PoolConstants;
  private readonly connection: ConnectionMonitor;
  private readonly nonces: NonceTracker;
  private readonly deps: ObservableDeps;
  private readonly cache = new Map<string, Observable<unknown>>();

  /** @internal use {@link createMiningClient} */
  constructor(
    /** The underlying @polkadot/api client (Promise; `api.rx` for RxJS). */
    readonly api: ApiPromise,
    /** What the runtime offers (claims split or not …). */
    readonly runtime: RuntimeSupport,
    /** SS58 prefix used for addresses. */
    readonly ss58: number,
    private readonly waitFor: WaitFor,
    private readonly ownsApi: boolean,
    private readonly releaseLogs: () => void = () => undefined,
  ) {
    this.connection = new ConnectionMonitor(api);
    this.connection$ = this.connection.state$;
    this.nonces = new NonceTracker(api);
    this.constants = poolConstants(api);
    this.deps = { api, ss58, constants: this.constants };
  }

  private chainDeps() {
    return {
      api: this.api,
      nonces: this.nonces,
      connection: this.connection,
      ss58: this.ss58,
      runtime: this.runtime,
      waitFor: this.waitFor,
    };
  }

  private memo<T>(key: string, make: () => Observable<T>): Observable<T> {
    let o = this.cache.get(key) as Observable<T> | undefined;
    if (!o) {
      o = make().pipe(shareLatest());
      this.cache.set(key, o);
    }
    return o;
  }

  // ── operations ──────────────────────────────────────────────────────────────────────────────────────────────

  /** "Create StakePool"; `(await client.createPool().send(signer)).value` is the new pid. */
  createPool(): OperationChain<bigint> {
    return new OperationChain<void>(this.chainDeps(), [], undefined).createPool();
  }

  /** Operations on a pool: `client.pool(pid).setPayout(20).setCap(pha('50000')).send(signer)`. */
  pool(pid: bigint | number): OperationChain<void> {
    // a bad pool id is refused by the chain's validation (dryRun / send), like any other bad input
    return new OperationChain<void>(this.chainDeps(), [], undefined).pool(pid);
  }

  /** "Add proxy" signed by the account that delegates: `client.addProxy(hotKey.address).send(owner)`. */
  addProxy(delegate: string, options?: ProxyRelation): OperationChain<void> {
    return new OperationChain<void>(this.chainDeps(), [], undefined).addProxy(delegate, options);
  }

  /** "Remove proxy" signed by the account that delegated. */
  removeProxy(delegate: string, options?: ProxyRelation): OperationChain<void> {
    return new OperationChain<void>(this.chainDeps(), [], undefined).removeProxy(delegate, options);
  }

  /**
   * Approves a pending operation of the signer's multisig by call hash (for a call built elsewhere); the approval
   * that reaches the threshold executes it and needs `callData` unless the chain stores it.
   */
  approveMultisig(signer: MultisigSigner, callHash: string, callData?: string): TxSubmission<void> {
    return approveMultisig(this.chainDeps(), signer, callHash, callData);
  }

  /** Cancels a pending operation of the signer's multisig; only the signatory who opened it may. */
  cancelMultisig(signer: MultisigSigner, callHash: string): TxSubmission<void> {
    return cancelMultisig(this.chainDeps(), signer, callHash);
  }

  // ── state ───────────────────────────────────────────────────────────────────────────────────────────────────

  /** Live pool record (owner, commission, cap, owner reward, shares, stakes, workers, queue, whitelist, description). */
  pool$(pid: bigint | number): Observable<PoolInfo | undefined> {
    return refusing(() => {
      const id = normalizePid(pid);
      return this.memo(queryKeys.pool(id), () => poolState$(this.deps, id));
    });
  }

  /** Live pools, optionally only those of `owner`. */
  pools$(filter: PoolsFilter = {}): Observable<PoolInfo[]> {
    return refusing(() => {
      const owner = filter.owner === undefined ? undefined : normalizeAddress(filter.owner, this.ss58);
      return this.memo(queryKeys.pools(owner === undefined ? {} : { owner }), () =>
        poolsState$(this.deps, owner === undefined ? {} : { owner }),
      );
    });
  }

  /** Live Worker List of a pool: state, stake, cores, scores, V, total reward, Smin/Smax, cooldown end. */
  workers$(pid: bigint | number): Observable<WorkerView[]> {
    return refusing(() => {
      const id = normalizePid(pid);
      return this.memo(queryKeys.workers(id), () => workersState$(this.deps, this.pool$(id), id));
    });
  }

  /** Live pool with its workers (two storage subscriptions in all). */
  poolOverview$(pid: bigint | number): Observable<PoolOverview | undefined> {
    return refusing(() => {
      const id = normalizePid(pid);
      return this.memo(queryKeys.poolOverview(id), () =>
        combineLatest([this.pool$(id), this.workers$(id)]).pipe(
          map(([pool, workers]) => (pool ? { pool, workers } : undefined)),
        ),
      );
    });
  }

  /** Live "Your Stake Info" of an account in a pool (locked, shares, value, rewards, queued withdrawal). */
  stake$(pid: bigint | number, account: string): Observable<StakeView | undefined> {
    return refusing(() => {
      const id = normalizePid(pid);
      const who = normalizeAddress(account, this.ss58);
      return this.memo(queryKeys.stake(id, who), () => stakeState$(this.deps, this.pool$(id), id, who));
    });
  }

  /** Live withdraw queue of a pool with countdowns. */
  withdrawQueue$(pid: bigint | number): Observable<QueuedWithdrawal[]> {
    return refusing(() => {
      const id = normalizePid(pid);
      return this.memo(queryKeys.withdrawQueue(id), () => withdrawQueueState$(this.deps, this.pool$(id)));
    });
  }

  /** Live balance: free, locked by pools, delegable. */
  balance$(account: string): Observable<AccountBalance> {
    return refusing(() => {
      const who = normalizeAddress(account, this.ss58);
      return this.memo(queryKeys.balance(who), () => balanceState$(this.deps, who));
    });
  }

  /** Live tokenomic parameters, cooldown period, online miners and the mining switch. */
  tokenomics$(): Observable<TokenomicsView> {
    return this.memo(queryKeys.tokenomics(), () => tokenomicsState$(this.deps));
  }

  /** Live overview of an account: every pool it owns and every worker in them, with totals. */
  overview$(account: string): Observable<Overview> {
    return refusing(() => {
      const who = normalizeAddress(account, this.ss58);
      return this.memo(queryKeys.overview(who), () =>
        overviewState$(who, this.pools$({ owner: who }), (pid) => this.workers$(pid)),
      );
    });
  }

  /**
   * Live fleet of an owner: every pool it owns with every worker, over a constant number of storage
   * subscriptions whatever the fleet's size: the pools in one, all their workers in one more.
   */
  fleet$(owner: string): Observable<FleetView> {
    return refusing(() => {
      const who = normalizeAddress(owner, this.ss58);
      return this.memo(queryKeys.fleet(who), () => fleetState$(this.deps, who, this.pools$({ owner: who })));
    });
  }

  /** Live APR estimate of a pool as the Phala App computed it (fraction; see {@link estimateApr}). */
  apr$(pid: bigint | number, networkShare?: bigint): Observable<number> {
    return refusing(() => {
      const id = normalizePid(pid);
      return combineLatest([this.pool$(id), this.workers$(id), this.tokenomics$()]).pipe(
        map(([pool, workers, t]) =>
          pool && t.params ? estimateApr(pool, workers, t.params, networkShare) : 0,
        ),
      );
    });
  }

  // ── withdrawal guardian ─────────────────────────────────────────────────────────────────────────────────────

  /** Live guardian snapshot of a pool: pool, workers, clock, switch, parameters — one subscription, one block. */
  guardianSnapshot$(pid: bigint | number): Observable<GuardianSnapshot | undefined> {
    return refusing(() => {
      const id = normalizePid(pid);
      return this.memo(queryKeys.guardianSnapshot(id), () =>
        guardianSnapshot$(this.deps, this.pool$(id), id),
      );
    });
  }

  /**
   * Live forced-stop risk of a pool: each queued request's deadline and whether free + releasing stake covers it,
   * and for the pool `atRisk`, the first uncovered deadline, the `shortfall` (planck) and the time left — the
   * chain's own rule with its own arithmetic. Undefined while the pool does not exist.
   */
  withdrawalRisk$(pid: bigint | number): Observable<WithdrawalRisk | undefined> {
    return withdrawalRisk$(this.guardianSnapshot$(pid));
  }

  /** The guardian snapshot of a pool at the head, read once; throws {@link PoolNotFoundError}. */
  guardianSnapshot(pid: bigint | number): Promise<GuardianSnapshot> {
    return this.readGuardian(normalizePid(pid));
  }

  /** The forced-stop risk of a pool at the head, read once; throws {@link PoolNotFoundError}. */
  async withdrawalRisk(pid: bigint | number): Promise<WithdrawalRisk> {
    return withdrawalRisk(await this.readGuardian(normalizePid(pid)));
  }

  /**
   * The stop plan that keeps a pool out of the forced stop, read at the head: the smallest set of mining workers
   * whose stakes cover the shortfall, by strategy, with each one's reward per day and the `operation` (one batch)
   * that stops them; `problem` says why no plan can work. Throws {@link PoolNotFoundError}.
   */
  async planWithdrawalCover(pid: bigint | number, options: CoverOptions = {}): Promise<GuardianPlan> {
    const snapshot = await this.readGuardian(normalizePid(pid));
    return withOperation(planCover(snapshot, options), (p) => this.pool(p));
  }

  /** {@link planWithdrawalCover}, live. */
  planWithdrawalCover$(
    pid: bigint | number,
    options: CoverOptions = {},
  ): Observable<GuardianPlan | undefined> {
    return planWithdrawalCover$(this.guardianSnapshot$(pid), (p) => this.pool(p), options);
  }

  /** Live list of the pool's workers whose cooldown is over (anyone may reclaim them). */
  reclaimable$(pid: bigint | number): Observable<ReclaimableWorker[]> {
    return reclaimable$(this.guardianSnapshot$(pid));
  }

  /** The pool's reclaimable workers at the head, read once; throws {@link PoolNotFoundError}. */
  async reclaimable(pid: bigint | number): Promise<ReclaimableWorker[]> {
    return reclaimableWorkers(await this.readGuardian(normalizePid(pid)));
  }

  private async readGuardian(pid: bigint): Promise<GuardianSnapshot> {
    const snapshot = await readGuardianSnapshot(this.deps, pid);
    if (snapshot === undefined) throw new PoolNotFoundError(pid);
    return snapshot;
  }

  /** Live proxies of an account: who may act for it, with which proxy type and delay. */
  proxies$(account: string): Observable<ProxyDefinition[]> {
    return refusing(() => {
      const who = normalizeAddress(account, this.ss58);
      return this.memo(queryKeys.proxies(who), () => proxies$(this.api, who, this.ss58));
    });
  }

  /** Live operations of a multisig account waiting for approvals, with their timepoints and approvals. */
  pendingMultisigs$(account: string): Observable<PendingMultisig[]> {
    return refusing(() => {
      const who = normalizeAddress(account, this.ss58);
      return this.memo(queryKeys.pendingMultisigs(who), () => pendingMultisigs$(this.api, who, this.ss58));
    });
  }

  /** Closes the connection if the client created it. */
  async disconnect(): Promise<void> {
    this.connection.close();
    try {
      if (this.ownsApi) await this.api.disconnect();
    } finally {
      this.releaseLogs();
    }
  }
}

/** Bad arguments become the observable's `error` notification: a state factory never throws. */
function refusing<T>(make: () => Observable<T>): Observable<T> {
  try {
    return make();
  } catch (error) {
    return throwError(() => error);
  }
}

/**
 * Connects (or wraps an existing ApiPromise) and checks the runtime. Throws {@link UnsupportedRuntimeError} for a
 * runtime without stake pool v1.
 *
 * ```ts
 * const client = await createMiningClient({ network: 'dev' }); // the local dev chain, ws://127.0.0.1:9944
 * ```
 */
export async function createMiningClient(options: MiningClientOptions): Promise<MiningClient> {
  const preset =
    'network' in options && options.network !== undefined
      ? typeof options.network === 'string'
        ? NETWORKS[options.network]
        : options.network
      : NETWORKS.khala;
  if (preset === undefined) {
    throw new ConnectionFailedError(
      String(options.network),
      `unknown network ${JSON.stringify(options.network)}: one of ${Object.keys(NETWORKS).join(', ')}, or give { endpoint }`,
    );
  }
  let api: ApiPromise;
  let ownsApi = false;
  let releaseLogs: () => void;
  if (options.api !== undefined) {
    api = options.api;
    releaseLogs = routeLibraryLogs(options.logger);
  } else {
    const endpoint = options.endpoint ?? preset.endpoint;
    checkEndpoint(endpoint, preset, options.endpoint === undefined);
    // taken before the connection opens: its first failures are logged while connecting
    releaseLogs = routeLibraryLogs(options.logger);
    const provider = new WsProvider(endpoint, options.autoConnectMs ?? 1000);
    api = new ApiPromise({
      provider,
      signedExtensions: { ...PHALA_SIGNED_EXTENSIONS, ...preset.signedExtensions },
      noInitWarn: true,
    });
    ownsApi = true;
  }
  const endpoint = options.api !== undefined ? 'the given ApiPromise' : (options.endpoint ?? preset.endpoint);
  try {
    await waitUntilReady(api, endpoint, options.connectTimeoutMs ?? 30_000, options.signal);
    const runtime = detectRuntime(api);
    return new MiningClient(
      api,
      runtime,
      options.ss58Format ?? preset.ss58Format,
      options.waitFor ?? 'finalized',
      ownsApi,
      releaseLogs,
    );
  } catch (error) {
    // an abort or a timeout ends the wait at once: close the socket and release the logger now
    if (ownsApi) await api.disconnect().catch(() => undefined);
    releaseLogs();
    if (error instanceof MiningError) throw error;
    throw new ConnectionFailedError(endpoint, describe(error), { cause: error });
  }
}

/**
 * Refuses, before any socket is opened, what cannot work: a URL that is not `ws://`/`wss://` (the WebSocket provider
 * would throw a plain Error), and the endpoints of Khala and Phala, where stake pool v1 no longer runs.
 */
function checkEndpoint(endpoint: string | string[], preset: NetworkPreset, fromPreset: boolean): void {
  for (const url of [endpoint].flat()) {
    if (typeof url !== 'string' || !/^wss?:\/\/./.test(url))
      throw new ConnectionFailedError(
        endpoint,
        `not a WebSocket URL (ws:// or wss://): ${JSON.stringify(url)}`,
      );
  }
  if (fromPreset && (preset.name === 'khala' || preset.name === 'phala')) {
    throw new ConnectionFailedError(
      endpoint,
      `${preset.name === 'khala' ? 'Khala' : 'Phala'} stake pool v1 is gone (Khala was shut down; v1 ended with runtime 1199) — use the dev chain: createMiningClient({ network: 'dev' }) with \`npx -p @phala-mining/devchain phala-devchain\` running, or { endpoint } of a node you run`,
    );
  }
}

/** A readable reason from what @polkadot/api rejects with (an Error, or a WebSocket ErrorEvent). */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const event = error as { message?: unknown; error?: { message?: unknown } } | undefined;
  const message = event?.error?.message ?? event?.message;
  return typeof message === 'string' && message !== '' ? message : 'the connection failed';
}
