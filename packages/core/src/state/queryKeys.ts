/**
 * The cache key of every live query: the client caches its observables under these and the query descriptors
 * (queries.ts) carry them, so a key is built in one place only. Apart from the descriptors because the client needs
 * the keys and the descriptors need the client.
 */
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { normalizePid } from '../accounts.js';
import type { CoverOptions } from '../guardian/planWithdrawalCover.js';
import type { PoolsFilter } from './poolList.js';

// Keys only need to identify a query, so arguments are canonicalised where possible. Invalid input still gets a key
// of its own, so that a hook can report the typed error instead of crashing the render.
function pidKey(pid: bigint | number): string {
  try {
    return normalizePid(pid).toString();
  } catch {
    return `invalid(${String(pid)})`;
  }
}

function accountKey(account: string): string {
  try {
    // the public key, so the key does not depend on the SS58 prefix the address was written with
    return u8aToHex(decodeAddress(account));
  } catch {
    return `invalid(${String(account)})`;
  }
}

function coverStrategyKey(s: CoverOptions['strategy']): string {
  return s === undefined || typeof s === 'string' ? (s ?? 'least-reward') : `rank(${s.rank.join(',')})`;
}

/** The cache key of every query; the client and the descriptors below both use these. */
export const queryKeys = {
  /** key of {@link MiningClient.pool$} */
  pool: (pid: bigint | number) => `pool:${pidKey(pid)}`,
  /** key of {@link MiningClient.pools$} */
  pools: (filter: PoolsFilter = {}) => `pools:${filter.owner === undefined ? '*' : accountKey(filter.owner)}`,
  /** key of {@link MiningClient.workers$} */
  workers: (pid: bigint | number) => `workers:${pidKey(pid)}`,
  /** key of {@link MiningClient.poolOverview$} */
  poolOverview: (pid: bigint | number) => `poolOverview:${pidKey(pid)}`,
  /** key of {@link MiningClient.stake$} */
  stake: (pid: bigint | number, account: string) => `stake:${pidKey(pid)}:${accountKey(account)}`,
  /** key of {@link MiningClient.withdrawQueue$} */
  withdrawQueue: (pid: bigint | number) => `queue:${pidKey(pid)}`,
  /** key of {@link MiningClient.balance$} */
  balance: (account: string) => `balance:${accountKey(account)}`,
  /** key of {@link MiningClient.tokenomics$} */
  tokenomics: () => 'tokenomics',
  /** key of {@link MiningClient.overview$} */
  overview: (account: string) => `overview:${accountKey(account)}`,
  /** key of {@link MiningClient.fleet$} */
  fleet: (owner: string) => `fleet:${accountKey(owner)}`,
  /** key of {@link MiningClient.apr$} */
  apr: (pid: bigint | number, networkShare?: bigint) =>
    `apr:${pidKey(pid)}${networkShare === undefined ? '' : `:${networkShare}`}`,
  /** key of {@link MiningClient.guardianSnapshot$}, which the guardian's risk, plan and reclaimable lists share */
  guardianSnapshot: (pid: bigint | number) => `guardian:${pidKey(pid)}`,
  /** key of {@link MiningClient.withdrawalRisk$} */
  withdrawalRisk: (pid: bigint | number) => `withdrawalRisk:${pidKey(pid)}`,
  /** key of {@link MiningClient.reclaimable$} */
  reclaimable: (pid: bigint | number) => `reclaimable:${pidKey(pid)}`,
  /** key of {@link MiningClient.planWithdrawalCover$} */
  planWithdrawalCover: (pid: bigint | number, options: CoverOptions = {}) =>
    `planCover:${pidKey(pid)}:${coverStrategyKey(options.strategy)}:${options.horizon ?? 0}:${options.networkShare ?? ''}`,
  /** key of {@link MiningClient.proxies$} */
  proxies: (account: string) => `proxies:${accountKey(account)}`,
  /** key of {@link MiningClient.pendingMultisigs$} */
  pendingMultisigs: (account: string) => `multisigs:${accountKey(account)}`,
  /** key of {@link MiningClient.connection$} */
  connection: () => 'connection',
} as const;
