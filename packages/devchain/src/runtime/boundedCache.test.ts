import { describe, expect, it } from 'vitest';
import { BoundedCache } from './boundedCache.js';

describe('BoundedCache', () => {
  it('computes a key once, and starts over when full', () => {
    const computed: number[] = [];
    const square = (n: number) => {
      computed.push(n);
      return n * n;
    };
    const cache = new BoundedCache<number, number>(3);
    expect([1, 2, 1, 3, 2].map((n) => cache.get(n, square))).toEqual([1, 4, 1, 9, 4]);
    expect(computed).toEqual([1, 2, 3]);
    // a fourth key clears the three kept: the earlier ones are computed again, the new one is kept
    expect(cache.get(4, square)).toBe(16);
    expect(cache.get(4, square)).toBe(16);
    expect(cache.get(1, square)).toBe(1);
    expect(computed).toEqual([1, 2, 3, 4, 1]);
  });

  it('keeps falsy values other than undefined', () => {
    let calls = 0;
    const cache = new BoundedCache<string, number>(8);
    const zero = () => {
      calls++;
      return 0;
    };
    cache.get('a', zero);
    cache.get('a', zero);
    expect(calls).toBe(1);
  });

  it('known / remember: a value made by the caller is kept, and the bound holds for it too', () => {
    const cache = new BoundedCache<string, number>(2);
    expect(cache.known('a')).toBeUndefined();
    cache.remember('a', 1);
    cache.remember('b', 2);
    expect([cache.known('a'), cache.known('b')]).toEqual([1, 2]);
    // a third key starts over: only it is kept
    cache.remember('c', 3);
    expect([cache.known('a'), cache.known('b'), cache.known('c')]).toEqual([undefined, undefined, 3]);
    expect(cache.get('c', () => 99)).toBe(3);
  });
});
