import { TypeRegistry } from '@polkadot/types';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { PortableRegistry } from '../scale/registry.js';
import { type ScaleType, tuple } from '../scale/types.js';
import { RuntimeType, SIGNED_EXTENSIONS, SignedExtra, UncheckedExtrinsic } from './extrinsic.js';
import { RuntimeCall, RuntimeError, RuntimeEvent, runtimePallets } from './outer.js';
import type { Pallet } from './pallet.js';
import { MultiAddress, MultiSignature } from './primitives.js';
import type { AnyStorageItem } from './storage.js';

const MAGIC = Uint8Array.from([0x6d, 0x65, 0x74, 0x61]);

export interface RuntimeApiMethod {
  name: string;
  inputs: Array<{ name: string; type: ScaleType<any> }>;
  output: ScaleType<any>;
  docs?: string[];
}

export interface RuntimeApiDecl {
  name: string;
  /** 8-byte blake2 id of the API name, hex */
  id: `0x${string}`;
  version: number;
  methods: RuntimeApiMethod[];
  docs?: string[];
}

function storageJson(registry: PortableRegistry, palletName: string, items: AnyStorageItem[]) {
  return {
    prefix: palletName,
    items: items.map((item) => {
      const m = item.meta;
      const value = registry.id(m.value);
      const type =
        m.keys.length === 0
          ? { Plain: value }
          : {
              Map: {
                hashers: m.hashers,
                key: m.keys.length === 1 ? registry.id(m.keys[0]!) : registry.id(tupleOf(m.keys)),
                value,
              },
            };
      return { name: m.name, modifier: m.modifier, type, fallback: u8aToHex(m.fallback), docs: m.docs };
    }),
  };
}

const keyTuples = new WeakMap<ScaleType<any>[], ScaleType<any>>();
/** The tuple of an N-key map's keys; one object per map keeps the registry from growing on rebuilds. */
function tupleOf(keys: ScaleType<any>[]): ScaleType<any> {
  let t = keyTuples.get(keys);
  if (!t) {
    t = tuple(...keys);
    keyTuples.set(keys, t);
  }
  return t;
}

function palletJson(registry: PortableRegistry, p: Pallet<any, any, any>, v15: boolean) {
  const spec = p.spec;
  const base = {
    name: p.name,
    storage: spec.storage?.length ? storageJson(registry, p.name, spec.storage) : null,
    calls: p.callType ? { type: registry.id(p.callType) } : null,
    events: p.eventType ? { type: registry.id(p.eventType) } : null,
    constants: Object.entries(spec.constants ?? {}).map(([name, c]) => ({
      name,
      type: registry.id(c.type),
      value: u8aToHex(c.type.codec.enc(c.value)),
      docs: c.docs ?? [],
    })),
    errors: p.errorType ? { type: registry.id(p.errorType) } : null,
    index: p.index,
  };
  return v15 ? { ...base, docs: spec.docs ?? [] } : base;
}

/**
 * The V14 bytes `buildMetadataV14` returns, built from these same declarations by the package build (tsup's
 * `define`, see tsup.config.ts) so that a started node does not build them (a large part of a cold start).
 * Undefined when running from source (tests, tsx): then they are built on first use.
 */
declare const __PHALA_DEVCHAIN_METADATA_V14__: string | undefined;

/**
 * RuntimeMetadataPrefixed V14 of the pallet declarations: prebuilt in the published build, otherwise built now
 * (`buildMetadataV14Now`).
 */
export function buildMetadataV14(): Uint8Array {
  if (typeof __PHALA_DEVCHAIN_METADATA_V14__ === 'string') return hexToU8a(__PHALA_DEVCHAIN_METADATA_V14__);
  return buildMetadataV14Now();
}

/**
 * Builds RuntimeMetadataPrefixed V14 from the pallet declarations through @polkadot/types' own codecs, so the bytes
 * are exactly what a Substrate node would serve for the same declarations.
 */
export function buildMetadataV14Now(): Uint8Array {
  const pallets = runtimePallets();
  const registry = new PortableRegistry();
  const json = {
    lookup: { types: [] as unknown[] },
    pallets: pallets.map((p) => palletJson(registry, p, false)),
    extrinsic: {
      type: registry.id(UncheckedExtrinsic),
      version: 4,
      signedExtensions: SIGNED_EXTENSIONS.map((e) => ({
        identifier: e.identifier,
        type: registry.id(e.type),
        additionalSigned: registry.id(e.additionalSigned),
      })),
    },
    type: registry.id(RuntimeType),
  };
  registry.id(RuntimeEvent);
  registry.id(RuntimeCall);
  json.lookup.types = registry.types;
  return u8aConcat(MAGIC, Uint8Array.of(14), new TypeRegistry().createType('MetadataV14', json).toU8a());
}

/** V15 adds the runtime APIs and the outer enums; served through `Metadata_metadata_at_version(15)`. */
export function buildMetadataV15(apis: RuntimeApiDecl[]): Uint8Array {
  const pallets = runtimePallets();
  const registry = new PortableRegistry();
  const json = {
    lookup: { types: [] as unknown[] },
    pallets: pallets.map((p) => palletJson(registry, p, true)),
    extrinsic: {
      version: 4,
      addressType: registry.id(MultiAddress),
      callType: registry.id(RuntimeCall),
      signatureType: registry.id(MultiSignature),
      extraType: registry.id(SignedExtra),
      signedExtensions: SIGNED_EXTENSIONS.map((e) => ({
        identifier: e.identifier,
        type: registry.id(e.type),
        additionalSigned: registry.id(e.additionalSigned),
      })),
    },
    type: registry.id(RuntimeType),
    apis: apis.map((api) => ({
      name: api.name,
      methods: api.methods.map((m) => ({
        name: m.name,
        inputs: m.inputs.map((i) => ({ name: i.name, type: registry.id(i.type) })),
        output: registry.id(m.output),
        docs: m.docs ?? [],
      })),
      docs: api.docs ?? [],
    })),
    outerEnums: {
      callType: registry.id(RuntimeCall),
      eventType: registry.id(RuntimeEvent),
      errorType: registry.id(RuntimeError),
    },
    custom: { map: {} },
  };
  registry.id(UncheckedExtrinsic);
  json.lookup.types = registry.types;
  return u8aConcat(MAGIC, Uint8Array.of(15), new TypeRegistry().createType('MetadataV15', json).toU8a());
}
