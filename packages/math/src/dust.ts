import type { Balance } from './fixed.js';

/** Balances at or below this many planck are "dust" (`balance_close_to_zero`). */
export const DUST_THRESHOLD: Balance = 1000n;

/** n ≤ 1000 planck. */
export function isDust(n: Balance): boolean {
  return n <= DUST_THRESHOLD;
}

/** n > 1000 planck (`is_nondust_balance`). */
export function isNondust(n: Balance): boolean {
  return n > DUST_THRESHOLD;
}

/** |a − b| ≤ 1000 planck (`balances_nearly_equal`). */
export function isNearlyEqual(a: Balance, b: Balance): boolean {
  return (a > b ? a - b : b - a) <= DUST_THRESHOLD;
}

/** 0 if n is dust, else n. */
export function dustClean(n: Balance): Balance {
  return isDust(n) ? 0n : n;
}

/** `extract_dust`: splits n into [the non-dust value or 0, the dust removed (n if dust, else 0)]. */
export function extractDust(n: Balance): [clean: Balance, dust: Balance] {
  return isDust(n) ? [0n, n] : [n, 0n];
}
