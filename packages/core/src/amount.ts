import {
  type FormatPhaOptions,
  formatPha as formatPlanck,
  PHA_DECIMALS,
  PLANCK_PER_PHA,
} from '@phala-mining/math';
import { InvalidAmountError, InvalidPercentError } from './errors/input.js';

// the unit is defined once, in @phala-mining/math
export { PHA_DECIMALS, PLANCK_PER_PHA } from '@phala-mining/math';

const DECIMAL = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/;

/**
 * Parses a PHA amount to planck (1 PHA = 10^12 planck), exactly: `pha('1.5')` → `1_500_000_000_000n`.
 *
 * Accepts a decimal string (underscores and surrounding spaces allowed), a safe integer or finite number with at most
 * 12 decimals, or a bigint of whole PHA. Throws {@link InvalidAmountError} for anything negative, not a plain
 * decimal (exponents, hex, NaN), or with more than 12 decimals — amounts are never rounded silently.
 */
export function pha(input: string | number | bigint): bigint {
  if (typeof input === 'bigint') {
    if (input < 0n) throw new InvalidAmountError(input, 'Negative');
    return input * PLANCK_PER_PHA;
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new InvalidAmountError(input, 'NotANumber');
    if (input < 0 || Object.is(input, -0)) throw new InvalidAmountError(input, 'Negative');
    // String(n) switches to exponent notation below 1e-6 and above 1e21; toFixed would invent digits instead
    const text = String(input);
    if (/e/i.test(text))
      throw new InvalidAmountError(input, /e-/i.test(text) ? 'TooManyDecimals' : 'NotANumber');
    return pha(text);
  }
  if (typeof input !== 'string') throw new InvalidAmountError(input, 'NotANumber');
  const text = input.trim().replace(/_/g, '');
  if (text.startsWith('-')) {
    if (DECIMAL.test(text.slice(1))) throw new InvalidAmountError(input, 'Negative');
    throw new InvalidAmountError(input, 'NotANumber');
  }
  const m = DECIMAL.exec(text.startsWith('+') ? text.slice(1) : text);
  if (!m) throw new InvalidAmountError(input, 'NotANumber');
  const whole = m[1] ?? '0';
  const frac = m[2] ?? m[3] ?? '';
  if (frac.length > PHA_DECIMALS) throw new InvalidAmountError(input, 'TooManyDecimals');
  return BigInt(whole) * PLANCK_PER_PHA + BigInt(frac.padEnd(PHA_DECIMALS, '0') || '0');
}

/**
 * Formats planck as PHA without trailing zeros: `formatPha(1_500_000_000_000n)` → `'1.5'`; `decimals` truncates
 * toward zero, `group` adds thousands separators, `unit` appends ` PHA`. Anything but a bigint (e.g. `undefined`
 * from a value not loaded yet) is refused with {@link InvalidAmountError}, not a TypeError from deep inside.
 */
export function formatPha(planck: bigint, options?: FormatPhaOptions): string {
  if (typeof planck !== 'bigint') throw new InvalidAmountError(planck, 'NotANumber');
  return formatPlanck(planck, options);
}

// one formatter for the dev chain, the SDK and the apps: it lives with the chain arithmetic
export type { FormatPhaOptions };

/**
 * Converts a payout commission in percent (0–100, up to 4 decimals) to Permill parts, exactly:
 * `percentToPermill(20)` → `200_000`. Throws {@link InvalidPercentError} otherwise.
 */
export function percentToPermill(percent: number): number {
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new InvalidPercentError(percent);
  }
  const parts = Math.round(percent * 10_000);
  // reject inputs finer than a Permill part instead of rounding the owner's commission behind their back
  if (Math.abs(parts - percent * 10_000) > 1e-6) throw new InvalidPercentError(percent);
  return parts;
}

/** Permill parts to percent: `permillToPercent(200_000)` → `20`. */
export function permillToPercent(parts: number): number {
  return parts / 10_000;
}
