import {
  addF,
  B,
  type Balance,
  divF,
  divInt,
  F,
  type Fixed,
  FRAC_BITS,
  fixedFromDecimal,
  fromInt,
  mulF,
  mulInt,
  ONE,
  PHA,
  sqrtF,
  subF,
  U64_MAX,
} from './fixed.js';

/**
 * `phala_types::messaging::TokenomicParameters`; field order is the SCALE order. Every field except
 * `heartbeatWindow` (u32, blocks) is a U64F64 bit pattern.
 */
export interface TokenomicParameters {
  phaRate: Fixed;
  rho: Fixed;
  budgetPerBlock: Fixed;
  vMax: Fixed;
  costK: Fixed;
  costB: Fixed;
  slashRate: Fixed;
  treasuryRatio: Fixed;
  heartbeatWindow: number;
  rigK: Fixed;
  rigB: Fixed;
  re: Fixed;
  k: Fixed;
  kappa: Fixed;
}

export const TOKENOMIC_FIELD_ORDER = [
  'phaRate',
  'rho',
  'budgetPerBlock',
  'vMax',
  'costK',
  'costB',
  'slashRate',
  'treasuryRatio',
  'heartbeatWindow',
  'rigK',
  'rigB',
  're',
  'k',
  'kappa',
] as const satisfies readonly (keyof TokenomicParameters)[];

const BLOCK_SEC = 12n;
const HOUR_SEC = 3600n;
const DAY_SEC = 24n * HOUR_SEC;
const YEAR_SEC = 365n * DAY_SEC;

/**
 * The genesis default (`GenesisConfig::default` of the mining pallet, used by the `khala-dev` chain spec). The
 * per-block values are derived with the same operations, in the same order, as the Rust code — `fp!(literal)`
 * (nearest U64F64), then `× integer` (bits × n) and `÷ integer` (bits ÷ n, truncating), then `÷ pha_rate` (fixed
 * division) — because each step truncates and a different order would give different bits.
 */
function genesisDefault(): TokenomicParameters {
  const phaRate = fixedFromDecimal('1');
  return {
    phaRate,
    // hourly 1.0002, i.e. 1.0002^(1/300) per 12 s block
    rho: fixedFromDecimal('1.000000666600231'),
    budgetPerBlock: divInt(mulInt(fixedFromDecimal('720000'), BLOCK_SEC), DAY_SEC),
    vMax: fixedFromDecimal('30000'),
    costK: divF(divInt(mulInt(fixedFromDecimal('0.0415625'), BLOCK_SEC), YEAR_SEC), phaRate),
    costB: divF(divInt(mulInt(fixedFromDecimal('88.59375'), BLOCK_SEC), YEAR_SEC), phaRate),
    slashRate: divInt(mulInt(fixedFromDecimal('0.001'), BLOCK_SEC), HOUR_SEC),
    treasuryRatio: fixedFromDecimal('0.2'),
    heartbeatWindow: 10,
    rigK: divF(fixedFromDecimal('0.3'), phaRate),
    rigB: divF(fixedFromDecimal('0'), phaRate),
    re: fixedFromDecimal('1.3'),
    k: fixedFromDecimal('100'),
    kappa: fixedFromDecimal('1'),
  };
}

export const GENESIS_TOKENOMIC_PARAMETERS: Readonly<TokenomicParameters> = Object.freeze(genesisDefault());

/**
 * Khala production values scheduled by the v4 migration (`enable_phala_tokenomic`). These are the exact bits of the
 * SCALE blob hard-coded in that migration, not re-derived from decimals: the decimals in the spec (0.27, 187.8783,
 * 2.3711e-8, …) are roundings of these.
 */
export const KHALA_TOKENOMIC_PARAMETERS: Readonly<TokenomicParameters> = Object.freeze({
  phaRate: 0x451eb851eb851eb8n, // 0.27
  rho: 0x100000b2f06b47efdn, // 1.000000666600231
  budgetPerBlock: 0xbbe0d844d013a92a48n, // 187.8783
  vMax: 0x75300000000000000000n, // 30000
  costK: 0x65d68e5a25n, // ≈ 2.3711e-8
  costB: 0x34ff3f873349dn, // ≈ 5.0542e-5
  slashRate: 0n,
  treasuryRatio: 0x3333333333333333n, // 0.2
  heartbeatWindow: 20,
  rigK: 0x7324763680311c3bn, // ≈ 0.449775 = 0.3 / 0.667
  rigB: 0n,
  re: 0x18000000000000000n, // 1.5
  k: 0x320000000000000000n, // 50
  kappa: 0x10000000000000000n, // 1
});

