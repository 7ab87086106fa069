import { describe, expect, it } from 'vitest';
import {
  B,
  bdiv,
  bmul,
  checkedDivF,
  divF,
  F,
  FixedPointError,
  fixedFromDecimal,
  fixedToDecimal,
  fromInt,
  isqrt,
  mulF,
  ONE,
  PHA,
  sqrtF,
  toInt,
  U64_MAX,
  U128_MAX,
} from './fixed.js';
import { formatPha } from './formatPha.js';

describe('F / B conversions', () => {
  it('F is ⌊x·2^64/10^12⌋ below 2^64 planck', () => {
    expect(F(PHA)).toBe(ONE);
    expect(F(1n)).toBe(18_446_744n); // 2^64 / 10^12 = 18446744.07…
    const x = 500_123_456_789_012n;
    expect(F(x)).toBe((x << 64n) / PHA);
  });

  it('F wraps x·2^64 modulo 2^128 before dividing (release `from_num`)', () => {
    const x = (1n << 64n) + 5n;
    expect(F(x)).toBe((5n << 64n) / PHA);
  });

  it('B truncates and round-trips to x or x − 1', () => {
    expect(B(ONE)).toBe(PHA);
    for (const x of [1n, 7n, 999n, 123_456_789_012_345n, 500_123_456_789_012n, U64_MAX]) {
      const back = B(F(x));
      expect(back === x || back === x - 1n).toBe(true);
    }
    expect(B(F(500_123_456_789_012n))).toBe(500_123_456_789_011n);
  });

  it('B saturates at 2^64 − 1 when f·10^12 ≥ 2^128', () => {
    const edge = ((1n << 128n) + PHA - 1n) / PHA; // smallest f with f·10^12 ≥ 2^128
    expect(B(edge)).toBe(U64_MAX);
    expect(B(edge - 1n)).toBe(((edge - 1n) * PHA) >> 64n);
    expect(B(U128_MAX)).toBe(U64_MAX);
  });
});

describe('mulF / divF / sqrtF', () => {
  it('multiplication truncates the 256-bit product and wraps', () => {
    expect(mulF(fromInt(3), fixedFromDecimal('0.5'))).toBe(fixedFromDecimal('1.5'));
    expect(mulF(1n, 1n)).toBe(0n);
    expect(mulF(fromInt((1n << 63n) + 1n), fromInt(4))).toBe(fromInt(4)); // 2^65 + 4 wraps to 4
  });

  it('division truncates and throws a typed error on zero', () => {
    expect(divF(ONE, fromInt(3))).toBe(ONE / 3n);
    expect(() => divF(ONE, 0n)).toThrow(FixedPointError);
    try {
      divF(ONE, 0n);
    } catch (e) {
      expect((e as FixedPointError).code).toBe('DIVISION_BY_ZERO');
    }
    expect(checkedDivF(ONE, 0n)).toBeUndefined();
    expect(checkedDivF(U128_MAX, 1n)).toBeUndefined();
  });

  it('sqrt has 32 fraction bits', () => {
    expect(sqrtF(fromInt(4))).toBe(fromInt(2));
    const r = sqrtF(fromInt(2));
    expect(r & ((1n << 32n) - 1n)).toBe(0n);
    expect(r).toBe(isqrt(2n << 64n) << 32n);
    expect(fixedToDecimal(r, 9)).toBe('1.414213562');
    expect(isqrt(0n)).toBe(0n);
    expect(isqrt(99n)).toBe(9n);
    expect(isqrt((1n << 128n) - 1n)).toBe((1n << 64n) - 1n);
  });

  it('integer conversions', () => {
    expect(fromInt(2000)).toBe(2000n << 64n);
    expect(toInt(fixedFromDecimal('2.999'))).toBe(2n);
  });

  it('bmul / bdiv go through F and B', () => {
    expect(bmul(10n * PHA, fixedFromDecimal('0.5'))).toBe(5n * PHA);
    expect(bdiv(500_123_456_789_012n, ONE)).toBe(500_123_456_789_011n);
  });
});

describe('fixedFromDecimal', () => {
  it('rounds to the nearest representable value', () => {
    expect(fixedFromDecimal('0.75')).toBe(3n << 62n);
    // 0.3·2^64 = …484.8 → up; 0.7·2^64 = …131.2 → down; 0.8·2^64 = …440.8 → up
    expect(fixedFromDecimal('0.3')).toBe(5_534_023_222_112_865_485n);
    expect(fixedFromDecimal('0.7')).toBe(12_912_720_851_596_686_131n);
    expect(fixedFromDecimal('0.8')).toBe(14_757_395_258_967_641_293n);
    expect(fixedFromDecimal('1.000000666600231')).toBe(18_446_756_370_313_412_349n);
    expect(fixedFromDecimal('30_000')).toBe(30000n << 64n);
  });

  it('rejects malformed or oversized literals', () => {
    expect(() => fixedFromDecimal('-1')).toThrow(FixedPointError);
    expect(() => fixedFromDecimal('1e5')).toThrow(FixedPointError);
    expect(() => fixedFromDecimal((1n << 64n).toString())).toThrow(FixedPointError);
  });

  it('formats exactly', () => {
    expect(fixedToDecimal(fixedFromDecimal('0.75'))).toBe('0.75');
    expect(fixedToDecimal(fromInt(7))).toBe('7');
    expect(formatPha(2_236_067_977_489_437n)).toBe('2236.067977489437');
  });
});
