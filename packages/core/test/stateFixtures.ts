/** Plain state objects for the unit tests of the pure rule checks (not part of the public API). */
import type { MinerInfo, PoolInfo, RegistryWorkerInfo, StakerInfo } from '../src/state/records.js';

export const ALICE = '45R2pfjQUW2s9PQRHU48HQKLKHVMaDja7N3wpBtmF28UYDs2';
export const BOB = '43qsYbZGLn2xzNuurY6BY4QNDSUU7gLEcXuckpm6B3DEmEx9';
export const WORKER = `0x${'11'.repeat(32)}`;
export { PLANCK_PER_PHA as PHA } from '@phala-mining/math';

export function pool(overrides: Partial<PoolInfo> = {}): PoolInfo {
  return {
    pid: 0n,
    owner: ALICE,
    commission: 0,
    ownerReward: 0n,
    cap: undefined,
    rewardAcc: 0n,
    totalShares: 0n,
    totalStake: 0n,
    freeStake: 0n,
    releasingStake: 0n,
    workers: [],
    withdrawQueue: [],
    whitelist: undefined,
    description: { kind: 'text', text: '' },
    ...overrides,
  };
}

export function registered(overrides: Partial<RegistryWorkerInfo> = {}): RegistryWorkerInfo {
  return {
    pubkey: WORKER,
    operator: ALICE,
    confidenceLevel: 1,
    initialScore: 2000,
    features: [4, 1],
    ...overrides,
  };
}

export function miner(overrides: Partial<MinerInfo> = {}): MinerInfo {
  return {
    state: 'Ready',
    ve: 0n,
    v: 0n,
    vUpdatedAt: 0n,
    pInit: 0,
    pInstant: 0,
    coolDownStart: 0n,
    totalReward: 0n,
    ...overrides,
  };
}

export function staker(overrides: Partial<StakerInfo> = {}): StakerInfo {
  return { user: BOB, locked: 0n, shares: 0n, availableRewards: 0n, rewardDebt: 0n, ...overrides };
}
