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
