/**
 * The gatekeeper's V / payout model (pRuntime `system/gk.rs`, "full payout" mode) and the chain's heartbeat
 * challenge. The gatekeeper is off-chain but deterministic; a simulation reproduces it by calling, for every mining
 * worker in every block: `heartbeatPayout` when the worker answered a challenge, otherwise `idleUpdate` (responsive)
 * or `unresponsiveUpdate` (unresponsive). All functions are pure and return new state.
 */
import {
  addF,
  divF,
  divInt,
  type Fixed,
  fixedFromDecimal,
  fromInt,
  minF,
  mulF,
  mulInt,
  ONE,
  sqrtF,
  subF,
  wrap128,
} from './fixed.js';
import type { TokenomicParameters } from './tokenomics.js';

const CONF_0_8 = fixedFromDecimal('0.8');
const CONF_0_7 = fixedFromDecimal('0.7');
const TWO = fromInt(2);
const P_INSTANT_CAP = fixedFromDecimal('1.2');

/**
 * The gatekeeper's confidence score. Unlike the chain (which falls back to 1), unknown levels score 0 and level 128
 * (the "unknown attestation" level used for some workers) scores 1.
 */
export function gkConfScore(level: number): Fixed {
  switch (level) {
    case 1:
    case 2:
    case 3:
    case 128:
      return ONE;
    case 4:
      return CONF_0_8;
    case 5:
      return CONF_0_7;
    default:
      return 0n;
  }
}

/** share = √(v² + (2·p·conf)²), with (2·p)·conf evaluated left to right and the 32-fraction-bit square root. */
export function workerShare(v: Fixed, pInstant: Fixed, confidenceLevel: number): Fixed {
  const term = shareConfTerm(pInstant, confidenceLevel);
  // the root from doubles where they prove it (nearly always for real V and p): no 256-bit square and root per
  // heartbeat payout
  const root = shareRootFromFloats(Number(v), shareTermFloat(term));
  return root >= 0 ? BigInt(root) << 32n : shareOf(v, term);
}

/** The (2·p·conf)² term of `workerShare`: it changes only with p_instant (at a heartbeat), V every block. */
export function shareConfTerm(pInstant: Fixed, confidenceLevel: number): Fixed {
  const x = mulF(mulF(TWO, pInstant), gkConfScore(confidenceLevel));
  return mulF(x, x);
}

/** `workerShare` from its (2·p·conf)² term: √(v² + term). */
export function shareOf(v: Fixed, term: Fixed): Fixed {
  return sqrtF(addF(mulF(v, v), term));
}

const TERM_FLOAT_LIMIT = 1n << 126n;

/** The term as `shareRootFromFloats` takes it: NaN (never certified) when v² + term could wrap modulo 2^128. */
export function shareTermFloat(term: Fixed): number {
  return term < TERM_FLOAT_LIMIT ? Number(term) : Number.NaN;
}

/**
 * The integer root r of `shareOf(v, term)` (share = r·2^32, r = ⌊√(⌊v²/2^64⌋ + term)⌋) from doubles, when they
 * prove it; −1 when they do not, and the caller takes `shareOf`. `vf` is Number(v), `termf` shareTermFloat(term).
 *
 * Why it is exact: below v < 2^95 and term < 2^126 nothing wraps, so n = ⌊v²/2^64⌋ + term. Number() and each
 * double operation round correctly (relative error u = 2^-53), so n' = vf²·2^-64 + termf is within 4.01u·(n + 1)
 * + 1 of n (the 1 for the floor), hence √n' within 2.01u·t + 0.51/t of t = √n, and s = fl(√n') within
 * 3.01u·t + 0.51/t. For s ≥ 2^21 that is less than the margin m = s·2^-50 + 2^-20 (= 8u·s + 2^-20): when s is
 * farther than m from both integers around it, t lies strictly between them too and ⌊s⌋ = ⌊t⌋. (s − ⌊s⌋ and
 * ⌊s⌋ + 1 − s are exact for s ≥ 1; from s ≥ 2^50 on, m ≥ 1 and nothing is certified.) Below ~2^43 (V under
 * ~2,000 PHA) about 99% of roots pass, at V_max (30,000 PHA) about two thirds; the rest take the exact path.
 */
