/**
 * The one helper module of the dev chain's pallet tests, at three levels:
 * 1. a bare `Ext` whose calls are routed by name, as the executive does (each in its own storage layer), without
 *    signing, fees or nonces — for single pallets (`newExt`, `genesisExt`, `runCall`);
 * 2. the genesis of the Phala pallets on such an `Ext` — for PhalaMq, PhalaRegistry and PhalaMining
 *    (`phalaExt`, `deliver`);
 * 3. a block of the real Khala runtime, its calls dispatched through the runtime's executive with each call
 *    encoded and decoded as that runtime's `RuntimeCall` on the way — for PhalaStakePool (`stakePoolExt`,
 *    `callStakePool`, `expectFailure`).
 */
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { expect } from 'vitest';
import * as balances from '../../src/pallets/balances/index.js';
import { Balances } from '../../src/pallets/balances/index.js';
import { KHALA_PALLETS } from '../../src/pallets/index.js';
import { Mining, SUBSIDY_POOL_ACCOUNT } from '../../src/pallets/phala/mining/index.js';
import { type MessageOriginValue, Mq, routeMessage } from '../../src/pallets/phala/mq/index.js';
import * as registry from '../../src/pallets/phala/registry/index.js';
import { devRegisterWorker, Registry } from '../../src/pallets/phala/registry/index.js';
import { PhalaStakePool } from '../../src/pallets/phala/stakepool/index.js';
import { System, Account as SystemAccount } from '../../src/pallets/system/index.js';
import { TREASURY_ACCOUNT } from '../../src/runtime/accounts.js';
import type { PalletConfigs } from '../../src/runtime/config.js';
import { devAccounts } from '../../src/runtime/devAccounts.js';
import {
  type Dispatcher,
  Ext,
  type RuntimeCallValue,
  type RuntimeEventValue,
} from '../../src/runtime/ext.js';
import type { GenesisConfig } from '../../src/runtime/genesisConfig.js';
import type { StateReader } from '../../src/runtime/interface.js';
import { createKhalaRuntime, KHALA_VERSION, type KhalaRuntime } from '../../src/runtime/khala.js';
import { khalaPalletConfigs } from '../../src/runtime/khalaConfig.js';
import { createOuterTypes, type OuterTypes } from '../../src/runtime/outer.js';
import {
  type BoundPallet,
  DispatchError,
  type DispatchErrorValue,
  type Origin,
  type Pallet,
  type RuntimeTypes,
} from '../../src/runtime/pallet.js';
import { BlockState } from '../../src/runtime/state.js';
import { decodeAll, encode, type Hex, type ScaleType } from '../../src/scale/types.js';

// ---------------------------------------------------------------------------------------------------------------
// 1. Calls on a bare Ext

export const PARENT_HASH = `0x${'11'.repeat(32)}` as Hex;

/**
 * Binds `pallets` to outer enums of their own, as `createRuntime` does (without an executive): the types a test
 * encodes calls with and the pallets' calls as that runtime would dispatch them.
 */
export function bindPallets(pallets: Pallet<any, any, any>[]): {
  outer: OuterTypes;
  types: RuntimeTypes;
  pallets: BoundPallet[];
} {
  let bound: BoundPallet[] = [];
  const outer = createOuterTypes(() => bound);
  const types = { ...outer, version: KHALA_VERSION };
  bound = [...pallets].sort((a, b) => a.index - b.index).map((p) => p.bind(types));
  return { outer, types, pallets: bound };
}

/** Routes calls by name, as the executive does; unknown calls fail like filtered ones. */
export class TestDispatcher implements Dispatcher {
  private readonly byName: Map<string, BoundPallet>;

  constructor(
    pallets: Pallet<any, any, any>[],
    /** the pallets' wired Config (default: Khala's wiring, as the runtime supplies it) */
    readonly configs: PalletConfigs = khalaPalletConfigs(),
  ) {
    this.byName = new Map(bindPallets(pallets).pallets.map((p) => [p.name, p]));
  }

