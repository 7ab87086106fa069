import { InputError } from '@phala-mining/errors';
/**
 * A small declaration language for SCALE types. Each declared type carries both its scale-info shape (so the
 * runtime can publish it in the metadata's portable registry) and a codec (so pallets read and write storage,
 * events and call arguments as plain JavaScript values).
 *
 * Value conventions, chosen so pallet code can compare values with `===`:
 * - u8/u16/u32/i8/i16/i32 → number; u64/u128/u256/i64/i128/compact → bigint
 * - fixed byte arrays and byte vectors → lowercase `0x` hex strings
 * - Option<T> → T | undefined
 * - enums whose variants carry no data → the variant name; other enums → `{ tag, value }`
 * - single-field tuple structs (AccountId32, Permill, H256 …) → the inner value
 */

import { hexToU8a } from '@polkadot/util';
import type { Codec } from 'scale-ts';
import { markPlain } from './canonical.js';
import { lazyCodec, structCodec, tupleCodec, variantCodec } from './codecs.js';
import { make, u8 } from './primitives.js';
import { Reader, type ReadFn, readerOf } from './reader.js';
import { beginRecording, endRecording, recordSequence, sharedSequence } from './sequences.js';
import {
  type EnumValue,
  type FieldDef,
  type Hex,
  resolve,
  type ScaleType,
  type TypeParam,
  type ValueOf,
  type VariantDef,
} from './shape.js';
import { type WriteFn, writable, writerOf } from './writer.js';

export {
  bool,
  compact,
  i8,
  i16,
  i32,
  i64,
  i128,
  str,
  u8,
  u16,
  u32,
  u64,
  u128,
  u256,
} from './primitives.js';
export type {
  EnumValue,
  FieldDef,
  Hex,
  Primitive,
  ScaleType,
  TypeDef,
  TypeParam,
  VariantDef,
} from './shape.js';
export { resolve, type ValueOf } from './shape.js';

const hexSlice = (
  Buffer.prototype as unknown as { hexSlice: (this: Uint8Array, s: number, e: number) => string }
).hexSlice;
/** the two lowercase hex digits of each byte value, as character codes */
const HEX_PAIRS = new Uint8Array(512);
for (let b = 0; b < 256; b++) {
  HEX_PAIRS[b * 2] = '0123456789abcdef'.charCodeAt(b >> 4);
  HEX_PAIRS[b * 2 + 1] = '0123456789abcdef'.charCodeAt(b & 15);
}
/** `0x` and the digits of a short byte array, made into a string by one latin1Slice */
const HEX_SCRATCH = Buffer.alloc(2 + 2 * 32);
HEX_SCRATCH[0] = 48;
HEX_SCRATCH[1] = 120;
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice: (s: number, e: number) => string })
  .latin1Slice;

/**
 * Byte arrays as hex. Up to 32 bytes (account ids, hashes: nearly every one a block decodes) the digits are written
 * into a scratch buffer and taken as one flat string: `0x${hex}` is a cons string, which V8 copies into a flat one
 * the first time it is hashed (a storage key's lookup), compared or read, and that cost a settlement block more
 * than the whole decoding.
 */
function readHex(r: Reader, len: number): Hex {
  const start = r.skip(len);
  const bytes = r.bytes;
  if (len > 32) return `0x${hexSlice.call(bytes, start, start + len)}` as Hex;
  const out = HEX_SCRATCH;
  for (let i = 0; i < len; i++) {
    const b = bytes[start + i]! << 1;
    out[2 + 2 * i] = HEX_PAIRS[b]!;
    out[3 + 2 * i] = HEX_PAIRS[b + 1]!;
  }
  return latin1Slice.call(out, 0, 2 + 2 * len) as Hex;
}

/** `Vec<u8>`, as a hex string. */
export const bytes: ScaleType<Hex> = make(
  { kind: 'sequence', inner: u8 },
  writable<Hex>(
    (w, v: Hex | Uint8Array) => {
      if (typeof v === 'string') w.hex(v, true);
      else {
        w.compact(v.length);
        w.bytes(v);
      }
    },
    (r) => readHex(r, r.compactLength()),
  ),
);