/** Minimal initial score accepted by `start_mining` (`MinInitP`). */
export const MIN_INIT_P = 50;

const CONF_0_8 = fixedFromDecimal('0.8');
const CONF_0_7 = fixedFromDecimal('0.7');

/**
 * On-chain confidence score (`Tokenomic::confidence_score`): 1 for levels 1–3, 0.8 for 4, 0.7 for 5, and 1 for any
 * other level (the chain falls back to the first entry; the gatekeeper differs, see gatekeeper.ts).
 */
export function conf(level: number): Fixed {
  if (level === 4) return CONF_0_8;
  if (level === 5) return CONF_0_7;
  return ONE;
}

/** Smin in planck: B(k · √p) with the 32-fraction-bit square root of `fixed-sqrt`. */
export function minStake(params: TokenomicParameters, p: number | bigint): Balance {
  return B(mulF(params.k, sqrtF(fromInt(p))));
}

/** Rig cost C = rig_k·p + rig_b (fixed, PHA). */
export function rigCost(params: TokenomicParameters, p: number | bigint): Fixed {
  return addF(mulF(params.rigK, fromInt(p)), params.rigB);
}

/** Operating cost per block cost_k·p + cost_b (fixed, PHA); the chain only uses it in tests, the gatekeeper per block. */
export function opCost(params: TokenomicParameters, p: Fixed): Fixed {
  return addF(mulF(params.costK, p), params.costB);
}

/** The stake multiplier (re − 1)·conf + 1, in that order (`tweaked_re`). */
export function tweakedRe(params: TokenomicParameters, confidenceLevel: number): Fixed {
  return addF(mulF(subF(params.re, ONE), conf(confidenceLevel)), ONE);
}

/**
 * Initial V = tweaked_re · (F(stake) + C) as `Tokenomic::ve` computes it: first (re − 1)·conf + 1, then
 * rig_k·p + rig_b, then S + C, then one multiplication — each step truncating.
 */
export function ve(
  params: TokenomicParameters,
  stake: Balance,
  p: number | bigint,
  confidenceLevel: number,
): Fixed {
  return mulF(tweakedRe(params, confidenceLevel), addF(F(stake), rigCost(params, p)));
}

/**
 * Smax: the largest planck stake with ve(stake) ≤ v_max (so ve(Smax) ≤ v_max < ve(Smax + 1)), or undefined when even
 * a zero stake exceeds v_max. Solved exactly rather than searched: ⌊t·X/2^64⌋ ≤ v_max ⇔ X ≤ ⌊((v_max+1)·2^64 − 1)/t⌋,
 * and F(x) ≤ L ⇔ x ≤ ⌊((L+1)·10^12 − 1)/2^64⌋. The answer is taken over stakes below 2^64 planck, where F does not
 * wrap (above that the chain's Ve wraps around and is no longer monotone in the stake).
 */
export function maxStake(
  params: TokenomicParameters,
  p: number | bigint,
  confidenceLevel: number,
): Balance | undefined {
  const t = tweakedRe(params, confidenceLevel);
  const c = rigCost(params, p);
  if (t === 0n) return U64_MAX;
  const maxSum = (((params.vMax + 1n) << FRAC_BITS) - 1n) / t;
  if (maxSum < c) return undefined;
  const maxS = maxSum - c;
  const x = ((maxS + 1n) * PHA - 1n) >> FRAC_BITS;
  return x > U64_MAX ? U64_MAX : x;
}

export type StartMiningCheck = 'BenchmarkTooLow' | 'InsufficientStake' | 'TooMuchStake';

/** The tokenomic checks of `start_mining`, in the chain's order; undefined when the stake is accepted. */
export function checkStartMining(
  params: TokenomicParameters,
  stake: Balance,
  p: number,
  confidenceLevel: number,
): StartMiningCheck | undefined {
  if (p < MIN_INIT_P) return 'BenchmarkTooLow';
  if (stake < minStake(params, p)) return 'InsufficientStake';
  if (ve(params, stake, p, confidenceLevel) > params.vMax) return 'TooMuchStake';
  return undefined;
}

const HALVING_FACTOR = fixedFromDecimal('0.75');

/** The subsidy halving of `on_finalize`: budget_per_block × 0.75 (U64F64). */
export function halveBudget(params: TokenomicParameters): TokenomicParameters {
  return { ...params, budgetPerBlock: mulF(params.budgetPerBlock, HALVING_FACTOR) };
}
