/**
 * The primitive SCALE types (bool, str, the integers, compacts) and `make`, which every declared type is built
 * with. `types.ts` re-exports them; they live here to keep that file to the declaration language's combinators.
 */
import {
  type Codec,
  createCodec,
  i8 as scaleI8,
  i16 as scaleI16,
  i32 as scaleI32,
  i64 as scaleI64,
  i128 as scaleI128,
  str as scaleStr,
  u256 as scaleU256,
} from 'scale-ts';
import { markPlain } from './canonical.js';
import { decoderOf, type ReadFn, withReader } from './reader.js';
import type { Primitive, ScaleType, TypeDef, TypeParam } from './shape.js';
import { writable } from './writer.js';

export function make<V>(
  def: TypeDef,
  codec: Codec<V>,
  path: string[] = [],
  params: TypeParam[] = [],
  docs: string[] = [],
) {
  return { def, codec, path, params, docs } satisfies ScaleType<V> as ScaleType<V>;
}

function prim<V>(primitive: Primitive, codec: Codec<V>): ScaleType<V> {
  return make({ kind: 'primitive', primitive }, codec);
}

/*
 * The fixed-width integers every storage value is made of write straight into the encoding buffer (scale-ts
 * builds a DataView and an array per encoded integer) and read straight from the input (reader.ts); the bytes, and
 * the wrapping of out-of-range input, are DataView's.
 */
export const bool = prim(
  'bool',
  markPlain(
    writable<boolean>(
      (w, v) => w.u8(v ? 1 : 0),
      (r) => r.u8() !== 0,
    ),
  ),
);
/** A scale-ts codec's encoder with a reader for its decoding (types no storage value is made of). */
const readWith = <V>(codec: Codec<V>, read: ReadFn<V>): Codec<V> =>
  withReader(createCodec(codec.enc, decoderOf(read)), read);
const textDecoder = new TextDecoder();
export const str = prim(
  'str',
  readWith(scaleStr, (r) => {
    const n = r.compactLength();
    const start = r.skip(n);
    return textDecoder.decode(r.bytes.subarray(start, start + n));
  }),
);
export const u8 = prim(
  'u8',
  markPlain(
    writable<number>(
      (w, v) => w.u8(v),
      (r) => r.u8(),
    ),
  ),
);
export const u16 = prim(
  'u16',
  markPlain(
    writable<number>(
      (w, v) => w.u16(v),
      (r) => r.u16(),
    ),
  ),
);
export const u32 = prim(
  'u32',
  markPlain(
    writable<number>(
      (w, v) => w.u32(v),
      (r) => r.u32(),
    ),
  ),
);
export const u64 = prim(
  'u64',
  markPlain(
    writable<bigint>(
      (w, v) => w.u64(v),
      (r) => r.u64(),
    ),
  ),
);
export const u128 = prim(
  'u128',
  markPlain(
    writable<bigint>(
      (w, v) => w.u128(v),
      (r) => r.u128(),
    ),
  ),
);
export const u256 = prim(
  'u256',
  readWith(scaleU256, (r) => r.uint(32)),
);
// signed: the unsigned bytes read as two's complement, as DataView's getInt* do
export const i8 = prim(
  'i8',
  readWith(scaleI8, (r) => (r.u8() << 24) >> 24),
);
export const i16 = prim(
  'i16',
  readWith(scaleI16, (r) => (r.u16() << 16) >> 16),
);
export const i32 = prim(
  'i32',
  readWith(scaleI32, (r) => r.u32() | 0),
);
export const i64 = prim(
  'i64',
  readWith(scaleI64, (r) => BigInt.asIntN(64, r.u64())),
);
export const i128 = prim(
  'i128',
  readWith(scaleI128, (r) => BigInt.asIntN(128, r.u128())),
);

const compactBigint: Codec<bigint> = writable<bigint>(
  (w, v) => w.compact(v),
  (r) => BigInt(r.compact()),
);

export function compact(inner: ScaleType<number> | ScaleType<bigint>): ScaleType<bigint> {
  return make({ kind: 'compact', inner }, compactBigint);
}

/** Reads `len` bytes at the cursor as a hex string, straight from the input (no copy of the bytes). */