  dispatch(ext: Ext, origin: Origin, call: RuntimeCallValue): void {
    const inner = typeof call.value === 'string' ? { tag: call.value, value: {} } : call.value;
    const spec = this.byName.get(call.tag)?.callsByName.get(inner.tag);
    if (!spec)
      throw new DispatchError(System.error('CallFiltered').error, `unknown call ${call.tag}.${inner.tag}`);
    ext.transactional(() => spec.dispatch(ext, origin, inner.value ?? {}));
  }
}

export interface TestExtOptions {
  /** pallets calls are routed to and whose genesis is built (e.g. `KHALA_PALLETS`, or just the few a test needs) */
  pallets: Pallet<any, any, any>[];
  /** starting state (default: empty) */
  state?: StateReader;
  blockNumber?: number;
}

export function newExt(options: TestExtOptions): Ext {
  return new Ext(
    options.state ?? BlockState.fromEntries([]),
    options.blockNumber ?? 1,
    PARENT_HASH,
    new TestDispatcher(options.pallets),
  );
}

/**
 * An `Ext` whose state is the genesis of `pallets` for `config` (events of the genesis build dropped), then moved
 * to block 1's first extrinsic phase.
 */
export function genesisExt(config: Partial<GenesisConfig>, options: TestExtOptions): Ext {
  const pallets = options.pallets;
  const full: GenesisConfig = {
    endowed: [],
    sudoKey: `0x${'00'.repeat(32)}` as Hex,
    tokenomics: 'default',
    subsidyPoolBalance: 0n,
    genesisTimestamp: 0,
    miningEnabled: true,
    ...config,
  };
  const ext = newExt(options);
  for (const p of [...pallets].sort((a, b) => a.index - b.index)) p.spec.genesis?.(ext, full);
  ext.events.length = 0;
  ext.phase = { tag: 'ApplyExtrinsic', value: 0 };
  return ext;
}

/** Dispatches `call` as the executive would and returns its error (undefined = success). */
export function runCall(ext: Ext, origin: Origin, call: RuntimeCallValue): DispatchErrorValue | undefined {
  try {
    ext.dispatch(origin, call);
    return undefined;
  } catch (error) {
    if (error instanceof DispatchError) return error.error;
    throw error;
  }
}

/** `{ tag: pallet, value: { tag: call, value: args } }` */
export function callOf(pallet: string, name: string, args: Record<string, unknown> = {}): RuntimeCallValue {
  return { tag: pallet, value: { tag: name, value: args } };
}

export const signed = (who: Hex): Origin => ({ kind: 'signed', who });
export const ROOT: Origin = { kind: 'root' };
export const NONE: Origin = { kind: 'none' };

/** The module error a pallet's `error(name)` produces, for comparing with dispatch outcomes. */
export function moduleError(pallet: Pallet<any, any, any>, name: string): DispatchErrorValue {
  return pallet.error(name as never).error;
}

/** Events deposited so far, as `Pallet.Event` names with their fields; optionally only some pallets'. */
export function eventsOf(ext: Ext, ...pallets: string[]): Array<{ name: string; fields: unknown }> {
  return ext.events
    .map((r) => r.event as RuntimeEventValue)
    .filter((e) => pallets.length === 0 || pallets.includes(e.tag))
    .map((e) => ({ name: `${e.tag}.${e.value.tag}`, fields: e.value.value }));
}

export function eventNames(ext: Ext, ...pallets: string[]): string[] {
  return eventsOf(ext, ...pallets).map((e) => e.name);
}

/** A 32-byte account id made of one repeated byte. */
export function accountOf(byte: number): Hex {
  return `0x${byte.toString(16).padStart(2, '0').repeat(32)}` as Hex;
}

// ---------------------------------------------------------------------------------------------------------------
// 1b. System and Balances alone (the balances pallet's tests)

export const BALANCES_PALLETS: Pallet<any, any, any>[] = [System, Balances];
/** Accounts of the balances tests: one repeated byte each. */
export const BALANCES_ALICE = accountOf(0xa1);
export const BALANCES_BOB = accountOf(0xb0);
export const BALANCES_CHARLIE = accountOf(0xc4);
/** `phala/sp`, the stake pool's lock id */
export const STAKE_POOL_LOCK = '0x7068616c612f7370' as Hex;

