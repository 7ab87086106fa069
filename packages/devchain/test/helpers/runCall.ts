/**
 * Runs pallet calls directly on an `Ext`, the way the executive dispatches them (each call in its own storage layer,
 * routed by pallet and call name), without signing, fees or nonces. For unit tests of single pallets.
 */

import { System } from '../../src/pallets/system/index.js';
import type { PalletConfigs } from '../../src/runtime/config.js';
import {
  type Dispatcher,
  Ext,
  type RuntimeCallValue,
  type RuntimeEventValue,
} from '../../src/runtime/ext.js';
import type { GenesisConfig } from '../../src/runtime/genesisConfig.js';
import type { StateReader } from '../../src/runtime/interface.js';
import { KHALA_VERSION } from '../../src/runtime/khala.js';
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
import type { Hex } from '../../src/scale/types.js';

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
