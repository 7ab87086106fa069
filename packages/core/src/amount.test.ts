import { describe, expect, it } from 'vitest';
import { formatPha, percentToPermill, permillToPercent, pha } from './amount.js';
import { InvalidAmountError, InvalidPercentError } from './errors/index.js';

describe('pha', () => {
  it('parses decimals exactly', () => {
    expect(pha('1.5')).toBe(1_500_000_000_000n);
    expect(pha('0.000000000001')).toBe(1n);
    expect(pha('50_000')).toBe(50_000_000_000_000_000n);
    expect(pha(' 2 ')).toBe(2_000_000_000_000n);
    expect(pha('.5')).toBe(500_000_000_000n);
    expect(pha('7.')).toBe(7_000_000_000_000n);
    expect(pha(0.1)).toBe(100_000_000_000n);
    expect(pha(3n)).toBe(3_000_000_000_000n);
    expect(pha('18446744.073709551616')).toBe(18_446_744_073_709_551_616n);
  });

  it.each([
    ['1.0000000000001', 'TooManyDecimals'],
    ['-1', 'Negative'],
    [-0.5, 'Negative'],
    [-1n, 'Negative'],
    ['abc', 'NotANumber'],
    ['', 'NotANumber'],
    ['1e3', 'NotANumber'],
    ['0x10', 'NotANumber'],
    [Number.NaN, 'NotANumber'],
    [Number.POSITIVE_INFINITY, 'NotANumber'],
    [1e-7, 'TooManyDecimals'],
    ['1.2.3', 'NotANumber'],
  ] as const)('rejects %s as %s', (input, reason) => {
    try {
      pha(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidAmountError);
      expect((error as InvalidAmountError).code).toBe('InvalidAmount');
      expect((error as InvalidAmountError).reason).toBe(reason);
    }
  });
});

describe('formatPha', () => {
  it('formats without trailing zeros', () => {
    expect(formatPha(1_500_000_000_000n)).toBe('1.5');
    expect(formatPha(1n)).toBe('0.000000000001');
    expect(formatPha(0n)).toBe('0');
    expect(formatPha(-2_000_000_000_000n)).toBe('-2');
  });
  it('truncates, groups and labels', () => {
    expect(formatPha(2_236_067_977_489_437n, { decimals: 4 })).toBe('2236.0679');
    expect(formatPha(1_234_567_000_000_000_000n, { group: true, unit: true })).toBe('1,234,567 PHA');
    expect(formatPha(999n, { decimals: 2 })).toBe('0');
  });
  it('round-trips pha()', () => {
    for (const s of ['0', '1', '0.1', '123456.789012345678', '18446744.073709551615'])
      expect(formatPha(pha(s))).toBe(s);
  });
});

describe('percent ↔ Permill', () => {
  it('converts exactly', () => {
    expect(percentToPermill(20)).toBe(200_000);
    expect(percentToPermill(0)).toBe(0);
    expect(percentToPermill(100)).toBe(1_000_000);
    expect(percentToPermill(12.3456)).toBe(123_456);
    expect(permillToPercent(123_456)).toBe(12.3456);
  });
  it.each([-1, 100.5, Number.NaN, 1.00001])('rejects %s', (p) => {
    expect(() => percentToPermill(p)).toThrow(InvalidPercentError);
  });
});
