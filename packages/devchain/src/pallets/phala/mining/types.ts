import type { TokenomicParameters as MathTokenomicParameters } from '@phala-mining/math';
import { Bytes32 } from '../../../runtime/primitives.js';
import { enumType, type Hex, struct, u32, u64, u128 } from '../../../scale/types.js';

export type MinerStateValue = 'Ready' | 'MiningIdle' | '_Unused' | 'MiningUnresponsive' | 'MiningCoolingDown';
export const MinerState = enumType<MinerStateValue>('phala_pallets::mining::pallet::MinerState', {
  Ready: null,
  MiningIdle: null,
  _Unused: null,
  MiningUnresponsive: null,
  MiningCoolingDown: null,
});

export const Benchmark = struct('phala_pallets::mining::pallet::Benchmark', {
  p_init: [u32, 'u32'],
  p_instant: [u32, 'u32'],
  iterations: [u64, 'u64'],
  mining_start_time: [u64, 'u64'],
  challenge_time_last: [u64, 'u64'],
});
export interface BenchmarkValue {
  p_init: number;
  p_instant: number;
  iterations: bigint;
  /** set when the miner is bound, despite the name (unix s) */
  mining_start_time: bigint;
  /** unix s */
  challenge_time_last: bigint;
}

export const MinerStats = struct('phala_pallets::mining::pallet::MinerStats', {
  total_reward: [u128, 'u128'],
});

export const MinerInfo = struct('phala_pallets::mining::pallet::MinerInfo', {
  state: [MinerState, 'MinerState'],
  ve: [u128, 'u128'],
  v: [u128, 'u128'],
  v_updated_at: [u64, 'u64'],
  benchmark: [Benchmark, 'Benchmark'],
  cool_down_start: [u64, 'u64'],
  stats: [MinerStats, 'MinerStats'],
});
export interface MinerInfoValue {
  state: MinerStateValue;
  /** U64F64 bits of the initial V */
  ve: bigint;
  /** U64F64 bits of the last settled V */
  v: bigint;
  /** unix s */
  v_updated_at: bigint;
  benchmark: BenchmarkValue;
  /** unix s; meaningful in MiningCoolingDown only */
  cool_down_start: bigint;
  /** total_reward: sum of settled payouts in planck */
  stats: { total_reward: bigint };
}

const bits: [typeof u128, string] = [u128, 'U64F64Bits'];
export const TokenomicParameters = struct('phala_types::messaging::TokenomicParameters', {
  pha_rate: bits,
  rho: bits,
  budget_per_block: bits,
  v_max: bits,
  cost_k: bits,
  cost_b: bits,
  slash_rate: bits,
  treasury_ratio: bits,
  heartbeat_window: [u32, 'u32'],
  rig_k: bits,
  rig_b: bits,
  re: bits,
  k: bits,
  kappa: bits,
});
export interface TokenomicParametersValue {
  pha_rate: bigint;
  rho: bigint;
  budget_per_block: bigint;
  v_max: bigint;
  cost_k: bigint;
  cost_b: bigint;
  slash_rate: bigint;
  treasury_ratio: bigint;
  heartbeat_window: number;
  rig_k: bigint;
  rig_b: bigint;
  re: bigint;
  k: bigint;
  kappa: bigint;
}

export function toStorageParams(p: Readonly<MathTokenomicParameters>): TokenomicParametersValue {
  return {
    pha_rate: p.phaRate,
    rho: p.rho,
    budget_per_block: p.budgetPerBlock,
    v_max: p.vMax,
    cost_k: p.costK,
    cost_b: p.costB,
    slash_rate: p.slashRate,
    treasury_ratio: p.treasuryRatio,
    heartbeat_window: p.heartbeatWindow,
    rig_k: p.rigK,
    rig_b: p.rigB,
    re: p.re,
    k: p.k,
    kappa: p.kappa,
  };
}

export function fromStorageParams(p: TokenomicParametersValue): MathTokenomicParameters {
  return {
    phaRate: p.pha_rate,
    rho: p.rho,
    budgetPerBlock: p.budget_per_block,
    vMax: p.v_max,
    costK: p.cost_k,
    costB: p.cost_b,
    slashRate: p.slash_rate,
    treasuryRatio: p.treasury_ratio,
    heartbeatWindow: p.heartbeat_window,
    rigK: p.rig_k,
    rigB: p.rig_b,
    re: p.re,
    k: p.k,
    kappa: p.kappa,
  };
}

/** `phala_types::messaging::GatekeeperEvent` (topic `phala/gatekeeper/event`). */
export type GatekeeperEventValue =
  | { tag: 'NewRandomNumber'; value: { block_number: number; random_number: Hex; last_random_number: Hex } }
  | { tag: 'TokenomicParametersChanged'; value: TokenomicParametersValue }
  | { tag: 'RepairV' | 'PhalaLaunched' | 'UnrespFix'; value?: undefined };
export const GatekeeperEvent = enumType<GatekeeperEventValue>('phala_types::messaging::GatekeeperEvent', {
  NewRandomNumber: {
    fields: [
      struct('phala_types::messaging::RandomNumberEvent', {
        block_number: u32,
        random_number: Bytes32,
        last_random_number: Bytes32,
      }),
    ],
  },
  TokenomicParametersChanged: { fields: [TokenomicParameters] },
  RepairV: null,
  PhalaLaunched: null,
  UnrespFix: null,
});
