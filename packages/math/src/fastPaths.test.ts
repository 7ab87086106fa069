import { describe, expect, it } from 'vitest';
import { addF, divF, fromInt, isqrt, mulF, ONE, sqrtF, subF, U128_MAX } from './fixed.js';
import {
  gkConfScore,
  idleConstants,
  idleDeltaV,
  ShareSum,
  shareConfTerm,
  shareOf,
  shareRootFromFloats,
  shareTermFloat,
  sumShares,
  workerShare,
} from './gatekeeper.js';
import { GENESIS_TOKENOMIC_PARAMETERS as G, KHALA_TOKENOMIC_PARAMETERS as K } from './tokenomics.js';

/** The digit-by-digit integer square root: no division, no floating point, nothing shared with `isqrt`. */
function isqrtBitwise(n: bigint): bigint {
  let bit = 1n;
  while (bit <= n >> 2n) bit <<= 2n;
  let x = n;
  let root = 0n;
  for (; bit > 0n; bit >>= 2n) {
    if (x >= root + bit) {
      x -= root + bit;
      root = (root >> 1n) + bit;
    } else root >>= 1n;
  }
  return root;
}

/** A seeded xorshift generator: the same inputs on every run. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  /** a uniformly random bigint of exactly `bits` bits (0 for 0 bits) */
  const big = (bits: number): bigint => {
    if (bits <= 0) return 0n;
    let x = 0n;
    for (let b = 0; b < bits; b += 32) x = (x << 32n) | BigInt(next());
    x &= (1n << BigInt(bits)) - 1n;
    return x | (1n << BigInt(bits - 1));
  };
  return { next, big, below: (n: number) => next() % n };
}

describe('isqrt (double estimate, exact correction)', () => {
  const check = (n: bigint) => {
    const r = isqrt(n);
    expect(r, `isqrt(${n})`).toBe(isqrtBitwise(n));
    expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
  };

  it('agrees with the bitwise root on edges: 0, 1, powers of two, perfect squares ± 1, 2^128 − 1 and above', () => {
    for (const n of [0n, 1n, 2n, 3n, 4n, 5n, 8n, 9n, 10n, 15n, 16n, 17n]) check(n);
    for (let b = 1n; b <= 260n; b++) {
      for (const d of [-1n, 0n, 1n]) check((1n << b) + d);
    }
    for (const k of [
      2n,
      3n,
      (1n << 26n) - 1n,
      1n << 26n,
      (1n << 32n) + 7n,
      (1n << 50n) - 3n,
      (1n << 64n) - 1n,
    ]) {
      for (const d of [-1n, 0n, 1n]) check(k * k + d);
    }
    check(U128_MAX);
    check(U128_MAX - 1n);
    check(U128_MAX + 1n);
    check((1n << 100n) - 1n);
    check(1n << 100n);
  });

  it('agrees with the bitwise root on random inputs of every size up to 300 bits, and on squares ± 1', () => {
    const rng = random(17);
    for (let i = 0; i < 3000; i++) check(rng.big(1 + rng.below(300)));
    for (let i = 0; i < 2000; i++) {
      const k = rng.big(1 + rng.below(64));
      for (const d of [-1n, 0n, 1n]) if (k * k + d >= 0n) check(k * k + d);
    }
  });

  it('still throws on a negative input', () => {
    expect(() => isqrt(-1n)).toThrow(/negative/);
  });
});

