import { describe, expect, it } from 'vitest';
import { fixedFromDecimal, fromInt, mulF, ONE, PHA, sqrtF, U64_MAX } from './fixed.js';
import {
  gkConfScore,
  heartbeatPayout,
  heartbeatUpdate,
  idleUpdate,
  miningStartState,
  mustAnswer,
  powTarget,
  recordHeartbeat,
  recoverUpdate,
  share,
  sumShares,
  U256_MAX,
  u256FromBytes,
  unresponsiveUpdate,
  updatePInstant,
  workerShare,
} from './gatekeeper.js';
import { GENESIS_TOKENOMIC_PARAMETERS as G, KHALA_TOKENOMIC_PARAMETERS as K, ve } from './tokenomics.js';

describe('share', () => {
  it('is √(v² + (2·p·conf)²)', () => {
    expect(workerShare(fromInt(3), fixedFromDecimal('2'), 1)).toBe(fromInt(5)); // √(9 + 16)
    expect(workerShare(fromInt(3), fromInt(2), 0)).toBe(fromInt(3)); // unknown level scores 0 at the gatekeeper
    expect(gkConfScore(128)).toBe(ONE);
    expect(gkConfScore(4)).toBe(fixedFromDecimal('0.8'));
    const v = ve(K, 3000n * PHA, 2000, 1);
    expect(workerShare(v, fromInt(2000), 1)).toBe(sqrtF(mulF(v, v) + mulF(fromInt(4000), fromInt(4000))));
    expect(sumShares([fromInt(1), fromInt(2)])).toBe(fromInt(3));
  });
});

