/**
 * Drives PhalaStakePool calls through the real runtime's executive (each call in its own storage layer, as FRAME
 * dispatches it), with the call encoded and decoded as a `RuntimeCall` on the way so argument types are exercised.
 */
import { u8aToHex } from '@polkadot/util';
import { expect } from 'vitest';
import { TREASURY_ACCOUNT } from '../../../runtime/accounts.js';
import { devAccounts } from '../../../runtime/devAccounts.js';
import { Ext, type RuntimeEventValue } from '../../../runtime/ext.js';
import { createKhalaRuntime, type KhalaRuntime } from '../../../runtime/khala.js';
import { DispatchError, type Origin } from '../../../runtime/pallet.js';
import { decodeAll, type Hex } from '../../../scale/types.js';
import * as balances from '../../balances/index.js';
import { KHALA_PALLETS } from '../../index.js';
import { Account as SystemAccount } from '../../system/index.js';
import { Mining } from '../mining/index.js';
import * as registry from '../registry/index.js';
import { PhalaStakePool, SUBSIDY_POOL_ACCOUNT } from './index.js';

export const PHA = 10n ** 12n;
/** A block-aligned genesis time, so tests are reproducible. */
export const T0 = 1_699_999_992_000;
export const DAY = 86_400;

const accounts = devAccounts();
export const alice = accounts[0]!.publicKey;
export const bob = accounts[1]!.publicKey;
export const charlie = accounts[2]!.publicKey;
export const dave = accounts[3]!.publicKey;

export const worker = (n: number): Hex => `0x${n.toString(16).padStart(2, '0').repeat(32)}` as Hex;

export const signed = (who: Hex): Origin => ({ kind: 'signed', who });
export const root: Origin = { kind: 'root' };

let runtime: KhalaRuntime | undefined;
function getRuntime(): KhalaRuntime {
  // These unit tests walk the mining switch from off (the storage default) to on, so the genesis leaves it off.
  runtime ??= createKhalaRuntime({ genesisTimestamp: T0, miningEnabled: false });
  return runtime;
}

/** A block on top of genesis, in its extrinsic phase, at T0 + 12 s. */
export function newExt(): Ext {
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
export function call(
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

function snapshot(ext: Ext): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of ext.state.keys('0x' as Hex)) out.set(key, u8aToHex(ext.state.get(key)!));
  return out;
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
    call(ext, origin, name, args);
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

/** `score: null` registers a worker that has not finished its benchmark. */
export function registerWorker(
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
  const events = own(call(ext, signed(owner), 'create'));
  return (events[0]![1] as { pid: bigint }).pid;
}

/** A pool of `owner` with registered, benchmarked workers added to it. */
export function poolWithWorkers(ext: Ext, owner: Hex, workers: Hex[], score = 100): bigint {
  const pid = createPool(ext, owner);
  for (const w of workers) {
    registerWorker(ext, w, owner, score);
    call(ext, signed(owner), 'add_worker', { pid, pubkey: w });
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
