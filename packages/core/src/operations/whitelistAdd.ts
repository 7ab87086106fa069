import { normalizeAddress, sameAccount } from '../accounts.js';
import { AlreadyWhitelistedError, WhitelistFullError } from '../errors/index.js';
import type { PoolInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requireOwnedPool } from './poolChecks.js';

/** Rules of adding a staker to the whitelist, in the chain's order. */
export function checkWhitelistAdd(
  pid: bigint,
  pool: PoolInfo | undefined,
  caller: string,
  staker: string,
  limit: number,
): void {
  const p = requireOwnedPool(pid, pool, caller);
  if (p.whitelist) {
    if (p.whitelist.some((a) => sameAccount(a, staker))) throw new AlreadyWhitelistedError(pid, staker);
    if (p.whitelist.length >= limit) throw new WhitelistFullError(pid, limit);
  }
}

/** Adds a staker to the pool's contribution whitelist (creating the whitelist if the pool is open). */
export function whitelistAdd(pid: bigint, staker: string): Operation<void> {
  const account = normalizeAddress(staker);
  return {
    kind: 'whitelistAdd',
    async validate({ view, caller }) {
      const pool = await view.pool(pid);
      checkWhitelistAdd(pid, pool, caller, account, view.constants.maxWhitelistLength);
      pool!.whitelist = [...(pool!.whitelist ?? []), account];
    },
    calls: ({ api }) => [api.tx.phalaStakePool.addStakerToWhitelist(pid, account)],
  };
}
