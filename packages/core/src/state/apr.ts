import { F, fromInt, type TokenomicParameters, workerShare } from '@phala-mining/math';
import type { PoolInfo } from './records.js';
import type { WorkerView } from './workers.js';

const TWO64 = 2 ** 64;
/** blocks per year at 12 s */
export const BLOCKS_PER_YEAR = (365 * 24 * 3600) / 12;

const toNumber = (bits: bigint) => Number(bits) / TWO64;

/** The gatekeeper's share of a mining worker: √(v² + (2·p·conf)²), U64F64 bits. */
export function miningShare(worker: Pick<WorkerView, 'v' | 'instantScore' | 'confidenceLevel'>): bigint {
  return workerShare(worker.v, fromInt(worker.instantScore), worker.confidenceLevel ?? 1);
}

/**
 * The pool APR as the Phala App estimated it (informative): for each Mining worker, per-block reward =
 * min(share/Σshare × budget_per_block, v × 0.0002 / 300); APR = Σ × (1 − treasury_ratio) × (1 − commission) ×
 * blocks per year / total stake. `networkShare` is Σshare over every mining worker of the network (defaults to this
 * pool's, i.e. the pool alone on its chain). Returns a fraction (0.35 = 35 %), 0 for a pool without stake.
 */
export function estimateApr(
  pool: PoolInfo,
  workers: readonly WorkerView[],
  params: TokenomicParameters,
  networkShare?: bigint,
): number {
  const mining = workers.filter((w) => w.state === 'Mining');
  const shares = mining.map(miningShare);
  const total = toNumber(networkShare ?? shares.reduce((a, b) => a + b, 0n));
  if (pool.totalStake === 0n || total === 0) return 0;
  const budget = toNumber(params.budgetPerBlock);
  let perBlock = 0;
  mining.forEach((w, i) => {
    perBlock += Math.min((toNumber(shares[i]!) / total) * budget, (toNumber(w.v) * 0.0002) / 300);
  });
  const stake = toNumber(F(pool.totalStake));
  return (
    (perBlock * (1 - toNumber(params.treasuryRatio)) * (1 - pool.commission / 1e6) * BLOCKS_PER_YEAR) / stake
  );
}