export function shareRootFromFloats(vf: number, termf: number): number {
  if (!(vf < 2 ** 95)) return -1;
  const s = Math.sqrt(vf * vf * 2 ** -64 + termf);
  if (!(s >= 2 ** 21)) return -1;
  const r = Math.floor(s);
  const m = s * 2 ** -50 + 2 ** -20;
  return s - r > m && r + 1 - s > m ? r : -1;
}

/**
 * Σshare (`sumShares`' wrapping sum) fed either shares or the integer roots `shareRootFromFloats` gives: roots
 * (< 2^50) add up in a double, moved into the bigint total before the double could lose an integer.
 */
export class ShareSum {
  private roots = 0;
  private rootTotal = 0n;
  private shares = 0n;

  addRoot(root: number): void {
    this.roots += root;
    if (this.roots >= 2 ** 52) {
      this.rootTotal += BigInt(this.roots);
      this.roots = 0;
    }
  }

  addShare(share: Fixed): void {
    this.shares += share;
  }

  /** The sum modulo 2^128, as `sumShares` wraps it (addition modulo 2^128 does not depend on the order). */
  get total(): Fixed {
    return wrap128(((this.rootTotal + BigInt(this.roots)) << 32n) + this.shares);
  }
}

/**
 * Σshare as the gatekeeper takes it at the start of each block (a wrapping sum). Which workers to include is the
 * caller's choice; the pRuntime sums every known worker that is not marked unresponsive.
 */
export function sumShares(shares: Iterable<Fixed>): Fixed {
  let total = 0n;
  for (const s of shares) total = addF(total, s);
  return total;
}

/** The gatekeeper's per-worker tokenomic state (`TokenomicInfo`, without the statistics). */
export interface GkWorkerState {
  v: Fixed;
  vInit: Fixed;
  /** V gained since the last payout: the most a payout may take back from V. */
  vDeductible: Fixed;
  /** Time (ms) and block of the last V settlement; payouts cover the blocks since `vUpdateBlock`. */
  vUpdateAt: bigint;
  vUpdateBlock: number;
  iterationLast: bigint;
  /** ms */
  challengeTimeLast: bigint;
  pBench: Fixed;
  pInstant: Fixed;
  confidenceLevel: number;
}

/** State right after `MiningStart{init_v, init_p}` reaches the gatekeeper in block `blockNumber` at `nowMs`. */
export function miningStartState(
  initV: Fixed,
  initP: number,
  confidenceLevel: number,
  nowMs: bigint,
  blockNumber: number,
): GkWorkerState {
  const p = fromInt(initP);
  return {
    v: initV,
    vInit: initV,
    vDeductible: 0n,
    vUpdateAt: nowMs,
    vUpdateBlock: blockNumber,
    iterationLast: 0n,
    challengeTimeLast: nowMs,
    pBench: p,
    pInstant: p,
    confidenceLevel,
  };
}

export function share(state: GkWorkerState): Fixed {
  return workerShare(state.v, state.pInstant, state.confidenceLevel);
}

/**
 * A responsive block without a heartbeat: Δv = (p_instant/p_bench) · ((rho − 1)·v + cost_k·p_bench + cost_b);
 * v := min(v + Δv, v_max); v_deductible += Δv (uncapped — the cap only limits V).
 */
export function idleUpdate(
  params: TokenomicParameters,
  state: GkWorkerState,
): { state: GkWorkerState; deltaV: Fixed } {
  const deltaV = idleDeltaV(subF(params.rho, ONE), idleConstants(params, state), state.v);
  return {
    state: {
      ...state,
      v: minF(addF(state.v, deltaV), params.vMax),
      vDeductible: addF(state.vDeductible, deltaV),
    },
    deltaV,
  };
}

/** The parts of `idleUpdate`'s Δv that depend on the parameters and p only (constant between heartbeats). */
export interface IdleConstants {
  /** cost_k·p_bench + cost_b */
  costIdle: Fixed;
  /** p_instant / p_bench (1 when p_bench is 0) */
  perf: Fixed;
}

export function idleConstants(
  params: TokenomicParameters,
  state: Pick<GkWorkerState, 'pBench' | 'pInstant'>,
): IdleConstants {
  return {
    costIdle: addF(mulF(params.costK, state.pBench), params.costB),
    perf: state.pBench === 0n ? ONE : divF(state.pInstant, state.pBench),
  };
}

