import type { Codec } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import type {
  MinerInfo,
  MinerStateName,
  PoolInfo,
  RegistryWorkerInfo,
  StakerInfo,
  WithdrawRequestInfo,
} from './state.js';

// The SDK must run before @phala-mining/types augments @polkadot/api and against runtimes whose type names differ
// (1190 vs 1192); reading fields by name from the decoded structs works for all of them.
type AnyCodec = Codec & Record<string, any>;

function field(struct: Codec, name: string): AnyCodec {
  const s = struct as AnyCodec;
  const value = typeof s.get === 'function' ? s.get(name) : s[name];
  if (value === undefined) throw new TypeError(`decoded value has no field ${name}`);
  return value as AnyCodec;
}

/** bigint of an integer codec. */
export function big(c: Codec): bigint {
  return (c as AnyCodec).toBigInt();
}

function num(c: Codec): number {
  return (c as AnyCodec).toNumber();
}

/** The inner value of an Option codec, or undefined. */
export function unwrap(c: Codec): AnyCodec | undefined {
  const o = c as AnyCodec;
  if (typeof o.isSome === 'boolean') return o.isSome ? (o.unwrap() as AnyCodec) : undefined;
  return o.isEmpty ? undefined : o;
}

/** 0x-hex of a fixed-size byte codec. */
export function hex(c: Codec): string {
  return u8aToHex(c.toU8a(true));
}

const addressCache = new Map<string, string>();

/** SS58 of an AccountId codec (memoised: the SS58 checksum is a blake2-512 per call). */
export function address(c: Codec, ss58: number): string {
  const key = `${ss58}:${c.toHex()}`;
  let a = addressCache.get(key);
  if (a === undefined) {
    if (addressCache.size >= 50_000) addressCache.clear();
    a = encodeAddress(c.toU8a(true), ss58);
    addressCache.set(key, a);
  }
  return a;
}

export function decodeWithdrawRequest(c: Codec, ss58: number): WithdrawRequestInfo {
  return {
    user: address(field(c, 'user'), ss58),
    shares: big(field(c, 'shares')),
    startTime: big(field(c, 'startTime')),
  };
}

/** Decodes `Option<PoolInfo>`; undefined when the pool does not exist. */
export function decodePool(
  c: Codec,
  whitelist: Codec | undefined,
  description: Codec | undefined,
  ss58: number,
): PoolInfo | undefined {
  const p = unwrap(c);
  if (!p) return undefined;
  const commission = unwrap(field(p, 'payoutCommission'));
  const cap = unwrap(field(p, 'cap'));
  const wl = whitelist ? unwrap(whitelist) : undefined;
  const desc = description ? unwrap(description) : undefined;
  return {
    pid: big(field(p, 'pid')),
    owner: address(field(p, 'owner'), ss58),
    commission: commission ? num(commission) : 0,
    ownerReward: big(field(p, 'ownerReward')),
    cap: cap ? big(cap) : undefined,
    rewardAcc: big(field(p, 'rewardAcc')),
    totalShares: big(field(p, 'totalShares')),
    totalStake: big(field(p, 'totalStake')),
    freeStake: big(field(p, 'freeStake')),
    releasingStake: big(field(p, 'releasingStake')),
    workers: [...(field(p, 'workers') as unknown as Codec[])].map(hex),
    withdrawQueue: [...(field(p, 'withdrawQueue') as unknown as Codec[])].map((w) =>
      decodeWithdrawRequest(w, ss58),
    ),
    whitelist: wl ? [...(wl as unknown as Codec[])].map((a) => address(a, ss58)) : undefined,
    description: desc ? new TextDecoder().decode(desc.toU8a(true)) : '',
  };
}

export function decodeStaker(c: Codec, ss58: number): StakerInfo | undefined {
  const s = unwrap(c);
  if (!s) return undefined;
  return {
    user: address(field(s, 'user'), ss58),
    locked: big(field(s, 'locked')),
    shares: big(field(s, 'shares')),
    availableRewards: big(field(s, 'availableRewards')),
    rewardDebt: big(field(s, 'rewardDebt')),
  };
}

export function decodeRegistryWorker(c: Codec, ss58: number): RegistryWorkerInfo | undefined {
  const w = unwrap(c);
  if (!w) return undefined;
  const operator = unwrap(field(w, 'operator'));
  const score = unwrap(field(w, 'initialScore'));
  return {
    pubkey: hex(field(w, 'pubkey')),
    operator: operator ? address(operator, ss58) : undefined,
    confidenceLevel: num(field(w, 'confidenceLevel')),
    initialScore: score ? num(score) : undefined,
    features: [...(field(w, 'features') as unknown as Codec[])].map(num),
  };
}

export function decodeMiner(c: Codec): MinerInfo | undefined {
  const m = unwrap(c);
  if (!m) return undefined;
  const state = field(m, 'state') as AnyCodec;
  const bench = field(m, 'benchmark');
  return {
    state: state.type as MinerStateName,
    ve: big(field(m, 've')),
    v: big(field(m, 'v')),
    vUpdatedAt: big(field(m, 'vUpdatedAt')),
    pInit: num(field(bench, 'pInit')),
    pInstant: num(field(bench, 'pInstant')),
    coolDownStart: big(field(m, 'coolDownStart')),
    totalReward: big(field(field(m, 'stats'), 'totalReward')),
  };
}

/** `Option<u128>`/`u128` → bigint (absent = 0). */
export function decodeBalanceOption(c: Codec): bigint {
  const v = unwrap(c);
  return v ? big(v) : 0n;
}

/** Decodes `Option<TokenomicParameters>` into the shape @phala-mining/math computes with. */
export function decodeTokenomics(c: Codec): import('@phala-mining/math').TokenomicParameters | undefined {
  const t = unwrap(c);
  if (!t) return undefined;
  const f = (name: string) => big(field(t, name));
  return {
    phaRate: f('phaRate'),
    rho: f('rho'),
    budgetPerBlock: f('budgetPerBlock'),
    vMax: f('vMax'),
    costK: f('costK'),
    costB: f('costB'),
    slashRate: f('slashRate'),
    treasuryRatio: f('treasuryRatio'),
    heartbeatWindow: num(field(t, 'heartbeatWindow')),
    rigK: f('rigK'),
    rigB: f('rigB'),
    re: f('re'),
    k: f('k'),
    kappa: f('kappa'),
  };
}
