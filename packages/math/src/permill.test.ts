import { describe, expect, it } from 'vitest';
import { PermillError, permillFromPercent, permillMul } from './permill.js';

describe('permillMul', () => {
  it('rounds to nearest with exact halves down', () => {
    expect(permillMul(350_000, 10n)).toBe(3n); // 3.5 → 3
    expect(permillMul(360_000, 10n)).toBe(4n); // 3.6 → 4
    expect(permillMul(340_000, 10n)).toBe(3n); // 3.4 → 3
    expect(permillMul(500_000, 1n)).toBe(0n); // 0.5 → 0
    expect(permillMul(500_001, 1n)).toBe(1n);
  });

  it('handles the whole part separately from the remainder', () => {
    expect(permillMul(100_000, 15_000_000_000_000n)).toBe(1_500_000_000_000n);
    expect(permillMul(333_333, 1_000_001n)).toBe(333_333n); // 333333 + round(0.333333) = 333333
    expect(permillMul(1_000_000, 123_456_789n)).toBe(123_456_789n);
    expect(permillMul(0, 123_456_789n)).toBe(0n);
  });

  it('rejects parts above one', () => {
    expect(() => permillMul(1_000_001, 1n)).toThrow(PermillError);
    expect(permillFromPercent(10)).toBe(100_000n);
  });
});