/** `[u8; N]`, as a hex string. */
export function byteArray(len: number): ScaleType<Hex> {
  const read: ReadFn<Hex> = (r) => readHex(r, len);
  const codec = writable<Hex>((w, v: Hex | Uint8Array) => {
    const start = w.at;
    let n = v.length;
    if (typeof v === 'string') n = w.hex(v, false);
    else w.bytes(v);
    if (n !== len) {
      w.at = start;
      throw new TypeError(`expected ${len} bytes, got ${n}`);
    }
  }, read);
  return make({ kind: 'array', len, inner: u8 }, codec);
}

export function vec<T>(inner: ScaleType<T>): ScaleType<T[]> {
  const codec = lazyCodec(() => {
    const item = resolve(inner).codec;
    const write = writerOf(item);
    const read = readerOf(item);
    if (!isFixedBytes(inner))
      return writable<T[]>(
        (w, values) => {
          w.compact(values.length);
          for (let i = 0; i < values.length; i++) write(w, values[i]!);
        },
        (r) => {
          const n = r.compactLength();
          const out: T[] = new Array(n);
          for (let i = 0; i < n; i++) out[i] = read(r);
          return out;
        },
      );
    // byte arrays: a frozen list decoded by `decodeShared` is written as the bytes it was read from (sequences.ts)
    return writable<T[]>(
      (w, values) => {
        const source = sharedSequence(values);
        if (source !== undefined) {
          w.bytes(source);
          return;
        }
        w.compact(values.length);
        for (let i = 0; i < values.length; i++) write(w, values[i]!);
      },
      (r) => {
        const start = r.at;
        const n = r.compactLength();
        const bodyStart = r.at;
        const out: T[] = new Array(n);
        for (let i = 0; i < n; i++) out[i] = read(r);
        recordSequence(r.bytes, start, bodyStart, r.at, out);
        return out;
      },
    );
  });
  return make({ kind: 'sequence', inner }, codec);
}

/** `[u8; N]`, possibly inside single-field newtypes (AccountId32, H256, sr25519 keys). */
function isFixedBytes(type: ScaleType<any>): boolean {
  let def = resolve(type).def;
  while (def.kind === 'composite' && def.fields.length === 1) def = resolve(def.fields[0]!.type).def;
  if (def.kind !== 'array') return false;
  const item = resolve(def.inner).def;
  return item.kind === 'primitive' && item.primitive === 'u8';
}

export function array<T>(inner: ScaleType<T>, len: number): ScaleType<T[]> {
  const codec = lazyCodec(() => {
    const item = resolve(inner).codec;
    const write = writerOf(item);
    const read = readerOf(item);
    // as scale-ts's fixed-size Vector: the items given are written, without checking their number
    return writable<T[]>(
      (w, values) => {
        for (let i = 0; i < values.length; i++) write(w, values[i]!);
      },
      (r) => {
        const out: T[] = new Array(len);
        for (let i = 0; i < len; i++) out[i] = read(r);
        return out;
      },
    );
  });
  return make({ kind: 'array', len, inner }, codec);
}

export function tuple<const T extends readonly ScaleType<any>[]>(
  ...items: T
): ScaleType<{ -readonly [K in keyof T]: ValueOf<T[K]> }> {
  const codec =
    items.length === 0
      ? writable(
          () => {},
          () => [],
        )
      : tupleCodec(items.map((i) => i.codec));
  return make({ kind: 'tuple', items: [...items] }, codec as any);
}

export const unit: ScaleType<[]> = tuple();

const optionCodec = <T>(inner: Codec<T>): Codec<T | undefined> => {
  let write: WriteFn<T> | undefined;
  let read: ReadFn<T> | undefined;
  return writable<T | undefined>(
    (w, v) => {
      if (v === undefined) w.u8(0);
      else {
        w.u8(1);
        write ??= writerOf(inner);
        write(w, v);
      }
    },
    // any non-zero tag is Some, as in scale-ts
    (r) => {
      if (r.u8() === 0) return undefined;
      read ??= readerOf(inner);
      return read(r);
    },
  );
};

export interface NamedOptions {
  params?: Array<[string, ScaleType<any>?]>;
  docs?: string[];
}

function toParams(params: NamedOptions['params']): TypeParam[] {
  return (params ?? []).map(([name, type]) => (type ? { name, type } : { name }));
}

