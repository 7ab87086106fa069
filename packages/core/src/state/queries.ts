/**
 * Query descriptors, as wagmi's `getBalanceQueryKey` / query options: for each live state of the client, a stable
 * `key` (one per distinct query, whatever form the arguments come in) and its `source$` on a client. The client
 * caches its observables under these keys and @phala-mining/react shares its subscriptions by them, so a key is
 * built in one place only.
 */
import { defer, type Observable } from 'rxjs';
import type { MiningClient } from '../client.js';
import type { PendingMultisig, ProxyDefinition } from '../coldkeys/state.js';
import type { ConnectionState } from '../connection.js';
import type { FleetView } from '../fleet/fleetState.js';
import type { GuardianPlan } from '../guardian/index.js';
import type { CoverOptions } from '../guardian/planWithdrawalCover.js';
import type { ReclaimableWorker } from '../guardian/reclaimable.js';
import type { WithdrawalRisk } from '../guardian/withdrawalRisk.js';
import type { Overview, PoolOverview } from './overview.js';
import type { PoolsFilter } from './poolList.js';
import type { AccountBalance, PoolInfo } from './records.js';
import type { QueuedWithdrawal, StakeView } from './stake.js';
import type { TokenomicsView } from './tokenomics.js';
import type { WorkerView } from './workers.js';

/** A live query: its cache key and where its values come from on a given client. */
export interface MiningQuery<T> {
  /** Identifies the query: equal for equal arguments (pool `1`, `1n` and `'1'`; any SS58 form of an account). */
  readonly key: string;
  /**
   * The client's shared observable for it. Bad arguments (a negative pool id, a malformed address) arrive as the
   * observable's `error` notification with the typed error, never as a synchronous throw.
   */
  readonly source$: (client: MiningClient) => Observable<T>;
}

import { queryKeys } from './queryKeys.js';

export { queryKeys };

function query<T>(key: string, source: (client: MiningClient) => Observable<T>): MiningQuery<T> {
  return { key, source$: (client) => defer(() => source(client)) };
}

/** {@link MiningClient.pool$} */
export const poolQuery = (pid: bigint | number): MiningQuery<PoolInfo | undefined> =>
  query(queryKeys.pool(pid), (client) => client.pool$(pid));

/** {@link MiningClient.pools$} */
export const poolsQuery = (filter: PoolsFilter = {}): MiningQuery<PoolInfo[]> =>
  query(queryKeys.pools(filter), (client) => client.pools$(filter));

/** {@link MiningClient.workers$} */
export const workersQuery = (pid: bigint | number): MiningQuery<WorkerView[]> =>
  query(queryKeys.workers(pid), (client) => client.workers$(pid));

/** {@link MiningClient.poolOverview$} */
export const poolOverviewQuery = (pid: bigint | number): MiningQuery<PoolOverview | undefined> =>
  query(queryKeys.poolOverview(pid), (client) => client.poolOverview$(pid));

/** {@link MiningClient.stake$} */
export const stakeQuery = (pid: bigint | number, account: string): MiningQuery<StakeView | undefined> =>
  query(queryKeys.stake(pid, account), (client) => client.stake$(pid, account));

/** {@link MiningClient.withdrawQueue$} */
export const withdrawQueueQuery = (pid: bigint | number): MiningQuery<QueuedWithdrawal[]> =>
  query(queryKeys.withdrawQueue(pid), (client) => client.withdrawQueue$(pid));

/** {@link MiningClient.balance$} */
export const balanceQuery = (account: string): MiningQuery<AccountBalance> =>
  query(queryKeys.balance(account), (client) => client.balance$(account));

/** {@link MiningClient.tokenomics$} */
export const tokenomicsQuery = (): MiningQuery<TokenomicsView> =>
  query(queryKeys.tokenomics(), (client) => client.tokenomics$());

/** {@link MiningClient.overview$} */
export const overviewQuery = (account: string): MiningQuery<Overview> =>
  query(queryKeys.overview(account), (client) => client.overview$(account));

/** {@link MiningClient.fleet$} */
export const fleetQuery = (owner: string): MiningQuery<FleetView> =>
  query(queryKeys.fleet(owner), (client) => client.fleet$(owner));

/** {@link MiningClient.apr$} */
export const aprQuery = (pid: bigint | number, networkShare?: bigint): MiningQuery<number> =>
  query(queryKeys.apr(pid, networkShare), (client) => client.apr$(pid, networkShare));

/** {@link MiningClient.connection$} */
export const connectionQuery = (): MiningQuery<ConnectionState> =>
  query(queryKeys.connection(), (client) => client.connection$);

/** {@link MiningClient.withdrawalRisk$} */
export const withdrawalRiskQuery = (pid: bigint | number): MiningQuery<WithdrawalRisk | undefined> =>
  query(queryKeys.withdrawalRisk(pid), (client) => client.withdrawalRisk$(pid));

/** {@link MiningClient.reclaimable$} */
export const reclaimableQuery = (pid: bigint | number): MiningQuery<ReclaimableWorker[]> =>
  query(queryKeys.reclaimable(pid), (client) => client.reclaimable$(pid));

/** {@link MiningClient.planWithdrawalCover$} */
export const planWithdrawalCoverQuery = (
  pid: bigint | number,
  options: CoverOptions = {},
): MiningQuery<GuardianPlan | undefined> =>
  query(queryKeys.planWithdrawalCover(pid, options), (client) => client.planWithdrawalCover$(pid, options));

/** {@link MiningClient.proxies$} */
export const proxiesQuery = (account: string): MiningQuery<ProxyDefinition[]> =>
  query(queryKeys.proxies(account), (client) => client.proxies$(account));

/** {@link MiningClient.pendingMultisigs$} */
export const pendingMultisigsQuery = (account: string): MiningQuery<PendingMultisig[]> =>
  query(queryKeys.pendingMultisigs(account), (client) => client.pendingMultisigs$(account));
