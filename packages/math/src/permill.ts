import type { Balance } from './fixed.js';

/** Permill parts per unit. */
export const PERMILL_ACCURACY = 1_000_000n;

export type PermillErrorCode = 'PERMILL_OUT_OF_RANGE';

export class PermillError extends Error {
  override readonly name = 'PermillError';
  constructor(
    readonly code: PermillErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function toParts(parts: number | bigint): bigint {
  const c = BigInt(parts);
  // sp-arithmetic refuses to decode a PerThing above its accuracy, so a value out of range never reaches `Mul`.
  if (c < 0n || c > PERMILL_ACCURACY)
    throw new PermillError('PERMILL_OUT_OF_RANGE', `Permill parts out of range: ${c}`);
  return c;
}

/**
 * `Permill × balance` as sp-arithmetic computes it (`overflow_prune_mul` with `Rounding::NearestPrefDown`):
 * ⌊x/10^6⌋·c plus (x mod 10^6)·c/10^6 rounded to nearest, where an exact half rounds *down*. Splitting off the
 * remainder is what lets the runtime do this without a wider integer; the result is the same as rounding x·c/10^6
 * to nearest-prefer-down.
 */
export function permillMul(parts: number | bigint, x: Balance): Balance {
  const c = toParts(parts);
  const whole = (x / PERMILL_ACCURACY) * c;
  const remProduct = (x % PERMILL_ACCURACY) * c;
  let rem = remProduct / PERMILL_ACCURACY;
  if ((remProduct % PERMILL_ACCURACY) * 2n > PERMILL_ACCURACY) rem += 1n;
  return whole + rem;
}

/** Builds Permill parts from a whole-percent value (e.g. 10 → 100_000). */
export function permillFromPercent(percent: number): bigint {
  return toParts(BigInt(Math.round(percent * 10_000)));
}