/** `Option<T>` (path `Option`, param `T`, variants None/Some as scale-info emits them). */
export function option<T>(inner: ScaleType<T>): ScaleType<T | undefined> {
  return make(
    {
      kind: 'variant',
      variants: [
        { name: 'None', index: 0, fields: [] },
        { name: 'Some', index: 1, fields: [{ type: inner }] },
      ],
    },
    optionCodec(inner.codec),
    ['Option'],
    [{ name: 'T', type: inner }],
  );
}

export type ResultValue<T, E> = { success: true; value: T } | { success: false; value: E };

export function result<T, E>(ok: ScaleType<T>, err: ScaleType<E>): ScaleType<ResultValue<T, E>> {
  const writeOk = writerOf(ok.codec);
  const writeErr = writerOf(err.codec);
  const readOk = readerOf(ok.codec);
  const readErr = readerOf(err.codec);
  const codec = writable<ResultValue<T, E>>(
    (w, v) => {
      w.u8(v.success ? 0 : 1);
      if (v.success) writeOk(w, v.value);
      else writeErr(w, v.value);
    },
    (r) => (r.u8() === 0 ? { success: true, value: readOk(r) } : { success: false, value: readErr(r) }),
  );
  return make(
    {
      kind: 'variant',
      variants: [
        { name: 'Ok', index: 0, fields: [{ type: ok }] },
        { name: 'Err', index: 1, fields: [{ type: err }] },
      ],
    },
    codec,
    ['Result'],
    [
      { name: 'T', type: ok },
      { name: 'E', type: err },
    ],
  );
}

type FieldSpec = ScaleType<any> | readonly [ScaleType<any>, string];
type FieldValue<F> = F extends readonly [ScaleType<infer V>, string]
  ? V
  : F extends ScaleType<infer V>
    ? V
    : never;
export type StructValue<F extends Record<string, FieldSpec>> = { [K in keyof F]: FieldValue<F[K]> };

function fieldOf(name: string | undefined, spec: FieldSpec): FieldDef {
  if (Array.isArray(spec)) {
    const [type, typeName] = spec as readonly [ScaleType<any>, string];
    return name === undefined ? { type, typeName } : { name, type, typeName };
  }
  return name === undefined ? { type: spec as ScaleType<any> } : { name, type: spec as ScaleType<any> };
}

/** A struct with named fields; field order = SCALE order = the object's key order. */
export function struct<F extends Record<string, FieldSpec>>(
  path: string,
  fields: F,
  options: NamedOptions = {},
): ScaleType<StructValue<F>> {
  const defs = Object.entries(fields).map(([name, spec]) => fieldOf(name, spec));
  const codec = markPlain(lazyCodec(() => structCodec(defs)));
  return make(
    { kind: 'composite', fields: defs },
    codec as any,
    splitPath(path),
    toParams(options.params),
    options.docs,
  );
}

/** A tuple struct with one field (`struct AccountId32([u8; 32])`): its value is the inner value. */
export function newtype<T>(
  path: string,
  inner: ScaleType<T>,
  typeName?: string,
  options: NamedOptions = {},
): ScaleType<T> {
  const field: FieldDef = typeName === undefined ? { type: inner } : { type: inner, typeName };
  return make(
    { kind: 'composite', fields: [field] },
    markPlain(lazyCodec(() => resolve(inner).codec)),
    splitPath(path),
    toParams(options.params),
    options.docs,
  );
}

/** A named composite with no fields (`struct CheckWeight<T>`) — encodes to nothing. */
export function emptyStruct(path: string, options: NamedOptions = {}): ScaleType<null> {
  return make(
    { kind: 'composite', fields: [] },
    writable(
      () => {},
      () => null,
    ),
    splitPath(path),
    toParams(options.params),
    options.docs,
  );
}

export interface VariantSpec {
  index?: number;
  fields?: Record<string, FieldSpec> | FieldSpec[];
  docs?: string[];
}

/**
 * An enum. Variants are given in order (`index` defaults to the position); each may carry named fields (decoded
 * to an object), unnamed fields (one → the value, several → an array) or nothing. If no variant carries data the
 * value is the variant name.
 */
