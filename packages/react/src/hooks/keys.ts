import { normalizeAddress, normalizePid } from '@phala-mining/core';

// Keys only need to identify a query, so arguments are canonicalised where possible (1, 1n and '1' are one pool;
// any SS58 form of an account is one account). Invalid input still gets a key: the source then reports the typed
// error through the hook instead of crashing the render.

export function pidKey(pid: bigint | number): string {
  try {
    return normalizePid(pid).toString();
  } catch {
    return `invalid(${String(pid)})`;
  }
}

export function accountKey(account: string): string {
  try {
    return normalizeAddress(account);
  } catch {
    return `invalid(${account})`;
  }
}
