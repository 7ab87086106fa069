import { ChainError } from '@phala-mining/errors';
import { u8aToHex } from '@polkadot/util';
import { enumType, type Hex, type ScaleType, type StructValue, type VariantDef } from '../scale/types.js';
import type { EventRecordValue, Ext, Origin, RuntimeCallValue, RuntimeEventValue } from './ext.js';
import type { GenesisConfig } from './genesisConfig.js';
import type { RuntimeVersion } from './interface.js';
import type { AnyStorageItem } from './storage.js';

export type { Origin } from './ext.js';

export type DispatchErrorValue =
  | 'Other'
  | 'CannotLookup'
  | 'BadOrigin'
  | { tag: 'Module'; value: { index: number; error: Hex } }
  | 'ConsumerRemaining'
  | 'NoProviders'
  | 'TooManyConsumers'
  | {
      tag: 'Token';
      value:
        | 'NoFunds'
        | 'WouldDie'
        | 'BelowMinimum'
        | 'CannotCreate'
        | 'UnknownAsset'
        | 'Frozen'
        | 'Unsupported';
    }
  | { tag: 'Arithmetic'; value: 'Underflow' | 'Overflow' | 'DivisionByZero' }
  | { tag: 'Transactional'; value: 'LimitReached' | 'NoLayer' };

/**
 * Thrown by dispatch code; the executive turns it into `ExtrinsicFailed` and rolls the call back (dev actions turn it
 * into a `DevActionError`), so it rarely leaves the runtime; a `ChainError` of the family all the same.
 */
export class DispatchError extends ChainError {
  override readonly name = 'DispatchError' as const;
  readonly code = 'DispatchFailed' as const;
  constructor(
    readonly error: DispatchErrorValue,
    message?: string,
  ) {
    super(message ?? (typeof error === 'string' ? error : `${error.tag}`));
  }
}

export function badOrigin(): DispatchError {
  return new DispatchError('BadOrigin');
}

type FieldSpec = ScaleType<any> | readonly [ScaleType<any>, string];
type Fields = Record<string, FieldSpec>;

export interface CallSpec<A extends Fields = Fields> {
  index: number;
  args: A;
  docs?: string[];
  /** ref_time weight of the call (for fees); Khala's Phala calls declare 0 */
  weight?: bigint | ((args: StructValue<A>) => bigint);
  dispatch(ext: Ext, origin: Origin, args: StructValue<A>): void;
}

export function call<A extends Fields>(spec: CallSpec<A>): CallSpec<A> {
  return spec;
}

export interface EventSpec<F extends Fields = Fields> {
  index: number;
  fields: F;
  docs?: string[];
}

export interface ConstantSpec<V = any> {
  type: ScaleType<V>;
  value: V;
  docs?: string[];
}

/**
 * What a pallet's declarations take from the runtime that assembles it — FRAME's `T::RuntimeCall`,
 * `T::RuntimeEvent` and `T::Version`: the runtime's own outer enums and version, so two runtimes never share them.
 */
export interface RuntimeTypes {
  readonly RuntimeCall: ScaleType<RuntimeCallValue>;
  readonly RuntimeEvent: ScaleType<RuntimeEventValue>;
  readonly EventRecords: ScaleType<EventRecordValue[]>;
  readonly version: RuntimeVersion;
}

/** A declaration given directly, or built from the assembling runtime's types. */
export type FromRuntime<T> = T | ((runtime: RuntimeTypes) => T);

export interface PalletSpec<
  C extends Record<string, CallSpec<any>>,
  E extends Record<string, EventSpec>,
  R extends string,
> {
  name: string;
  index: number;
  /** Rust paths of the pallet's Call / Event / Error enums, e.g. `phala_pallets::stakepool::pallet` */
  path: string;
  /** generic params of those enums, e.g. `['T']` or `['T', 'I']` (default `['T']`) */
  generics?: string[];
  /** the crate alias the runtime uses in type names (`pallet_mining`); defaults to the path's first segment */
  alias?: string;
  /** generic params of the Event enum when they differ from `generics` (pallet_utility's Event has none) */
  eventGenerics?: string[];
  /** a function of the runtime's types when a call takes a `RuntimeCall` (Utility, Proxy, Multisig, Sudo) */
  calls?: FromRuntime<C>;
  events?: E;
  /** error names in index order (with optional docs) */
  errors?: ReadonlyArray<R | readonly [R, string]>;
  storage?: FromRuntime<AnyStorageItem[]>;
  constants?: FromRuntime<Record<string, ConstantSpec>>;
  docs?: string[];
  onInitialize?(ext: Ext): void;
  onFinalize?(ext: Ext): void;
  /** writes the pallet's genesis state */
  genesis?(ext: Ext, config: GenesisConfig): void;
}

export interface Pallet<
  C extends Record<string, CallSpec<any>> = Record<string, CallSpec<any>>,
  E extends Record<string, EventSpec> = Record<string, EventSpec>,
  R extends string = string,
> {
  readonly spec: PalletSpec<C, E, R>;
  readonly name: string;
  readonly index: number;
  readonly eventType: ScaleType<any> | undefined;
  readonly errorType: ScaleType<any> | undefined;
  /** whether calls, storage or constants are built from the assembling runtime's types */
  readonly dependsOnRuntime: boolean;
  /**
   * The calls by name, for a pallet whose calls do not depend on the runtime; others throw a TypeError (use the
   * runtime's bound pallet).
   */
  readonly callsByName: Map<string, CallSpec<any>>;
  /** The pallet as one runtime assembles it: its calls, storage and constants built from that runtime's types. */
  bind(runtime: RuntimeTypes): BoundPallet;
  /** A dispatch error carrying this pallet's error `name` (`Module { index, error }`). */
  error(name: R, message?: string): DispatchError;
  errorIndex(name: R): number;
  errorDocs(index: number): string[];
  /** Deposits one of this pallet's events. */
  emit<N extends keyof E & string>(ext: Ext, name: N, fields: StructValue<E[N]['fields']>): void;
}