describe('share from cached terms and doubles', () => {
  /** the exact share with nothing cached, spelled out as `workerShare` documents it */
  const plainShare = (v: bigint, p: bigint, level: number) => {
    const x = mulF(mulF(fromInt(2), p), gkConfScore(level));
    return sqrtF(addF(mulF(v, v), mulF(x, x)));
  };
  /** what a caller of the fast path computes: the certified root, else the exact share */
  const fastShare = (v: bigint, term: bigint) => {
    const r = shareRootFromFloats(Number(v), shareTermFloat(term));
    return r >= 0 ? BigInt(r) << 32n : shareOf(v, term);
  };

  it('shareOf with the cached (2·p·conf)² term is workerShare', () => {
    const rng = random(5);
    for (let i = 0; i < 500; i++) {
      const v = rng.big(rng.below(129));
      const p = rng.big(rng.below(80));
      const level = [0, 1, 2, 3, 4, 5, 128][rng.below(7)]!;
      expect(shareOf(v, shareConfTerm(p, level))).toBe(plainShare(v, p, level));
      expect(workerShare(v, p, level)).toBe(plainShare(v, p, level));
    }
  });

  it('a certified root is the exact one; realistic V and p are nearly always certified', () => {
    const rng = random(99);
    let certified = 0;
    const N = 20_000;
    for (let i = 0; i < N; i++) {
      // V from 1 to 30,000 PHA (V_max), p from 1 to 20,000, with random fraction bits
      const v = fromInt(1 + rng.below(30_000)) + rng.big(64) / 2n;
      const p = fromInt(1 + rng.below(20_000)) + rng.big(60);
      const term = shareConfTerm(p, [1, 4, 5][rng.below(3)]!);
      const r = shareRootFromFloats(Number(v), shareTermFloat(term));
      if (r >= 0) {
        certified++;
        expect(BigInt(r) << 32n).toBe(shareOf(v, term));
      }
      // workerShare takes the certified root itself
      if (i % 8 === 0) expect(workerShare(v, p, 4)).toBe(plainShare(v, p, 4));
    }
    expect(certified).toBeGreaterThan(N * 0.75);
  });

  it('is never wrong on any size, nor next to perfect squares (where doubles cannot tell)', () => {
    const rng = random(3);
    for (let i = 0; i < 5000; i++) {
      const v = rng.big(rng.below(130));
      const term = rng.big(rng.below(129));
      if (v > U128_MAX || term > U128_MAX) continue;
      expect(fastShare(v, term)).toBe(shareOf(v, term));
    }
    // n = ⌊v²/2^64⌋ + term just below, at and above k² for roots of the sizes that pass the first test
    for (let i = 0; i < 5000; i++) {
      const k = rng.big(22 + rng.below(28));
      const v = rng.big(rng.below(2 + Number(k.toString(2).length) + 32));
      const vv = mulF(v, v);
      for (const d of [-2n, -1n, 0n, 1n, 2n]) {
        const term = k * k + d - vv;
        if (term < 0n) continue;
        expect(fastShare(v, term)).toBe(shareOf(v, term));
      }
    }
    // where v² + term wraps modulo 2^128, or v ≥ 2^95: never certified
    expect(shareTermFloat(1n << 126n)).toBeNaN();
    expect(shareRootFromFloats(Number(1n << 95n), 0)).toBe(-1);
    expect(fastShare(1n << 100n, 5n)).toBe(shareOf(1n << 100n, 5n));
    expect(fastShare(3n << 64n, U128_MAX)).toBe(shareOf(3n << 64n, U128_MAX));
  });

  it('ShareSum of roots and shares is the wrapping sumShares', () => {
    const rng = random(11);
    for (let round = 0; round < 20; round++) {
      const sum = new ShareSum();
      const shares: bigint[] = [];
      for (let i = 0; i < 3000; i++) {
        if (rng.below(3) === 0) {
          const s = rng.big(rng.below(129));
          shares.push(s);
          sum.addShare(s);
        } else {
          const r = Number(rng.big(1 + rng.below(50)));
          shares.push(BigInt(r) << 32n);
          sum.addRoot(r);
        }
      }
      expect(sum.total).toBe(sumShares(shares));
    }
    expect(new ShareSum().total).toBe(0n);
  });
});

describe('idle step from cached constants', () => {
  it('is Δv = (p_instant/p_bench)·((rho − 1)·v + cost_k·p_bench + cost_b), wraps included', () => {
    const rng = random(23);
    for (const params of [G, K, { ...G, rho: ONE / 2n }, { ...K, costB: U128_MAX }]) {
      for (let i = 0; i < 300; i++) {
        const pBench = rng.below(5) === 0 ? 0n : rng.big(rng.below(90));
        // p_instant = p_bench (perf exactly 1) as often as not: the shortcut for it must not change Δv
        const pInstant = rng.below(2) === 0 ? pBench : rng.big(rng.below(90));
        const v = rng.big(rng.below(129));
        const costIdle = addF(mulF(params.costK, pBench), params.costB);
        const perf = pBench === 0n ? ONE : divF(pInstant, pBench);
        const expected = mulF(perf, addF(mulF(subF(params.rho, ONE), v), costIdle));
        const k = idleConstants(params, { pBench, pInstant });
        expect(idleDeltaV(subF(params.rho, ONE), k, v)).toBe(expected);
      }
    }
  });
});
