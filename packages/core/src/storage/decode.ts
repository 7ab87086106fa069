/**
 * From the plain values the runtime's storage codecs decode (see codecs.ts) to the SDK's state shapes.
 * Field names are the metadata's (snake_case); reading them by name keeps 1190's and 1192's layouts alike.
 */
import type { TokenomicParameters } from '@phala-mining/math';
import { hexToString, isHex, u8aToHex, u8aToString } from '@polkadot/util';
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { UnexpectedError } from '../errors/index.js';
import type {
  MinerInfo,
  MinerStateName,
  PoolInfo,
  RegistryWorkerInfo,
  StakerInfo,
  WithdrawRequestInfo,
} from '../state/records.js';

/** A decoded struct. */
type Plain = Record<string, any>;

function field(struct: Plain, name: string): any {
  const value = struct[name];
  // a runtime whose layout lacks the field is not one the SDK knows: say so instead of computing with undefined
  if (value === undefined && !(name in struct))
    throw new UnexpectedError(
      `the runtime's storage layout has no field ${name} where stake pool v1 has one`,
    );
  return value;
}

/**
 * The field of a one-field struct: polkadot-api's codecs collapse such a struct (e.g. `MinerStats { total_reward }`)
 * into its only value.
 */
function soleField(struct: unknown, name: string): any {
  return struct !== null && typeof struct === 'object' && name in struct ? (struct as Plain)[name] : struct;
}

function big(value: unknown): bigint {
  return typeof value === 'bigint' ? value : BigInt(value as number);
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

/** Text of a decoded `Vec<u8>` (bytes, 0x-hex, or a binary object with `asText`). */
function text(bytes: unknown): string {
  if (bytes instanceof Uint8Array) return u8aToString(bytes);
  if (typeof bytes === 'string') return isHex(bytes) ? hexToString(bytes) : bytes;
  if (bytes && typeof (bytes as { asText?: unknown }).asText === 'function')
    return (bytes as { asText(): string }).asText();
  return '';
}

/** 0x-hex of a decoded fixed-size byte array. */
function hex(bytes: unknown): string {
  if (bytes instanceof Uint8Array) return u8aToHex(bytes);
  if (typeof bytes === 'string') return bytes.toLowerCase();
  return (bytes as { asHex(): string }).asHex();
}

function decodeWithdrawRequest(w: Plain, ss58: number): WithdrawRequestInfo {
  return {
    user: address(field(w, 'user'), ss58),
    shares: big(field(w, 'shares')),
    startTime: big(field(w, 'start_time')),
  };
}

/** `StakePools[pid]` with its whitelist and description; undefined when the pool does not exist. */
export function decodePool(
  pool: Plain | undefined,
  whitelist: string[] | undefined,
  description: unknown,
  ss58: number,
): PoolInfo | undefined {
  if (!pool) return undefined;
  const commission = field(pool, 'payout_commission') as number | undefined;
  const cap = field(pool, 'cap') as bigint | undefined;
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
    workers: (field(pool, 'workers') as unknown[]).map(hex),
    withdrawQueue: (field(pool, 'withdraw_queue') as Plain[]).map((w) => decodeWithdrawRequest(w, ss58)),
    whitelist: whitelist?.map((a) => address(a, ss58)),
    description: description === undefined ? '' : text(description),
  };
}

export function decodeStaker(staker: Plain | undefined, ss58: number): StakerInfo | undefined {
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
  worker: Plain | undefined,
  ss58: number,
): RegistryWorkerInfo | undefined {
  if (!worker) return undefined;
  const operator = field(worker, 'operator') as string | undefined;
  const score = field(worker, 'initial_score') as number | undefined;
  return {
    pubkey: hex(field(worker, 'pubkey')),
    operator: operator === undefined ? undefined : address(operator, ss58),
    confidenceLevel: Number(field(worker, 'confidence_level')),
    initialScore: score === undefined ? undefined : Number(score),
    features: (field(worker, 'features') as number[]).map(Number),
  };
}

export function decodeMiner(miner: Plain | undefined): MinerInfo | undefined {
  if (!miner) return undefined;
  const benchmark = field(miner, 'benchmark') as Plain;
  return {
    state: (field(miner, 'state') as { type: string }).type as MinerStateName,
    ve: big(field(miner, 've')),
    v: big(field(miner, 'v')),
    vUpdatedAt: big(field(miner, 'v_updated_at')),
    pInit: Number(field(benchmark, 'p_init')),
    pInstant: Number(field(benchmark, 'p_instant')),
    coolDownStart: big(field(miner, 'cool_down_start')),
    totalReward: big(soleField(field(miner, 'stats'), 'total_reward')),
  };
}

/** An optional balance (absent = 0). */
export function decodeBalanceOption(value: bigint | undefined): bigint {
  return value === undefined ? 0n : big(value);
}

/** `TokenomicParameters` in the shape @phala-mining/math computes with; undefined when not set. */
export function decodeTokenomics(t: Plain | undefined): TokenomicParameters | undefined {
  if (!t) return undefined;
  const f = (name: string) => big(field(t, name));
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