export function enumType<V extends EnumValue = EnumValue>(
  path: string,
  variants: Record<string, VariantSpec | null>,
  options: NamedOptions = {},
): ScaleType<V> {
  const defs: VariantDef[] = Object.entries(variants).map(([name, spec], position) => {
    const index = spec?.index ?? position;
    const fields: FieldDef[] = !spec?.fields
      ? []
      : Array.isArray(spec.fields)
        ? spec.fields.map((f) => fieldOf(undefined, f))
        : Object.entries(spec.fields).map(([n, f]) => fieldOf(n, f));
    return spec?.docs ? { name, index, fields, docs: spec.docs } : { name, index, fields };
  });
  return make(
    { kind: 'variant', variants: defs },
    lazyCodec(() => variantCodec(defs)) as unknown as Codec<V>,
    splitPath(path),
    toParams(options.params),
    options.docs,
  );
}

/** A type referenced before it is declared (recursive runtime types). */
export function lazy<T>(get: () => ScaleType<T>): ScaleType<T> {
  let cached: ScaleType<T> | undefined;
  const target = () => {
    cached ??= get();
    return cached;
  };
  const codec = lazyCodec(() => target().codec);
  return {
    get def() {
      return target().def;
    },
    get path() {
      return target().path;
    },
    get params() {
      return target().params;
    },
    get docs() {
      return target().docs;
    },
    codec,
    lazy: target,
  };
}

/** Gives an existing shape a new path (the `sp_core::sr25519::Public` newtype around `[u8; 32]`, …). */
export function named<T>(base: ScaleType<T>, path: string, options: NamedOptions = {}): ScaleType<T> {
  return make(base.def, base.codec, splitPath(path), toParams(options.params), options.docs);
}

function splitPath(path: string): string[] {
  return path ? path.split('::') : [];
}

/** Bytes that do not decode as the type (or leave bytes over); most callers report it as an error of their own. */
export class DecodeError extends InputError {
  override readonly name = 'DecodeError' as const;
  readonly code = 'DecodeFailed' as const;
}

/** Decodes a whole buffer; trailing bytes are an error (as in `Decode::decode_all`). */
/**
 * `decodeAll`, with the value's long sequences of byte arrays remembered by the bytes they were read from, so that
 * writing them back copies those bytes (scale/sequences.ts). The caller must freeze the value deeply before anyone
 * else sees it: a sequence that is not frozen is encoded item by item.
 */
export function decodeShared<T>(type: ScaleType<T>, input: Uint8Array): T {
  beginRecording();
  try {
    return decodeAll(type, input);
  } finally {
    endRecording();
  }
}

export function decodeAll<T>(type: ScaleType<T>, input: Uint8Array | Hex): T {
  const r = new Reader(typeof input === 'string' ? hexToU8a(input) : input);
  let value: T;
  try {
    value = readerOf(type.codec)(r);
  } catch (cause) {
    throw new DecodeError(`cannot decode ${describe(type)}: ${(cause as Error).message}`, { cause });
  }
  if (r.at !== r.bytes.length)
    throw new DecodeError(`cannot decode ${describe(type)}: ${r.bytes.length - r.at} trailing bytes`);
  return value;
}

/** Decodes a prefix of a buffer and reports how many bytes it took. */
export function decodePrefix<T>(type: ScaleType<T>, input: Uint8Array): [T, number] {
  const r = new Reader(input);
  try {
    return [readerOf(type.codec)(r), r.at];
  } catch (cause) {
    // a short input is reported as before; other errors are the decoder's own
    if (cause instanceof RangeError && cause.message === 'input too short')
      throw new DecodeError(`cannot decode ${describe(type)}: input too short`, { cause });
    throw cause;
  }
}

export function encode<T>(type: ScaleType<T>, value: T): Uint8Array {
  return type.codec.enc(value);
}

export function describe(type: ScaleType<any>): string {
  const t = resolve(type);
  if (t.path.length) return t.path[t.path.length - 1]!;
  switch (t.def.kind) {
    case 'primitive':
      return t.def.primitive;
    case 'compact':
      return `Compact<${describe(t.def.inner)}>`;
    case 'sequence':
      return `Vec<${describe(t.def.inner)}>`;
    case 'array':
      return `[${describe(t.def.inner)}; ${t.def.len}]`;
    case 'tuple':
      return `(${t.def.items.map(describe).join(', ')})`;
    default:
      return t.def.kind;
  }
}
