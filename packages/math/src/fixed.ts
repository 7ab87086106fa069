/**
 * U64F64 fixed point as the Khala v1 runtime computes it (`fixed` crate `U64F64`, release build).
 *
 * A fixed value is carried as its raw u128 bit pattern (`bigint`, value = bits / 2^64), which is also exactly how
 * the chain stores and transports it (`U64F64Bits`, metadata `u128`). Every operation reproduces the integer recipe
 * of the runtime, including the places where a release build silently wraps modulo 2^128 instead of panicking:
 * matching the chain to the planck matters more here than "correct" arithmetic.
 */

/** Raw U64F64 bit pattern (value = bits / 2^64). */
export type Fixed = bigint;
/** A balance in planck (1 PHA = 10^12 planck), a u128 on chain. */
export type Balance = bigint;

export const FRAC_BITS = 64n;
/** The bits of 1.0. */
export const ONE: Fixed = 1n << FRAC_BITS;
export const U64_MAX = (1n << 64n) - 1n;
export const U128_MAX = (1n << 128n) - 1n;
/** Planck per PHA: PHA has 12 decimals. The SDK's one definition; @phala-mining/core re-exports it. */
export const PLANCK_PER_PHA = 1_000_000_000_000n;

/** 1 PHA in planck (the same constant as {@link PLANCK_PER_PHA}). */
export const PHA = PLANCK_PER_PHA;

/** PHA has 12 decimals. */
export const PHA_DECIMALS = 12;

export type FixedPointErrorCode = 'DIVISION_BY_ZERO' | 'INVALID_DECIMAL' | 'OUT_OF_RANGE' | 'NEGATIVE_INPUT';

