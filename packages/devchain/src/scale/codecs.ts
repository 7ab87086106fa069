/** The codecs of composite declarations: structs by field name, enums by variant, lazily built ones. */
import type { Codec } from 'scale-ts';
import { type ReadFn, readerOf } from './reader.js';
import { type EnumValue, type FieldDef, resolve, type VariantDef } from './shape.js';
import { type WriteFn, writable, writerOf } from './writer.js';

export function lazyCodec<T>(build: () => Codec<T>): Codec<T> {
  let codec: Codec<T> | undefined;
  let write: WriteFn<T> | undefined;
  let read: ReadFn<T> | undefined;
  const get = () => {
    codec ??= build();
    return codec;
  };
  return writable<T>(
    (w, v) => {
      write ??= writerOf(get());
      write(w, v);
    },
    (r) => {
      read ??= readerOf(get());
      return read(r);
    },
  );
}

/** A tuple: each item in order, decoded to an array (as scale-ts's Tuple). */
export function tupleCodec(codecs: Codec<any>[]): Codec<unknown[]> {
  const writers = codecs.map(writerOf);
  const readers = codecs.map(readerOf);
  return writable<unknown[]>(
    (w, values) => {
      for (let i = 0; i < writers.length; i++) writers[i]!(w, values[i]);
    },
    (r) => {
      const out: unknown[] = new Array(readers.length);
      for (let i = 0; i < readers.length; i++) out[i] = readers[i]!(r);
      return out;
    },
  );
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * A struct by field name. Its reader and writer are generated per struct (named property accesses and one object
 * literal): the generic loop's keyed accesses by a variable name were megamorphic, and building the object key by
 * key cost more than decoding its fields. Same bytes, same values, same key order.
 */
export function structCodec(fields: FieldDef[]): Codec<Record<string, unknown>> {
  const codecs = fields.map((f) => resolve(f.type).codec);
  const names = fields.map((f) => f.name ?? '');
  const writers = codecs.map(writerOf);
  const readers = codecs.map(readerOf);
  if (names.includes('__proto__') || new Set(names).size !== names.length)
    return writable(genericWrite(names, writers), genericRead(names, readers));
  const keys = names.map((n) => JSON.stringify(n));
  const write = new Function(
    'writers',
    'missing',
    `${keys.map((_, i) => `const w${i} = writers[${i}];`).join('\n')}
    return (w, v) => {
      ${keys.map((k, i) => `if (!(${k} in v)) missing(${k}); w${i}(w, v[${k}]);`).join('\n')}
    };`,
  )(writers, missingField) as WriteFn<Record<string, unknown>>;
  const read = new Function(
    'readers',
    `${keys.map((_, i) => `const r${i} = readers[${i}];`).join('\n')}
    return (r) => ({ ${keys.map((k, i) => `${k}: r${i}(r)`).join(', ')} });`,
  )(readers) as ReadFn<Record<string, unknown>>;
  return writable(write, read);
}

function missingField(name: string): never {
  throw new TypeError(`missing field ${name}`);
}

function genericWrite(names: string[], writers: WriteFn<any>[]): WriteFn<Record<string, unknown>> {
  return (w, value) => {
    for (let i = 0; i < writers.length; i++) {
      const name = names[i]!;
      if (!(name in value)) missingField(name);
      writers[i]!(w, value[name]);
    }
  };
}

function genericRead(names: string[], readers: ReadFn<any>[]): ReadFn<Record<string, unknown>> {
  return (r) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < readers.length; i++)
      Object.defineProperty(out, names[i]!, {
        value: readers[i]!(r),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  };
}

export function variantCodec(variants: VariantDef[]): Codec<EnumValue> {
  const allUnit = variants.every((v) => v.fields.length === 0);
  const byName = new Map(variants.map((v) => [v.name, v]));
  const byIndex = new Map(variants.map((v) => [v.index, v]));
  const payloadCodecs = new Map<string, Codec<any> | null>();
  const payloadCodec = (v: VariantDef): Codec<any> | null => {
    if (payloadCodecs.has(v.name)) return payloadCodecs.get(v.name)!;
    let codec: Codec<any> | null = null;
    if (v.fields.length === 1 && v.fields[0]!.name === undefined) codec = resolve(v.fields[0]!.type).codec;
    else if (v.fields.length > 0 && v.fields.every((f) => f.name !== undefined))
      codec = structCodec(v.fields);
    else if (v.fields.length > 0) codec = tupleCodec(v.fields.map((f) => resolve(f.type).codec));
    payloadCodecs.set(v.name, codec);
    return codec;
  };
  // Per variant, its index and payload writer / reader, resolved on first use: one lookup per value encoded (an
  // event is three levels of enums, and a settlement block encodes tens of thousands of them).
  interface Resolved {
    readonly variant: VariantDef;
    readonly write: WriteFn<any> | null;
    readonly read: ReadFn<any> | null;
  }
  const resolved = new Map<string, Resolved>();
  const resolvedByIndex: Array<Resolved | undefined> = [];
  const resolveVariant = (variant: VariantDef): Resolved => {
    let r = resolved.get(variant.name);
    if (!r) {
      const codec = payloadCodec(variant);
      r = { variant, write: codec && writerOf(codec), read: codec && readerOf(codec) };
      resolved.set(variant.name, r);
      resolvedByIndex[variant.index] = r;
    }
    return r;
  };
  const write: WriteFn<EnumValue> = (w, value) => {
    const tag = typeof value === 'string' ? value : value.tag;
    let r = resolved.get(tag);
    if (!r) {
      const variant = byName.get(tag);
      if (!variant) throw new TypeError(`unknown variant ${tag}`);
      r = resolveVariant(variant);
    }
    if (!r.write) {
      w.u8(r.variant.index);
      return;
    }
    if (typeof value === 'string') throw new TypeError(`variant ${tag} needs a value`);
    w.u8(r.variant.index);
    r.write(w, value.value);
  };
  const read: ReadFn<EnumValue> = (reader) => {
    const index = reader.u8();
    let r = resolvedByIndex[index];
    if (!r) {
      const variant = byIndex.get(index);
      if (!variant) throw new TypeError(`unknown variant index ${index}`);
      r = resolveVariant(variant);
    }
    if (allUnit) return r.variant.name;
    if (!r.read) return { tag: r.variant.name, value: undefined };
    return { tag: r.variant.name, value: r.read(reader) };
  };
  return writable(write, read);
}
