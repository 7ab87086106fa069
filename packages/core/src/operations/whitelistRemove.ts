import { normalizeAddress, sameAccount } from '../accounts.js';
import { NotWhitelistedError, NoWhitelistError } from '../errors/index.js';
import type { PoolInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requireOwnedPool } from './poolChecks.js';

/** Rules of removing a staker from the whitelist, in the chain's order. */
export function checkWhitelistRemove(
  pid: bigint,
  pool: PoolInfo | undefined,
  caller: string,
  staker: string,
): void {
  const p = requireOwnedPool(pid, pool, caller);
  if (!p.whitelist) throw new NoWhitelistError(pid);
  if (!p.whitelist.some((a) => sameAccount(a, staker))) throw new NotWhitelistedError(pid, staker);
}

/** Removes a staker from the whitelist (the whitelist is deleted — pool open again — when it becomes empty). */
export function whitelistRemove(pid: bigint, staker: string): Operation<void> {
  const account = normalizeAddress(staker);
  return {
    kind: 'whitelistRemove',
    async validate({ view, caller }) {
      const pool = await view.pool(pid);
      checkWhitelistRemove(pid, pool, caller, account);
      const rest = pool!.whitelist!.filter((a) => !sameAccount(a, account));
      pool!.whitelist = rest.length > 0 ? rest : undefined;
    },
    calls: ({ api }) => [api.tx.phalaStakePool.removeStakerFromWhitelist(pid, account)],
  };
}