/**
 * `idleUpdate`'s Δv = perf·((rho − 1)·v + cost_idle), from `subF(rho, ONE)` and the worker's constants: exactly
 * mulF(perf, addF(mulF(rhoMinusOne, v), costIdle)), written out (a simulation takes it per worker per block).
 */
export function idleDeltaV(rhoMinusOne: Fixed, k: IdleConstants, v: Fixed): Fixed {
  const t = BigInt.asUintN(128, BigInt.asUintN(128, (rhoMinusOne * v) >> 64n) + k.costIdle);
  // mulF(ONE, t) is t itself (t < 2^128): a worker running at its benchmark score skips the product
  return k.perf === ONE ? t : BigInt.asUintN(128, (k.perf * t) >> 64n);
}

/** A block while unresponsive: v −= v·slash_rate; the deductible is forfeited. */
export function unresponsiveUpdate(
  params: TokenomicParameters,
  state: GkWorkerState,
): { state: GkWorkerState; slash: Fixed } {
  const slash = mulF(state.v, params.slashRate);
  return { state: { ...state, v: subF(state.v, slash), vDeductible: 0n }, slash };
}

export interface HeartbeatPayout {
  state: GkWorkerState;
  /** U64F64 bits of PHA, as reported in `SettleInfo.payout` (the chain converts with B()). */
  payout: Fixed;
  treasury: Fixed;
  /** False when one of the no-payout conditions held (state unchanged, payout and treasury 0). */
  settled: boolean;
}

const noPayout = (state: GkWorkerState): HeartbeatPayout => ({
  state,
  payout: 0n,
  treasury: 0n,
  settled: false,
});

/**
 * A successful heartbeat from a responsive worker. budget = share/Σshare · budget_per_block · blocks, where blocks
 * = blockNumber − vUpdateBlock (evaluated left to right); payout = budget·(1 − treasury_ratio), treasury =
 * budget·treasury_ratio. In full-payout mode (Khala since the PhalaLaunched signal) the whole payout is paid and V
 * only loses min(v_deductible, payout); in legacy mode the payout itself is capped by v_deductible and the treasury
 * share scaled down with it. Nothing happens when Σshare, v_deductible or share is 0, or when this block was
 * already settled.
 */
export function heartbeatPayout(
  params: TokenomicParameters,
  state: GkWorkerState,
  sumShare: Fixed,
  nowMs: bigint,
  blockNumber: number,
  fullPayout = true,
): HeartbeatPayout {
  if (sumShare === 0n || state.vDeductible === 0n || blockNumber <= state.vUpdateBlock)
    return noPayout(state);
  const s = share(state);
  if (s === 0n) return noPayout(state);
  const blocks = fromInt(blockNumber - state.vUpdateBlock);
  const budget = mulF(mulF(divF(s, sumShare), params.budgetPerBlock), blocks);
  const payoutRatio = subF(ONE, params.treasuryRatio);
  const toPayout = mulF(budget, payoutRatio);
  const toTreasury = mulF(budget, params.treasuryRatio);
  let payout: Fixed;
  let treasury: Fixed;
  let v: Fixed;
  if (fullPayout) {
    payout = toPayout;
    treasury = toTreasury;
    v = subF(state.v, minF(state.vDeductible, payout));
  } else {
    payout = minF(state.vDeductible, toPayout);
    // to_payout > 0 here in practice; a zero budget would panic in the pRuntime just like divF throws.
    treasury = mulF(divF(payout, toPayout), toTreasury);
    v = subF(state.v, payout);
  }
  return {
    state: { ...state, v, vDeductible: 0n, vUpdateAt: nowMs, vUpdateBlock: blockNumber },
    payout,
    treasury,
    settled: true,
  };
}

/**
 * A heartbeat from an unresponsive worker once "UnrespFix" is signalled: no payout, the accrued deductible is
 * dropped and the settlement point moves to this block (the worker is then reported as recovered).
 */
export function recoverUpdate(state: GkWorkerState, nowMs: bigint, blockNumber: number): GkWorkerState {
  return { ...state, vDeductible: 0n, vUpdateAt: nowMs, vUpdateBlock: blockNumber };
}