describe('per-block V model', () => {
  const start = miningStartState(fromInt(5000), 2000, 1, 12_000n, 1);

  it('idle blocks grow V by (rho − 1)·v + cost and accrue the deductible', () => {
    const { state, deltaV } = idleUpdate(G, start);
    const expected = mulF(ONE, mulF(G.rho - ONE, fromInt(5000)) + mulF(G.costK, fromInt(2000)) + G.costB);
    expect(deltaV).toBe(expected);
    expect(state.v).toBe(fromInt(5000) + deltaV);
    expect(state.vDeductible).toBe(deltaV);
  });

  it('caps V at v_max but not the deductible', () => {
    const near = { ...start, v: G.vMax - 1n };
    const { state, deltaV } = idleUpdate(G, near);
    expect(state.v).toBe(G.vMax);
    expect(state.vDeductible).toBe(deltaV);
  });

  it('scales Δv by p_instant / p_bench', () => {
    const half = { ...start, pInstant: fromInt(1000) };
    expect(idleUpdate(G, half).deltaV * 2n - idleUpdate(G, start).deltaV).toBeLessThanOrEqual(2n);
  });

  it('unresponsive blocks slash v·slash_rate and drop the deductible', () => {
    const s1 = idleUpdate(G, start).state;
    const { state, slash } = unresponsiveUpdate(G, s1);
    expect(slash).toBe(mulF(s1.v, G.slashRate));
    expect(state.v).toBe(s1.v - slash);
    expect(state.vDeductible).toBe(0n);
    expect(unresponsiveUpdate(K, s1).slash).toBe(0n); // Khala slash_rate is 0
  });

  it('a heartbeat pays share/Σshare × budget × blocks and deducts at most the deductible', () => {
    let s = start;
    for (let b = 2; b <= 11; b++) s = idleUpdate(G, s).state;
    const total = sumShares([share(s), share(s)]); // two identical workers
    const r = heartbeatPayout(G, s, total, 12n * 12_000n, 12);
    expect(r.settled).toBe(true);
    // half of 100 PHA per block over 11 blocks, split 80/20 (up to truncation)
    const budget = mulF(mulF(fixedFromDecimal('0.5'), G.budgetPerBlock), fromInt(11));
    expect(r.payout).toBe(mulF(budget, ONE - G.treasuryRatio));
    expect(r.treasury).toBe(mulF(budget, G.treasuryRatio));
    expect(r.state.v).toBe(s.v - s.vDeductible); // payout ≫ deductible
    expect(r.state.vDeductible).toBe(0n);
    expect(r.state.vUpdateBlock).toBe(12);
    // legacy mode pays only the deductible
    const legacy = heartbeatPayout(G, s, total, 12n * 12_000n, 12, false);
    expect(legacy.payout).toBe(s.vDeductible);
    expect(legacy.state.v).toBe(s.v - s.vDeductible);
  });

  it('no payout without deductible, Σshare, or a new block', () => {
    expect(heartbeatPayout(G, start, fromInt(1), 0n, 5).settled).toBe(false); // vDeductible 0
    const s = idleUpdate(G, start).state;
    expect(heartbeatPayout(G, s, 0n, 0n, 5).settled).toBe(false);
    expect(heartbeatPayout(G, s, share(s), 0n, 1).settled).toBe(false);
    expect(recoverUpdate(s, 99n, 9)).toMatchObject({ vDeductible: 0n, vUpdateBlock: 9, vUpdateAt: 99n });
  });

  it('p_instant from iterations, capped at 1.2 × p_bench', () => {
    const s = updatePInstant(start, 12_000n + 60_000n, 15_000n); // 15000 iterations in 60 s → 1500
    expect(s.pInstant).toBe(fromInt(1500));
    const fast = updatePInstant(start, 12_000n + 6_000n, 100_000n);
    expect(fast.pInstant).toBe(mulF(fromInt(2000), fixedFromDecimal('1.2')));
    expect(updatePInstant(start, 12_000n, 5n)).toBe(start);
    expect(recordHeartbeat(s, 72_000n, 15_000n)).toMatchObject({
      challengeTimeLast: 72_000n,
      iterationLast: 15_000n,
    });
  });

  it('heartbeatUpdate is updatePInstant then recordHeartbeat', () => {
    const s = recordHeartbeat(updatePInstant(start, 72_000n, 15_000n), 72_000n, 15_000n);
    for (const [nowMs, iterations] of [
      [72_000n, 30_000n], // no time passed: p_instant kept, the counter recorded
      [60_000n, 1n], // time went back
      [132_000n, 45_000n],
      [132_000n, 9_000n], // the counter restarted below its last value
      [78_000n, 10_000_000n], // capped at 1.2 × p_bench
    ] as const)
      expect(heartbeatUpdate(s, nowMs, iterations)).toEqual(
        recordHeartbeat(updatePInstant(s, nowMs, iterations), nowMs, iterations),
      );
  });
});

describe('heartbeat challenge', () => {
  it('pow_target matches the mining pallet test vectors', () => {
    expect(powTarget(0)).toBe(0n);
    expect(powTarget(20)).toBe(771946525395830978497002573683960742805751636319313395421818009383503547160n);
    expect(powTarget(200_000)).toBe(
      11574228623567775471528085581038571683760509746329738253007553123311417715n,
    );
  });

  it('targets ≈ 1/150 of the space for small N and 20/N for large N', () => {
    expect(powTarget(20) / (U256_MAX >> 24n)).toBe(111_848n); // ⌊2^24/150⌋
    expect(powTarget(200_000) / (U256_MAX >> 24n)).toBe(1677n); // ⌊2^24·20/200000⌋
  });

  it('mustAnswer compares hash XOR seed with the target', () => {
    const hash = u256FromBytes(new Uint8Array(32).fill(0x01));
    expect(hash >> 248n).toBe(1n);
    expect(mustAnswer(hash, 0n, U256_MAX)).toBe(true); // force_heartbeat
    expect(mustAnswer(hash, hash, 0n)).toBe(true);
    expect(mustAnswer(hash, 0n, 0n)).toBe(false);
    expect(() => u256FromBytes(new Uint8Array(31))).toThrow(RangeError);
    expect(U64_MAX).toBe((1n << 64n) - 1n);
  });
});
