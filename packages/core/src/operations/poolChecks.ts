import { sameAccount } from '../accounts.js';
import { NotPoolOwnerError, PoolNotFoundError } from '../errors/index.js';
import type { PoolInfo } from '../state/records.js';

/** The pool must exist (`PoolDoesNotExist`). */
export function requirePool(pid: bigint, pool: PoolInfo | undefined): PoolInfo {
  if (!pool) throw new PoolNotFoundError(pid);
  return pool;
}

/** The pool must exist and the caller own it (`PoolDoesNotExist`, `UnauthorizedPoolOwner`), in the chain's order. */
export function requireOwnedPool(pid: bigint, pool: PoolInfo | undefined, caller: string): PoolInfo {
  const p = requirePool(pid, pool);
  if (!sameAccount(p.owner, caller)) throw new NotPoolOwnerError(pid, p.owner, caller);
  return p;
}