/**
 * The gatekeeper's p_instant on a heartbeat (fixed point, unlike the chain's integer version):
 * min(Δiterations / (Δms/1000) · 6, p_bench · 1.2). Ignored when time did not advance; a decreasing iteration
 * counter restarts the count from the new value. The caller then records challengeTimeLast/iterationLast from the
 * heartbeat (see `recordHeartbeat`).
 */
export function updatePInstant(state: GkWorkerState, nowMs: bigint, iterations: bigint): GkWorkerState {
  if (nowMs <= state.challengeTimeLast) return state;
  const iterationLast = iterations < state.iterationLast ? iterations : state.iterationLast;
  return { ...state, iterationLast, pInstant: pInstantAt(state, nowMs, iterations, iterationLast) };
}

/** `updatePInstant`'s p_instant (nowMs after challengeTimeLast). */
function pInstantAt(state: GkWorkerState, nowMs: bigint, iterations: bigint, iterationLast: bigint): Fixed {
  const dt = divInt(fromInt(nowMs - state.challengeTimeLast), 1000n);
  const p = mulInt(divF(fromInt(iterations - iterationLast), dt), 6n);
  return minF(p, mulF(state.pBench, P_INSTANT_CAP));
}

/**
 * `recordHeartbeat(updatePInstant(state, nowMs, iterations), nowMs, iterations)` made as one state, not two (a
 * settlement takes a heartbeat for every mining worker).
 */
export function heartbeatUpdate(state: GkWorkerState, nowMs: bigint, iterations: bigint): GkWorkerState {
  const pInstant =
    nowMs <= state.challengeTimeLast
      ? state.pInstant
      : pInstantAt(
          state,
          nowMs,
          iterations,
          iterations < state.iterationLast ? iterations : state.iterationLast,
        );
  return { ...state, pInstant, challengeTimeLast: nowMs, iterationLast: iterations };
}

/** Heartbeat bookkeeping after `updatePInstant`: the challenge time (ms) and iteration counter it reported. */
export function recordHeartbeat(
  state: GkWorkerState,
  challengeTimeMs: bigint,
  iterations: bigint,
): GkWorkerState {
  return { ...state, challengeTimeLast: challengeTimeMs, iterationLast: iterations };
}

// ---------------------------------------------------------------------------------------------------------------
// Heartbeat challenge (chain side, `mining.rs` `pow_target` and the worker's answer rule)

export const U256_MAX = (1n << 256n) - 1n;
/** `ExpectedHeartbeatCount` default. */
export const DEFAULT_EXPECTED_HEARTBEAT_COUNT = 20;

/**
 * target = (U256::MAX >> 24) · frac with frac = ⌊(min(num_tx, N·2/(3600/secs)) / N) · 2^24⌋, computed in U32F32
 * exactly as `pow_target` does (each division truncating to 32 fraction bits). 0 when N = 0.
 */
export function powTarget(
  numWorkers: number,
  numTx = DEFAULT_EXPECTED_HEARTBEAT_COUNT,
  secsPerBlock = 12,
): bigint {
  if (numWorkers === 0) return 0n;
  const FB = 32n;
  const n = BigInt(numWorkers) << FB;
  const tx = BigInt(numTx) << FB;
  const blocksPerHour = BigInt(Math.floor(3600 / secsPerBlock)) << FB;
  // U32F32 ops: a·b = ⌊a·b/2^32⌋, a/b = ⌊a·2^32/b⌋ on the raw bits
  const maxTx = (((n * (2n << FB)) >> FB) << FB) / blocksPerHour;
  const targetTx = tx < maxTx ? tx : maxTx;
  const ratio = (targetTx << FB) / n;
  const frac = ((ratio << 24n) & ((1n << 64n) - 1n)) >> FB;
  return (U256_MAX >> 24n) * frac;
}

/** A 32-byte hash read as U256 the way `U256::from(&[u8])` does it (big-endian). */
export function u256FromBytes(bytes: Uint8Array): bigint {
  if (bytes.length !== 32) throw new RangeError(`expected 32 bytes, got ${bytes.length}`);
  let x = 0n;
  for (const b of bytes) x = (x << 8n) | BigInt(b);
  return x;
}

/** Whether a worker must answer a challenge: (blake2_256(pubkey) as U256) XOR seed ≤ target. */
export function mustAnswer(pubkeyHash: bigint, seed: bigint, target: bigint): boolean {
  return (pubkeyHash ^ seed) <= target;
}
