import { describe, expect, it } from 'vitest';
import { dustClean, extractDust, isDust, isNearlyEqual, isNondust } from './dust.js';

describe('dust', () => {
  it('uses the 1000 planck threshold inclusively', () => {
    expect(isDust(0n)).toBe(true);
    expect(isDust(1000n)).toBe(true);
    expect(isDust(1001n)).toBe(false);
    expect(isNondust(1001n)).toBe(true);
    expect(dustClean(1000n)).toBe(0n);
    expect(dustClean(1001n)).toBe(1001n);
    expect(extractDust(1n)).toEqual([0n, 1n]);
    expect(extractDust(5000n)).toEqual([5000n, 0n]);
  });

  it('nearly equal within 1000 either way', () => {
    expect(isNearlyEqual(10_000n, 11_000n)).toBe(true);
    expect(isNearlyEqual(11_001n, 10_000n)).toBe(false);
  });
});
