import { TypeRegistry } from '@polkadot/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { PortableRegistry } from '../scale/registry.js';
import { type ScaleType, tuple } from '../scale/types.js';
import { RuntimeType, SIGNED_EXTENSIONS, SignedExtra, uncheckedExtrinsicType } from './extrinsic.js';
import type { OuterTypes } from './outer.js';
import type { BoundPallet } from './pallet.js';
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
                // equal shapes share one registry id, so a fresh tuple per build adds no type
                key: m.keys.length === 1 ? registry.id(m.keys[0]!) : registry.id(tuple(...m.keys)),
                value,
              },
            };
      return { name: m.name, modifier: m.modifier, type, fallback: u8aToHex(m.fallback), docs: m.docs };
    }),
  };
}

function palletJson(registry: PortableRegistry, p: BoundPallet, v15: boolean) {
  const spec = p.pallet.spec;
  const base = {
    name: p.name,
    storage: p.storage.length ? storageJson(registry, p.name, p.storage) : null,
    calls: p.callType ? { type: registry.id(p.callType) } : null,
    events: p.eventType ? { type: registry.id(p.eventType) } : null,
    constants: Object.entries(p.constants).map(([name, c]) => ({
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
 * The default Khala runtime's V14 metadata, built by the package build (tsup's `define`, see tsup.config.ts) so
 * that a started node does not build it (a large part of a cold start), together with the code identity of the
 * runtime it was built for (`DevRuntime.code`: its version and pallets). Undefined when running from source
 * (tests, tsx): then every runtime builds its own on first use.
 */
declare const __PHALA_DEVCHAIN_METADATA_V14__: string | undefined;
declare const __PHALA_DEVCHAIN_METADATA_V14_CODE__: string | undefined;
/** and its V15 (what @polkadot/api asks for first: building it was ~150 ms of every client's connect) */
declare const __PHALA_DEVCHAIN_METADATA_V15__: string | undefined;

export interface PrebuiltMetadata {
  /** hex of the code identity (`DevRuntime.code`) of the runtime the bytes were built for */
  code: string;
  /** hex of its RuntimeMetadataPrefixed V14 */
  v14: string;
  /** hex of its RuntimeMetadataPrefixed V15, when baked */
  v15?: string;
}

/** What the package build baked in, if it did. */
export function bakedMetadataV14(): PrebuiltMetadata | undefined {
  if (
    typeof __PHALA_DEVCHAIN_METADATA_V14__ !== 'string' ||
    typeof __PHALA_DEVCHAIN_METADATA_V14_CODE__ !== 'string'
  )
    return undefined;
  return {
    code: __PHALA_DEVCHAIN_METADATA_V14_CODE__,
    v14: __PHALA_DEVCHAIN_METADATA_V14__,
    ...(typeof __PHALA_DEVCHAIN_METADATA_V15__ === 'string' ? { v15: __PHALA_DEVCHAIN_METADATA_V15__ } : {}),
  };
}

/**
 * The prebuilt V14 bytes for a runtime whose code identity is `code`: only when the build baked them for that same
 * identity (same version, spec version included, and same pallets); otherwise undefined and the runtime builds its
 * own (`buildMetadataV14`).
 */
export function prebuiltMetadataV14(
  code: Uint8Array,
  baked: PrebuiltMetadata | undefined = bakedMetadataV14(),
): Uint8Array | undefined {
  return baked && baked.code === u8aToHex(code) ? bytesOfHex(baked.v14) : undefined;
}

/** The prebuilt V15 bytes, under the same rule as `prebuiltMetadataV14`. */
export function prebuiltMetadataV15(
  code: Uint8Array,
  baked: PrebuiltMetadata | undefined = bakedMetadataV14(),
): Uint8Array | undefined {
  return baked?.v15 !== undefined && baked.code === u8aToHex(code) ? bytesOfHex(baked.v15) : undefined;
}

/**
 * Node's native hex decoder for the baked ~160 kB strings: @polkadot/util's `hexToU8a`, still cold when a node
 * starts, took milliseconds of every fresh process's start on each. A plain Uint8Array view, not a Buffer.
 */
function bytesOfHex(hex: string): Uint8Array {
  const buffer = Buffer.from(hex.slice(2), 'hex');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * Builds RuntimeMetadataPrefixed V14 from the pallet declarations through @polkadot/types' own codecs, so the bytes
 * are exactly what a Substrate node would serve for the same declarations.
 */
export function buildMetadataV14(pallets: readonly BoundPallet[], outer: OuterTypes): Uint8Array {
  const registry = new PortableRegistry();
  const json = {
    lookup: { types: [] as unknown[] },
    pallets: pallets.map((p) => palletJson(registry, p, false)),
    extrinsic: {
      type: registry.id(uncheckedExtrinsicType(outer.RuntimeCall)),
      version: 4,
      signedExtensions: SIGNED_EXTENSIONS.map((e) => ({
        identifier: e.identifier,
        type: registry.id(e.type),
        additionalSigned: registry.id(e.additionalSigned),
      })),
    },
    type: registry.id(RuntimeType),
  };
  registry.id(outer.RuntimeEvent);
  registry.id(outer.RuntimeCall);
  json.lookup.types = registry.types;
  return u8aConcat(MAGIC, Uint8Array.of(14), new TypeRegistry().createType('MetadataV14', json).toU8a());
}

/** V15 adds the runtime APIs and the outer enums; served through `Metadata_metadata_at_version(15)`. */
export function buildMetadataV15(
  pallets: readonly BoundPallet[],
  outer: OuterTypes,
  apis: RuntimeApiDecl[],
): Uint8Array {
  const registry = new PortableRegistry();
  const json = {
    lookup: { types: [] as unknown[] },
    pallets: pallets.map((p) => palletJson(registry, p, true)),
    extrinsic: {
      version: 4,
      addressType: registry.id(MultiAddress),
      callType: registry.id(outer.RuntimeCall),
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
      callType: registry.id(outer.RuntimeCall),
      eventType: registry.id(outer.RuntimeEvent),
      errorType: registry.id(outer.RuntimeError),
    },
    custom: { map: {} },
  };
  registry.id(uncheckedExtrinsicType(outer.RuntimeCall));
  json.lookup.types = registry.types;
  return u8aConcat(MAGIC, Uint8Array.of(15), new TypeRegistry().createType('MetadataV15', json).toU8a());
}
