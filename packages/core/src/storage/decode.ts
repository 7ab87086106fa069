/**
 * From the plain values the runtime's storage codecs decode (see codecs.ts) to the SDK's state shapes. The
 * inputs are @phala-mining/types' generated `Plain*` shapes, so a field the runtime renames or retypes is a compile
 * error here. Field names are the metadata's (snake_case); reading them by name keeps 1190's and 1192's layouts
 * alike.
 */
import type { TokenomicParameters } from '@phala-mining/math';
import type {
  PlainPhalaPalletsMiningPalletMinerInfo,
  PlainPhalaPalletsRegistryPalletWorkerInfo,
  PlainPhalaPalletsStakepoolPalletPoolInfo,
  PlainPhalaPalletsStakepoolPalletUserStakeInfo,
  PlainPhalaPalletsStakepoolPalletWithdrawInfo,
  PlainPhalaTypesMessagingTokenomicParameters,
} from '@phala-mining/types';
import { hexToString, isHex, u8aToHex, u8aToString } from '@polkadot/util';
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { UnexpectedError } from '../errors/index.js';
import { parsePoolDescription } from '../state/poolDescription.js';
import type {
  MinerInfo,
  MinerStateName,
  PoolInfo,
  RegistryWorkerInfo,
  StakerInfo,
  WithdrawRequestInfo,
} from '../state/records.js';

function field<T extends object, K extends keyof T & string>(struct: T, name: K): T[K] {
  const value = struct[name];
  // the types are the dev chain's; a live runtime whose layout lacks the field is not one the SDK knows: say so
  // instead of computing with undefined
  if (value === undefined && !(name in struct))
    throw new UnexpectedError(
      `the runtime's storage layout has no field ${name} where stake pool v1 has one`,
    );
  return value;
}

function big(value: bigint | number): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

const addressCache = new Map<string, string>();

/**
 * An account in the client's SS58 format (the decoder writes the runtime's). Memoised: each SS58 encoding costs a
 * blake2-512 checksum.
 */
function address(account: string, ss58: number): string {
  const key = `${ss58}:${account}`;
  let a = addressCache.get(key);
  if (a === undefined) {
    if (addressCache.size >= 50_000) addressCache.clear();
    a = encodeAddress(decodeAddress(account), ss58);
    addressCache.set(key, a);
  }
  return a;
}

/** Text of a decoded `Vec<u8>` (bytes; 0x-hex or text from other sources). */
function text(bytes: Uint8Array | string): string {
  if (bytes instanceof Uint8Array) return u8aToString(bytes);
  return isHex(bytes) ? hexToString(bytes) : bytes;
}

/** 0x-hex of a decoded fixed-size byte array (the codecs give hex; lowercase it for comparisons). */
function hex(bytes: string | Uint8Array): string {
  return bytes instanceof Uint8Array ? u8aToHex(bytes) : bytes.toLowerCase();
}

function decodeWithdrawRequest(
  w: PlainPhalaPalletsStakepoolPalletWithdrawInfo,
  ss58: number,
): WithdrawRequestInfo {
  return {
    user: address(field(w, 'user'), ss58),
    shares: big(field(w, 'shares')),
    startTime: big(field(w, 'start_time')),
  };
}

/** `StakePools[pid]` with its whitelist and description; undefined when the pool does not exist. */
export function decodePool(
  pool: PlainPhalaPalletsStakepoolPalletPoolInfo | undefined,
  whitelist: readonly string[] | undefined,
  description: Uint8Array | undefined,
  ss58: number,
): PoolInfo | undefined {
  if (!pool) return undefined;
  const commission = field(pool, 'payout_commission');
  const cap = field(pool, 'cap');
  return {
    pid: big(field(pool, 'pid')),
    owner: address(field(pool, 'owner'), ss58),
    commission: commission ?? 0,
    ownerReward: big(field(pool, 'owner_reward')),
    cap: cap === undefined ? undefined : big(cap),
    rewardAcc: big(field(pool, 'reward_acc')),
    totalShares: big(field(pool, 'total_shares')),
    totalStake: big(field(pool, 'total_stake')),
    freeStake: big(field(pool, 'free_stake')),
    releasingStake: big(field(pool, 'releasing_stake')),
    workers: field(pool, 'workers').map(hex),
    withdrawQueue: field(pool, 'withdraw_queue').map((w) => decodeWithdrawRequest(w, ss58)),
    whitelist: whitelist?.map((a) => address(a, ss58)),
    description: parsePoolDescription(description === undefined ? '' : text(description)),
  };
}

