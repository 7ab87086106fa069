import { u8aToHex } from '@polkadot/util';
import {
  Bytes,
  Option,
  Result,
  Struct,
  bool as sBool,
  compact as sCompact,
  i8 as sI8,
  i16 as sI16,
  i32 as sI32,
  i64 as sI64,
  i128 as sI128,
  str as sStr,
  u8 as sU8,
  u16 as sU16,
  u32 as sU32,
  u64 as sU64,
  u128 as sU128,
  u256 as sU256,
  Tuple,
  Vector,
} from 'scale-ts';
import { describe, expect, it } from 'vitest';
import {
  array,
  bool,
  byteArray,
  bytes,
  compact,
  decodeAll,
  decodePrefix,
  enumType,
  i8,
  i16,
  i32,
  i64,
  i128,
  option,
  result,
  str,
  struct,
  tuple,
  u8,
  u16,
  u32,
  u64,
  u128,
  u256,
  vec,
} from './types.js';

/** `raw` at an offset inside a larger buffer: readers index views as they are. */
function framed(raw: Uint8Array): Uint8Array {
  const out = new Uint8Array(raw.length + 5);
  out.set(raw, 3);
  return out.subarray(3, 3 + raw.length);
}

// The reader-based decoders must give scale-ts's values exactly, for whole buffers and views alike.
describe('SCALE readers (decoding from a cursor over the input)', () => {
  it('integers, signed ones and u256 decode to the values scale-ts gives', () => {
    const cases: Array<
      [{ dec: (b: Uint8Array) => unknown }, { codec: { enc: (v: never) => Uint8Array } }, unknown[]]
    > = [
      [sU8, u8, [0, 1, 127, 128, 255]],
      [sU16, u16, [0, 255, 256, 32768, 65535]],
      [sU32, u32, [0, 1, 2 ** 24, 2 ** 31, 2 ** 32 - 1]],
      [sU64, u64, [0n, 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n]],
      [sU128, u128, [0n, 10n ** 16n, 2n ** 64n, 2n ** 127n + 5n, 2n ** 128n - 1n]],
      [sU256, u256, [0n, 2n ** 200n + 3n, 2n ** 256n - 1n]],
      [sI8, i8, [-128, -1, 0, 127]],
      [sI16, i16, [-32768, -1, 0, 32767]],
      [sI32, i32, [-(2 ** 31), -1, 0, 2 ** 31 - 1]],
      [sI64, i64, [-(2n ** 63n), -1n, 0n, 2n ** 63n - 1n]],
      [sI128, i128, [-(2n ** 127n), -1n, 0n, 2n ** 127n - 1n]],
    ];
    for (const [reference, type, values] of cases) {
      for (const v of values) {
        const raw = type.codec.enc(v as never);
        const expected = reference.dec(raw);
        expect(decodeAll(type as never, raw)).toBe(expected);
        expect(decodeAll(type as never, framed(raw))).toBe(expected);
      }
    }
  });

  it('bool and Option take any non-zero tag as true / Some, as scale-ts does', () => {
    for (const b of [0, 1, 2, 255])
      expect(decodeAll(bool, new Uint8Array([b]))).toBe(sBool.dec(new Uint8Array([b])));
    const raw = new Uint8Array([2, 7, 0, 0, 0]);
    expect(decodeAll(option(u32), raw)).toBe(Option(sU32).dec(raw));
    expect(decodeAll(option(u32), new Uint8Array([0]))).toBeUndefined();
  });

  it('compacts in every mode, non-canonical encodings included, as scale-ts reads them', () => {
    const encodings = [
      [0x00],
      [0xfc],
      [0x01, 0x01],
      [0x01, 0x00], // non-canonical 0 in two bytes
      [0x02, 0x00, 0x00, 0x40],
      [0x03, 0xff, 0xff, 0xff, 0xff],
      [0x07, 1, 2, 3, 4, 5],
      [0x13, 1, 2, 3, 4, 5, 6, 7, 8],
      [0x33, ...Array.from({ length: 16 }, (_, i) => 255 - i)],
    ];
    for (const e of encodings) {
      const raw = new Uint8Array(e);
      expect(decodeAll(compact(u128), raw)).toBe(BigInt(sCompact.dec(raw)));
      expect(decodeAll(compact(u128), framed(raw))).toBe(BigInt(sCompact.dec(raw)));
    }
  });

  it('strings, bytes, vectors, arrays, tuples, results and structs decode as scale-ts', () => {
    const s = 'grüße, 世界';
    expect(decodeAll(str, framed(sStr.enc(s)))).toBe(s);
    const S = struct('Test', { a: u8, b: vec(u128), c: option(u32), d: tuple(u16, bytes), e: array(u64, 2) });
    const ref = Struct({
      a: sU8,
      b: Vector(sU128),
      c: Option(sU32),
      d: Tuple(sU16, Bytes()),
      e: Vector(sU64, 2),
    });
    const value = {
      a: 9,
      b: [1n, 2n ** 100n],
      c: 77,
      d: [65535, new Uint8Array([1, 2, 3])],
      e: [5n, 2n ** 60n],
    };
    const raw = ref.enc(value as never);
    const decoded = decodeAll(S, framed(raw));
    expect(decoded).toEqual({ ...value, d: [65535, u8aToHex(new Uint8Array([1, 2, 3]))] });
    const R = result(u8, u16);
    for (const r of [
      Result(sU8, sU16).enc({ success: true, value: 3 }),
      Result(sU8, sU16).enc({ success: false, value: 258 }),
    ])
      expect(decodeAll(R, r)).toEqual(Result(sU8, sU16).dec(r));
    const E = enumType('E', { Unit: null, One: { fields: [u32] }, Named: { fields: { x: u8, y: u64 } } });
    expect(decodeAll(E, new Uint8Array([0]))).toEqual({ tag: 'Unit', value: undefined });
    expect(decodeAll(E, new Uint8Array([2, 1, 2, 0, 0, 0, 0, 0, 0, 0]))).toEqual({
      tag: 'Named',
      value: { x: 1, y: 2n },
    });
    expect(() => decodeAll(E, new Uint8Array([3]))).toThrow(/unknown variant index 3/);
  });

  it('byte arrays and byte vectors of every length decode to their lowercase hex, one after another', () => {
    for (const len of [0, 1, 2, 16, 31, 32, 33, 64, 100]) {
      const data = Uint8Array.from({ length: len }, (_, i) => (i * 97 + len * 13 + 255) & 255);
      // two arrays in a row: each string is its own, not the scratch space of the next one
      const T = tuple(byteArray(len), byteArray(len));
      const other = data.map((b) => b ^ 0xa5);
      const [a, b] = decodeAll(T, new Uint8Array([...data, ...other])) as [string, string];
      expect(a).toBe(u8aToHex(data));
      expect(b).toBe(u8aToHex(other));
      expect(decodeAll(bytes, framed(Bytes().enc(data)))).toBe(u8aToHex(data));
    }
    expect(decodeAll(byteArray(3), new Uint8Array([0x0a, 0xff, 0x00]))).toBe('0x0aff00');
  });

  it('a short input is "input too short", a long one reports its trailing bytes; prefixes report their length', () => {
    expect(() => decodeAll(u32, new Uint8Array(3))).toThrow(/cannot decode u32: input too short/);
    expect(() => decodeAll(u128, framed(new Uint8Array(15)))).toThrow(/input too short/);
    expect(() => decodeAll(vec(u16), new Uint8Array([8, 1, 0]))).toThrow(/input too short/);
    expect(() => decodeAll(str, new Uint8Array([8, 65]))).toThrow(/input too short/);
    expect(() => decodeAll(u16, new Uint8Array(3))).toThrow(/1 trailing bytes/);
    expect(decodePrefix(u16, new Uint8Array([1, 2, 3]))).toEqual([0x0201, 2]);
    expect(() => decodePrefix(u64, new Uint8Array([1, 2, 3]))).toThrow(/cannot decode u64: input too short/);
  });

  it('codecs still decode through scale-ts: `dec` on hex and inside scale-ts composites', () => {
    const raw = u128.codec.enc(2n ** 90n);
    expect(u128.codec.dec(u8aToHex(raw))).toBe(2n ** 90n);
    const mixed = Tuple(u8.codec, sU16, u128.codec);
    expect(mixed.dec(mixed.enc([1, 2, 3n] as never))).toEqual([1, 2, 3n]);
  });
});
