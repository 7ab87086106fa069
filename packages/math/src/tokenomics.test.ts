import { describe, expect, it } from 'vitest';
import { divInt, fixedFromDecimal, fixedToDecimal, fromInt, mulF, mulInt, ONE, PHA } from './fixed.js';
import { formatPha } from './formatPha.js';
import {
  checkStartMining,
  conf,
  GENESIS_TOKENOMIC_PARAMETERS as G,
  halveBudget,
  KHALA_TOKENOMIC_PARAMETERS as K,
  maxStake,
  minStake,
  opCost,
  rigCost,
  ve,
} from './tokenomics.js';

/** Square-and-multiply, exactly like the `pow` helper of the mining pallet's unit test. */
function pow(x: bigint, n: number): bigint {
  let i = n;
  let x2 = x;
  let z = ONE;
  while (i > 0) {
    if (i & 1) z = mulF(z, x2);
    x2 = mulF(x2, x2);
    i >>= 1;
  }
  return z;
}

describe('parameter sets (§4.10)', () => {
  it('genesis default matches the per-block derivation of the Rust GenesisConfig', () => {
    expect(G.budgetPerBlock).toBe(fromInt(100));
    expect(G.vMax).toBe(fromInt(30000));
    expect(G.heartbeatWindow).toBe(10);
    // the gatekeeper's `test_params()` literals are the same bits
    expect(G.slashRate).toBe(fixedFromDecimal('0.0000033333333333333240063'));
    expect(G.costK).toBe(fixedFromDecimal('0.000000015815258751856933056'));
    expect(G.costB).toBe(fixedFromDecimal('0.000033711472602739674283'));
    expect(G.rigK).toBe(fixedFromDecimal('0.3'));
    expect(G.re).toBe(fixedFromDecimal('1.3'));
    expect(G.k).toBe(fromInt(100));
  });

  it('genesis values reproduce the mining pallet test_tokenomic vectors', () => {
    expect(minStake(G, 1000)).toBe(3_162_277_660_146_355n);
    expect(ve(G, 1000n * PHA, 1000, 1)).toBe(fixedFromDecimal('1690.0000000000000000282'));
    expect(ve(G, 1000n * PHA, 1000, 2)).toBe(fixedFromDecimal('1690.0000000000000000282'));
    expect(ve(G, 1000n * PHA, 1000, 3)).toBe(fixedFromDecimal('1690.0000000000000000282'));
    expect(ve(G, 1000n * PHA, 1000, 4)).toBe(fixedFromDecimal('1612.0000000000000000247'));
    expect(ve(G, 1000n * PHA, 1000, 5)).toBe(fixedFromDecimal('1572.9999999999999999877'));
    expect(rigCost(G, 500)).toBe(fixedFromDecimal('150.0000000000000000054'));
    expect(rigCost(G, 2000)).toBe(fixedFromDecimal('600.0000000000000000217'));
    expect(rigCost(G, 2800)).toBe(fixedFromDecimal('840.00000000000000003036'));
    // these chain many truncating multiplications, so they pin down mulF's rounding (truncation)
    expect(pow(ONE - G.slashRate, 300)).toBe(fixedFromDecimal('0.9990004981683704595'));
    expect(pow(G.rho, 300)).toBe(fixedFromDecimal('1.00019999999998037056'));
    expect(mulInt(divInt(opCost(G, fromInt(2000)), 12n), 3600n * 24n * 365n)).toBe(
      fixedFromDecimal('171.71874999975847951583'),
    );
    expect(halveBudget(G).budgetPerBlock).toBe(fromInt(75));
    expect(halveBudget(halveBudget(G)).budgetPerBlock).toBe(fixedFromDecimal('56.25'));
  });

  it('Khala production values decode to the published decimals', () => {
    expect(K.phaRate).toBe(fixedFromDecimal('0.27'));
    // not the nearest bits to 187.8783 (it was computed, not parsed), but 187.8783 to 4 decimals
    expect(fixedToDecimal(K.budgetPerBlock, 4)).toBe('187.8783');
    expect(K.rho).toBe(G.rho);
    expect(K.re).toBe(fixedFromDecimal('1.5'));
    expect(K.k).toBe(fromInt(50));
    expect(K.slashRate).toBe(0n);
    expect(K.heartbeatWindow).toBe(20);
    expect(fixedToDecimal(K.rigK, 6)).toBe('0.449775');
    expect(fixedToDecimal(K.costK, 12)).toBe('0.000000023711');
    expect(fixedToDecimal(K.costB, 9)).toBe('0.000050541');
  });
});

describe('confidence', () => {
  it('maps levels as the chain does (unknown → 1)', () => {
    expect(conf(1)).toBe(ONE);
    expect(conf(3)).toBe(ONE);
    expect(conf(4)).toBe(fixedFromDecimal('0.8'));
    expect(conf(5)).toBe(fixedFromDecimal('0.7'));
    expect(conf(128)).toBe(ONE);
    expect(conf(0)).toBe(ONE);
  });
});

describe('Smin / Ve / Smax worked example (§6.7, Khala parameters, p = 2000)', () => {
  it('Smin = 2236.067977489437 PHA', () => {
    expect(minStake(K, 2000)).toBe(2_236_067_977_489_437n);
    expect(formatPha(minStake(K, 2000))).toBe('2236.067977489437');
  });

  it.each([
    [1, 19_100_449_775_112_443n],
    [2, 19_100_449_775_112_443n],
    [3, 19_100_449_775_112_443n],
    [4, 20_529_021_203_683_872n],
    [5, 21_322_671_997_334_666n],
  ])('Smax at level %i is %i planck and is the exact boundary', (level, expected) => {
    const smax = maxStake(K, 2000, level);
    expect(smax).toBe(expected);
    expect(ve(K, expected, 2000, level) <= K.vMax).toBe(true);
    expect(ve(K, expected + 1n, 2000, level) > K.vMax).toBe(true);
  });

  it('start_mining checks in chain order', () => {
    expect(checkStartMining(K, 10_000n * PHA, 49, 1)).toBe('BenchmarkTooLow');
    expect(checkStartMining(K, 2_236_067_977_489_436n, 2000, 1)).toBe('InsufficientStake');
    expect(checkStartMining(K, 2_236_067_977_489_437n, 2000, 1)).toBeUndefined();
    expect(checkStartMining(K, 19_100_449_775_112_443n, 2000, 1)).toBeUndefined();
    expect(checkStartMining(K, 19_100_449_775_112_444n, 2000, 1)).toBe('TooMuchStake');
  });

  it('Smax is undefined when the rig cost alone exceeds v_max', () => {
    expect(maxStake(K, 100_000, 1)).toBeUndefined();
  });
});