/** A pallet inside one runtime: everything the executive and the metadata need, built from that runtime's types. */
export interface BoundPallet {
  readonly pallet: Pallet<any, any, any>;
  readonly name: string;
  readonly index: number;
  readonly callType: ScaleType<any> | undefined;
  readonly eventType: ScaleType<any> | undefined;
  readonly errorType: ScaleType<any> | undefined;
  readonly callsByName: Map<string, CallSpec<any>>;
  readonly storage: AnyStorageItem[];
  readonly constants: Record<string, ConstantSpec>;
}

const fromRuntime = <T>(value: FromRuntime<T>, runtime: RuntimeTypes): T =>
  typeof value === 'function' ? (value as (runtime: RuntimeTypes) => T)(runtime) : value;

function variantsFromFields(
  entries: Array<[string, { index: number; fields: Fields; docs?: string[] }]>,
): Record<string, { index: number; fields: Fields; docs?: string[] }> {
  return Object.fromEntries(entries);
}

export function definePallet<
  const C extends Record<string, CallSpec<any>>,
  const E extends Record<string, EventSpec>,
  const R extends string = never,
>(spec: PalletSpec<C, E, R>): Pallet<C, E, R> {
  const params: Array<[string]> = (spec.generics ?? ['T']).map((g) => [g]);
  const eventEntries = Object.entries(spec.events ?? {}).sort((a, b) => a[1].index - b[1].index);
  const errorList = (spec.errors ?? []).map((e) => (typeof e === 'string' ? ([e, ''] as const) : e));

  const callTypeOf = (calls: Record<string, CallSpec<any>>) => {
    const callEntries = Object.entries(calls).sort((a, b) => a[1].index - b[1].index);
    const callType = callEntries.length
      ? enumType(
          `${spec.path}::Call`,
          variantsFromFields(
            callEntries.map(([name, c]) => [name, { index: c.index, fields: c.args, docs: c.docs ?? [] }]),
          ),
          { params, docs: ['Contains one variant per dispatchable that can be called by an extrinsic.'] },
        )
      : undefined;
    return { callType, callsByName: new Map(callEntries) };
  };
  const eventType = eventEntries.length
    ? enumType(
        `${spec.path}::Event`,
        variantsFromFields(
          eventEntries.map(([name, e]) => [name, { index: e.index, fields: e.fields, docs: e.docs ?? [] }]),
        ),
        {
          params: spec.eventGenerics ? spec.eventGenerics.map((g) => [g] as [string]) : params,
          docs: ['The `Event` enum of this pallet'],
        },
      )
    : undefined;
  const errorType = errorList.length
    ? enumType(
        `${spec.path}::Error`,
        Object.fromEntries(
          errorList.map(([name, docs], index) => [name, { index, docs: docs ? docs.split('\n') : [] }]),
        ),
        {
          params,
          docs: [
            'Custom [dispatch errors](https://docs.substrate.io/main-docs/build/events-errors/) of this pallet.',
          ],
        },
      )
    : undefined;
  const errorIndexByName = new Map<string, number>(errorList.map(([name], index) => [name, index]));

  const dependsOnRuntime = [spec.calls, spec.storage, spec.constants].some((d) => typeof d === 'function');
  // Declarations that take nothing from the runtime are built once and shared by every runtime (they are immutable).
  const staticCalls = typeof spec.calls === 'function' ? undefined : callTypeOf(spec.calls ?? {});

  const pallet: Pallet<C, E, R> = {
    spec,
    name: spec.name,
    index: spec.index,
    eventType,
    errorType,
    dependsOnRuntime,
    get callsByName() {
      if (!staticCalls)
        throw new TypeError(`${spec.name}'s calls are built by its runtime: use the runtime's bound pallet`);
      return staticCalls.callsByName;
    },
    bind(runtime) {
      const calls = staticCalls ?? callTypeOf(fromRuntime(spec.calls as FromRuntime<C>, runtime));
      return {
        pallet,
        name: spec.name,
        index: spec.index,
        callType: calls.callType,
        eventType,
        errorType,
        callsByName: calls.callsByName,
        storage: fromRuntime(spec.storage ?? [], runtime),
        constants: fromRuntime(spec.constants ?? {}, runtime),
      };
    },
    error(name, message) {
      const index = errorIndexByName.get(name);
      if (index === undefined) throw new TypeError(`${spec.name} has no error ${name}`);
      const error = u8aToHex(Uint8Array.of(index, 0, 0, 0)) as Hex;
      return new DispatchError(
        { tag: 'Module', value: { index: spec.index, error } },
        message ?? `${spec.name}.${name}`,
      );
    },
    errorIndex(name) {
      const index = errorIndexByName.get(name);
      if (index === undefined) throw new TypeError(`${spec.name} has no error ${name}`);
      return index;
    },
    errorDocs(index) {
      const docs = errorList[index]?.[1];
      return docs ? docs.split('\n') : [];
    },
    emit(ext, name, fields) {
      ext.deposit({ tag: spec.name, value: { tag: name, value: fields } });
    },
  };
  return pallet;
}

export type VariantList = VariantDef[];