/** A `MultiAddress::Id`, as calls take accounts. */
export const idOf = (who: Hex) => ({ tag: 'Id', value: who });

/** System and Balances at genesis with `endowed` (default: Alice 100 PHA, Bob 10 PHA). */
export function balancesExt(
  endowed: Array<[Hex, bigint]> = [
    [BALANCES_ALICE, 100n * 10n ** 12n],
    [BALANCES_BOB, 10n * 10n ** 12n],
  ],
): Ext {
  return genesisExt({ endowed }, { pallets: BALANCES_PALLETS });
}

// ---------------------------------------------------------------------------------------------------------------
// 2. The Phala pallets at genesis

export const PHA = 10n ** 12n;
export const PALLETS: Pallet<any, any, any>[] = [System, Balances, Mq, Registry, Mining, PhalaStakePool];
export const START_MS = 1_700_000_000_000;

export async function ready(): Promise<void> {
  await cryptoWaitReady();
}

export function phalaExt(options: { tokenomics?: 'default' | 'production'; blockNumber?: number } = {}): Ext {
  const ext = genesisExt(
    {
      endowed: [
        [SUBSIDY_POOL_ACCOUNT, 10_000_000n * PHA],
        [TREASURY_ACCOUNT, 1_000n * PHA],
      ],
      tokenomics: options.tokenomics ?? 'default',
      subsidyPoolBalance: 10_000_000n * PHA,
    },
    { pallets: PALLETS, blockNumber: options.blockNumber ?? 1 },
  );
  ext.nowMs = START_MS;
  return ext;
}

/** A 32-byte worker key made of one repeated byte. */
export function worker(byte: number): Hex {
  return accountOf(byte);
}

export function registerWorker(
  ext: Ext,
  pubkey: Hex,
  operator: Hex,
  initialScore = 2000,
  confidenceLevel = 1,
): void {
  devRegisterWorker(ext, { pubkey, operator, confidenceLevel, initialScore, cores: 4 });
}

/** The error a function throws, as the executive would report it. */
export function errorOf(fn: () => unknown): DispatchErrorValue | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof DispatchError) return error.error;
    throw error;
  }
}

/** Every storage entry, to compare before/after a failing call. */
export function snapshot(ext: Ext): Map<Hex, Hex> {
  const out = new Map<Hex, Hex>();
  for (const key of ext.state.keys('0x' as Hex)) out.set(key, u8aToHex(ext.state.get(key)!) as Hex);
  return out;
}

export function deliver<T>(
  ext: Ext,
  sender: MessageOriginValue,
  topic: Hex,
  type: ScaleType<T>,
  payload: T,
): Error | undefined {
  return routeMessage(ext, sender, topic, u8aToHex(encode(type, payload)) as Hex);
}

// ---------------------------------------------------------------------------------------------------------------
// 3. The stake pool on the Khala runtime

/** A block-aligned genesis time, so tests are reproducible. */
export const T0 = 1_699_999_992_000;
export const DAY = 86_400;

const accounts = devAccounts();
export const alice = accounts[0]!.publicKey;
export const bob = accounts[1]!.publicKey;
export const charlie = accounts[2]!.publicKey;
export const dave = accounts[3]!.publicKey;

/** `ROOT`, under the stake pool tests' name. */
export const root: Origin = ROOT;

let runtime: KhalaRuntime | undefined;
function getRuntime(): KhalaRuntime {
  // These unit tests walk the mining switch from off (the storage default) to on, so the genesis leaves it off.
  runtime ??= createKhalaRuntime({ genesisTimestamp: T0, miningEnabled: false });
  return runtime;
}

/** A block on top of genesis, in its extrinsic phase, at T0 + 12 s. */
export function stakePoolExt(): Ext {
  const rt = getRuntime();
  const ext = new Ext(rt.genesis(), 1, rt.genesisBlock().hash, rt.executive);
  // Until PhalaMining joins the runtime's pallet list, give the block its genesis (tokenomics, cooldown, subsidy).
  if (!KHALA_PALLETS.includes(Mining)) Mining.spec.genesis?.(ext, rt.genesisConfig);
  ext.nowMs = T0 + 12_000;
  ext.phase = { tag: 'ApplyExtrinsic', value: 1 };
  return ext;
}