export class FixedPointError extends Error {
  override readonly name = 'FixedPointError';
  constructor(
    readonly code: FixedPointErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Reduces modulo 2^128 the way a release-build u128 overflow does (also maps negative results of a subtraction). */
export function wrap128(x: bigint): bigint {
  return BigInt.asUintN(128, x);
}

function assertU128(x: bigint, what: string): void {
  if (x < 0n) throw new FixedPointError('NEGATIVE_INPUT', `${what} must be non-negative, got ${x}`);
  if (x > U128_MAX) throw new FixedPointError('OUT_OF_RANGE', `${what} does not fit in u128: ${x}`);
}

/**
 * Balance (planck) → fixed, in PHA units. The v1 code does `U64F64::from_num(x)` (which in release keeps only the low
 * 64 bits of the integer, i.e. bits = x·2^64 mod 2^128) followed by a division by 10^12. So for x < 2^64 this is
 * exactly ⌊x·2^64 / 10^12⌋; above that (≈ 18.4M PHA) the wrap happens *before* the division, which is what the
 * chain did.
 */
export function F(x: Balance): Fixed {
  assertU128(x, 'balance');
  return wrap128(x << FRAC_BITS) / PHA;
}

/**
 * Fixed → balance (planck). The v1 code does `v.saturating_mul(1e12).to_num::<u128>()`: the product f·10^12 saturates
 * at U64F64::MAX (bits 2^128 − 1) whose integer part is 2^64 − 1; otherwise the integer part is taken (truncation).
 */
export function B(f: Fixed): Balance {
  assertU128(f, 'fixed bits');
  const scaled = f * PHA;
  if (scaled > U128_MAX) return U64_MAX;
  return scaled >> FRAC_BITS;
}

/** a·b, 256-bit product truncated to 64 fraction bits, wrapping on overflow (release `*`). */
export function mulF(a: Fixed, b: Fixed): Fixed {
  return wrap128((a * b) >> FRAC_BITS);
}

/** a/b = ⌊a·2^64 / b⌋, wrapping on overflow (release `/`); dividing by zero panics on chain, so it throws here. */
export function divF(a: Fixed, b: Fixed): Fixed {
  if (b === 0n) throw new FixedPointError('DIVISION_BY_ZERO', 'U64F64 division by zero');
  return wrap128((a << FRAC_BITS) / b);
}

/** `checked_div`: undefined when b = 0 *or* when the quotient does not fit in u128 (no wrapping). */
export function checkedDivF(a: Fixed, b: Fixed): Fixed | undefined {
  if (b === 0n) return undefined;
  const q = (a << FRAC_BITS) / b;
  return q > U128_MAX ? undefined : q;
}

export function addF(a: Fixed, b: Fixed): Fixed {
  return wrap128(a + b);
}

export function subF(a: Fixed, b: Fixed): Fixed {
  return wrap128(a - b);
}

export function minF(a: Fixed, b: Fixed): Fixed {
  return a < b ? a : b;
}

export function maxF(a: Fixed, b: Fixed): Fixed {
  return a > b ? a : b;
}

/** Fixed × integer (`Mul<u128>`): the bits are multiplied, wrapping. Used e.g. by the genesis `fp!(0.001) * 12`. */
export function mulInt(f: Fixed, n: bigint): Fixed {
  return wrap128(f * n);
}

/** Fixed ÷ integer (`Div<u128>`): the bits are divided, truncating. */
export function divInt(f: Fixed, n: bigint): Fixed {
  if (n === 0n) throw new FixedPointError('DIVISION_BY_ZERO', 'U64F64 division by zero integer');
  return f / n;
}

const TWO_POW_100 = 1n << 100n;
const TWO_POW_128 = 1n << 128n;

/**
 * Integer square root (floor) of a non-negative bigint. Below 2^128 (every U64F64 the runtime takes a root of) it
 * starts from the double square root — within a few units of the root below 2^100, and one Newton step from it
 * above — and corrects that guess with exact bigint squares, so the result never depends on floating-point
 * accuracy, only its speed does. Larger inputs take Newton's method from a power of two.
 */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new FixedPointError('NEGATIVE_INPUT', `isqrt of negative ${n}`);
  if (n < 2n) return n;
  if (n < TWO_POW_128) {
    let r = BigInt(Math.floor(Math.sqrt(Number(n))));
    // the double's 53 bits leave up to 2^11 of error below 2^128; one Newton step squares the relative error away
    if (n >= TWO_POW_100) r = (r + n / r) >> 1n;
    while (r * r > n) r -= 1n;
    for (let next = r + 1n; next * next <= n; next += 1n) r = next;
    return r;
  }
  return isqrtNewton(n);
}

/** Newton's method from a power of two above the root (for any size; the loop ends when it stops decreasing). */
function isqrtNewton(n: bigint): bigint {
  let x = 1n << BigInt((n.toString(2).length + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * √f as `fixed-sqrt` does it for an even number of fraction bits: the integer square root of the raw bits, shifted
 * back by half the fraction bits. Only 32 fraction bits of the result are meaningful; the low 32 bits are always 0.
 */
export function sqrtF(f: Fixed): Fixed {
  return isqrt(f) << (FRAC_BITS / 2n);
}

/** Integer → fixed (`from_num`), exact for p < 2^64, low 64 bits kept otherwise (release wrap). */
export function fromInt(p: bigint | number): Fixed {
  const n = BigInt(p);
  if (n < 0n) throw new FixedPointError('NEGATIVE_INPUT', `fromInt of negative ${n}`);
  return wrap128(n << FRAC_BITS);
}

/** Fixed → integer (`to_num`), truncating the fraction. */
export function toInt(f: Fixed): bigint {
  return f >> FRAC_BITS;
}

/** Balance × ratio in planck (`balance_convert::mul`): B(F(x)·p). */
export function bmul(x: Balance, p: Fixed): Balance {
  return B(mulF(F(x), p));
}

/** Balance ÷ ratio in planck (`balance_convert::div`): B(F(x)/p). Throws on p = 0 like the chain panics. */
export function bdiv(x: Balance, p: Fixed): Balance {
  return B(divF(F(x), p));
}

const DECIMAL_RE = /^(\d+)(?:\.(\d*))?$/;

/**
 * Parses a decimal literal to the nearest representable U64F64, as the `fixed!`/`fp!` macro (and `FromStr`) does.
 *
 * Rounding: to nearest, ties to even. A tie needs the exact value to sit halfway between two multiples of 2^-64,
 * which a decimal can only do with 65 or more fraction digits, so for every literal in the runtime this is simply
 * "nearest" — the tie rule is chosen to agree with the `fixed` crate for completeness, not because it matters.
 * Literals whose integer part exceeds 2^64 − 1 are rejected (the macro fails to compile them).
 */
export function fixedFromDecimal(literal: string): Fixed {
  const m = DECIMAL_RE.exec(literal.trim().replace(/_/g, ''));
  if (!m)
    throw new FixedPointError(
      'INVALID_DECIMAL',
      `not an unsigned decimal literal: ${JSON.stringify(literal)}`,
    );
  const intPart = BigInt(m[1] ?? '0');
  const fracDigits = m[2] ?? '';
  const scale = 10n ** BigInt(fracDigits.length);
  const fracNum = fracDigits.length > 0 ? BigInt(fracDigits) : 0n;
  const scaled = fracNum << FRAC_BITS;
  let frac = scaled / scale;
  const rem = scaled % scale;
  if (rem * 2n > scale || (rem * 2n === scale && (frac & 1n) === 1n)) frac += 1n;
  const bits = (intPart << FRAC_BITS) + frac;
  if (bits > U128_MAX) throw new FixedPointError('OUT_OF_RANGE', `literal ${literal} does not fit in U64F64`);
  return bits;
}

/**
 * Exact decimal expansion of a fixed value (bits/2^64 always has a finite decimal expansion of at most 64 digits).
 * With `digits`, the expansion is truncated (not rounded) to that many fraction digits — handy for comparing with
 * values printed by the `fixed` crate or by the spec.
 */
export function fixedToDecimal(f: Fixed, digits?: number): string {
  const int = f >> FRAC_BITS;
  let frac = f & U64_MAX;
  if (frac === 0n && (digits === undefined || digits === 0)) return int.toString();
  let out = '';
  const limit = digits ?? 64;
  while (out.length < limit && (frac !== 0n || digits !== undefined)) {
    frac *= 10n;
    out += (frac >> FRAC_BITS).toString();
    frac &= U64_MAX;
  }
  return out.length > 0 ? `${int}.${out}` : int.toString();
}