export function decodeStaker(
  staker: PlainPhalaPalletsStakepoolPalletUserStakeInfo | undefined,
  ss58: number,
): StakerInfo | undefined {
  if (!staker) return undefined;
  return {
    user: address(field(staker, 'user'), ss58),
    locked: big(field(staker, 'locked')),
    shares: big(field(staker, 'shares')),
    availableRewards: big(field(staker, 'available_rewards')),
    rewardDebt: big(field(staker, 'reward_debt')),
  };
}

export function decodeRegistryWorker(
  worker: PlainPhalaPalletsRegistryPalletWorkerInfo | undefined,
  ss58: number,
): RegistryWorkerInfo | undefined {
  if (!worker) return undefined;
  const operator = field(worker, 'operator');
  const score = field(worker, 'initial_score');
  return {
    pubkey: hex(field(worker, 'pubkey')),
    operator: operator === undefined ? undefined : address(operator, ss58),
    confidenceLevel: Number(field(worker, 'confidence_level')),
    initialScore: score === undefined ? undefined : Number(score),
    features: field(worker, 'features').map(Number),
  };
}

/** The miner's state; index 2 (`MiningActive` once) is `_Unused` in stake pool v1 and never set. */
function minerState(state: PlainPhalaPalletsMiningPalletMinerInfo['state']): MinerStateName {
  if (state.type === '_Unused') throw new UnexpectedError('a miner is in the unused state 2 (MiningActive)');
  return state.type;
}

export function decodeMiner(
  miner: PlainPhalaPalletsMiningPalletMinerInfo | undefined,
): MinerInfo | undefined {
  if (!miner) return undefined;
  const benchmark = field(miner, 'benchmark');
  return {
    state: minerState(field(miner, 'state')),
    ve: big(field(miner, 've')),
    v: big(field(miner, 'v')),
    vUpdatedAt: big(field(miner, 'v_updated_at')),
    pInit: Number(field(benchmark, 'p_init')),
    pInstant: Number(field(benchmark, 'p_instant')),
    coolDownStart: big(field(miner, 'cool_down_start')),
    // MinerStats has one field: the codecs collapse the struct into its value
    totalReward: big(field(miner, 'stats')),
  };
}

/** An optional balance (absent = 0). */
export function decodeBalanceOption(value: bigint | undefined): bigint {
  return value === undefined ? 0n : big(value);
}

/** `TokenomicParameters` in the shape @phala-mining/math computes with; undefined when not set. */
export function decodeTokenomics(
  t: PlainPhalaTypesMessagingTokenomicParameters | undefined,
): TokenomicParameters | undefined {
  if (!t) return undefined;
  const f = (name: Exclude<keyof PlainPhalaTypesMessagingTokenomicParameters, 'heartbeat_window'>) =>
    big(field(t, name));
  return {
    phaRate: f('pha_rate'),
    rho: f('rho'),
    budgetPerBlock: f('budget_per_block'),
    vMax: f('v_max'),
    costK: f('cost_k'),
    costB: f('cost_b'),
    slashRate: f('slash_rate'),
    treasuryRatio: f('treasury_ratio'),
    heartbeatWindow: Number(field(t, 'heartbeat_window')),
    rigK: f('rig_k'),
    rigB: f('rig_b'),
    re: f('re'),
    k: f('k'),
    kappa: f('kappa'),
  };
}

/** `pallet_timestamp::Now` (ms) as unix seconds. */
export function decodeNowSeconds(nowMs: bigint): bigint {
  return big(nowMs) / 1000n;
}

export { big };