export function advance(ext: Ext, seconds: number): void {
  ext.nowMs += seconds * 1000;
}

export interface EmittedEvent {
  pallet: string;
  name: string;
  fields: any;
}

function flatten(e: RuntimeEventValue): EmittedEvent {
  return { pallet: e.tag, name: e.value.tag, fields: e.value.value };
}

/** Dispatches `PhalaStakePool.<name>(args)` and returns the events it deposited. */
export function callStakePool(
  ext: Ext,
  origin: Origin,
  name: string,
  args: Record<string, unknown> = {},
): EmittedEvent[] {
  const value = { tag: 'PhalaStakePool', value: { tag: name, value: args } };
  const { RuntimeCall } = getRuntime().outer;
  const roundTrip = decodeAll(RuntimeCall, RuntimeCall.codec.enc(value));
  const start = ext.events.length;
  ext.dispatch(origin, roundTrip);
  return ext.events.slice(start).map((r) => flatten(r.event));
}

/** Events of this pallet only, as `Name` → fields pairs, in order. */
export function own(events: EmittedEvent[]): Array<[string, any]> {
  return events.filter((e) => e.pallet === 'PhalaStakePool').map((e) => [e.name, e.fields]);
}

export function names(events: EmittedEvent[]): string[] {
  return events.map((e) => `${e.pallet}.${e.name}`);
}

/** The call fails with exactly `expected`, and leaves neither a storage change nor an event behind. */
export function expectFailure(
  ext: Ext,
  origin: Origin,
  name: string,
  args: Record<string, unknown>,
  expected: DispatchError,
): void {
  const before = snapshot(ext);
  const events = ext.events.length;
  let caught: unknown;
  try {
    callStakePool(ext, origin, name, args);
  } catch (error) {
    caught = error;
  }
  expect(caught, `${name} should fail with ${expected.message}`).toBeInstanceOf(DispatchError);
  expect((caught as DispatchError).error, `${name}: got ${(caught as DispatchError).message}`).toEqual(
    expected.error,
  );
  expect(ext.events.length).toBe(events);
  expect(snapshot(ext)).toEqual(before);
}

export const err = (name: Parameters<typeof PhalaStakePool.error>[0]) => PhalaStakePool.error(name);

/** Writes a worker record directly; `score: null` registers one that has not finished its benchmark. */
export function putWorker(
  ext: Ext,
  pubkey: Hex,
  operator: Hex | undefined,
  score: number | null = 100,
): void {
  registry.Workers.set(ext.state, pubkey, {
    pubkey,
    ecdh_pubkey: pubkey,
    runtime_version: 0,
    last_updated: 0n,
    operator,
    confidence_level: 128,
    initial_score: score ?? undefined,
    features: [1, 4],
  });
}

export function createPool(ext: Ext, owner: Hex): bigint {
  const events = own(callStakePool(ext, signed(owner), 'create'));
  return (events[0]![1] as { pid: bigint }).pid;
}

/** A pool of `owner` with registered, benchmarked workers added to it. */
export function poolWithWorkers(ext: Ext, owner: Hex, workers: Hex[], score = 100): bigint {
  const pid = createPool(ext, owner);
  for (const w of workers) {
    putWorker(ext, w, owner, score);
    callStakePool(ext, signed(owner), 'add_worker', { pid, pubkey: w });
  }
  return pid;
}

export const free = (ext: Ext, who: Hex) => balances.freeBalance(ext.state, who);
export const stakeLock = (ext: Ext, who: Hex) =>
  balances.locks(ext.state, who).find((l) => l.id === '0x7068616c612f7370')?.amount;

/** Leaves the subsidy pool with only `amount` (tests of claims it cannot pay). */
export function setSubsidyPoolFree(ext: Ext, amount: bigint): void {
  const info = SystemAccount.get(ext.state, SUBSIDY_POOL_ACCOUNT);
  SystemAccount.set(ext.state, SUBSIDY_POOL_ACCOUNT, { ...info, data: { ...info.data, free: amount } });
}

export { SUBSIDY_POOL_ACCOUNT, TREASURY_ACCOUNT };
