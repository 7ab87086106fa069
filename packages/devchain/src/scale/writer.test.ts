import { hexToU8a, u8aToHex } from '@polkadot/util';
import {
  Bytes,
  Option,
  Struct,
  bool as sBool,
  compact as sCompact,
  u8 as sU8,
  u16 as sU16,
  u32 as sU32,
  u64 as sU64,
  u128 as sU128,
  Tuple,
  Vector,
} from 'scale-ts';
import { describe, expect, it } from 'vitest';
import {
  bool,
  byteArray,
  bytes,
  compact,
  decodeAll,
  encode,
  enumType,
  option,
  result,
  struct,
  tuple,
  u8,
  u16,
  u32,
  u64,
  u128,
  vec,
} from './types.js';
import { encodePacked, KEPT_PACK_BYTES } from './writer.js';

// The writer-based encoders must give scale-ts's bytes exactly, wrapping included.
const hex = (b: Uint8Array) => u8aToHex(b);

describe('SCALE fast paths (one write buffer, hex straight from the input)', () => {
  it('integers, bool and compact give scale-ts bytes, out-of-range input wrapped the same way', () => {
    for (const v of [0, 1, 255, 256, 65535, 65536, 2 ** 31, 2 ** 32 - 1, 2 ** 32, -1]) {
      expect(hex(encode(u8, v))).toBe(hex(sU8.enc(v)));
      expect(hex(encode(u16, v))).toBe(hex(sU16.enc(v)));
      expect(hex(encode(u32, v))).toBe(hex(sU32.enc(v)));
    }
    for (const v of [0n, 1n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 127n, 2n ** 128n - 1n, -1n]) {
      expect(hex(encode(u64, v))).toBe(hex(sU64.enc(v)));
      expect(hex(encode(u128, v))).toBe(hex(sU128.enc(v)));
    }
    for (const v of [0n, 63n, 64n, 16383n, 16384n, 2n ** 30n - 1n, 2n ** 30n, 2n ** 64n, 2n ** 128n - 1n]) {
      expect(hex(encode(compact(u128), v))).toBe(hex(sCompact.enc(v)));
    }
    expect(() => encode(compact(u128), -1n)).toThrow();
    expect(hex(encode(bool, true))).toBe(hex(sBool.enc(true)));
    expect(hex(encode(bool, false))).toBe('0x00');
  });

  it('bytes and byte arrays from hex or bytes, with the length checked', () => {
    const long = `0x${'ab'.repeat(70_000)}` as const;
    for (const v of ['0x', '0x01', '0xdeadbeef', long] as const) {
      expect(hex(encode(bytes, v))).toBe(hex(Bytes().enc(Buffer.from(v.slice(2), 'hex'))));
      expect(hex(encode(bytes, Buffer.from(v.slice(2), 'hex') as never))).toBe(hex(encode(bytes, v)));
    }
    const b32 = byteArray(32);
    const key = `0x${'11'.repeat(32)}` as const;
    expect(hex(encode(b32, key))).toBe(key);
    expect(() => encode(b32, '0x1122')).toThrow(/expected 32 bytes, got 2/);
    // not plain hex: same meaning as before (polkadot's hexToU8a)
    expect(hex(encode(bytes, '0x123' as never))).toBe(hex(Bytes().enc(hexToU8a('0x123'))));
    expect(hex(encode(bytes, '0x12zz' as never))).toBe(hex(Bytes().enc(hexToU8a('0x12zz'))));
  });

  it('bytes decode to the same lowercase hex as scale-ts + u8aToHex, from whole buffers and views', () => {
    const S = struct('Pair', { a: byteArray(4), b: bytes, c: u8 });
    const value = { a: '0xdeadbeef', b: `0x${'0a'.repeat(100)}`, c: 9 } as const;
    const raw = encode(S, value as never);
    expect(decodeAll(S, raw)).toEqual(value);
    const framed = new Uint8Array(raw.length + 3);
    framed.set(raw, 2);
    expect(decodeAll(S, framed.subarray(2, 2 + raw.length))).toEqual(value);
    expect(decodeAll(bytes, encode(bytes, '0xABCD' as never))).toBe('0xabcd');
    expect(decodeAll(bytes, Bytes().enc(new Uint8Array([1, 2])))).toBe(u8aToHex(new Uint8Array([1, 2])));
    expect(() => decodeAll(byteArray(32), new Uint8Array(31))).toThrow(/input too short/);
    expect(() => decodeAll(bytes, new Uint8Array([8, 1]))).toThrow(/input too short/);
    expect(() => decodeAll(byteArray(2), new Uint8Array(3))).toThrow(/1 trailing bytes/);
  });

  it('composites: struct, vec, option, tuple, result and enums nest without copies', () => {
    const S = struct('Test', { a: u8, b: vec(u128), c: option(u32), d: tuple(u16, bytes) });
    const ref = Struct({
      a: sU8,
      b: Vector(sU128),
      c: Option(sU32),
      d: Tuple(sU16, Bytes()),
    });
    const values = [
      { a: 7, b: [], c: undefined, d: [1, '0x'] },
      { a: 300, b: [1n, 2n ** 100n], c: 9, d: [65535, '0xffee'] },
      { a: 0, b: Array.from({ length: 70 }, (_, i) => BigInt(i)), c: 0, d: [2, `0x${'00'.repeat(300)}`] },
    ] as const;
    for (const v of values) {
      const bytesValue = { ...v, d: [v.d[0], Buffer.from(v.d[1].slice(2), 'hex')] };
      expect(hex(encode(S, v as never))).toBe(hex(ref.enc(bytesValue as never)));
    }
    expect(() => encode(S, { a: 1, b: [] } as never)).toThrow(/missing field c/);
    const E = enumType('E', { Unit: null, One: { fields: [u32] }, Named: { fields: { x: u8, y: u64 } } });
    expect(hex(encode(E, 'Unit' as never))).toBe('0x00');
    expect(hex(encode(E, { tag: 'One', value: 5 } as never))).toBe('0x0105000000');
    expect(hex(encode(E, { tag: 'Named', value: { x: 1, y: 2n } } as never))).toBe('0x02010200000000000000');
    expect(() => encode(E, { tag: 'Nope', value: 1 } as never)).toThrow(/unknown variant Nope/);
    const R = result(u8, u16);
    expect(hex(encode(R, { success: true, value: 3 }))).toBe('0x0003');
    expect(hex(encode(R, { success: false, value: 258 }))).toBe('0x010201');
  });
});

describe('values encoded into shared packs (encodePacked)', () => {
  const Record = struct('Record', { id: u32, data: byteArray(96) });
  const record = (id: number) => ({ id, data: `0x${(id & 255).toString(16).padStart(2, '0').repeat(96)}` });

  it('gives views into packs of at most KEPT_PACK_BYTES, the bound on what one live value pins', () => {
    const packs = new Set<ArrayBufferLike>();
    const packed = Array.from({ length: 200 }, (_, i) => encodePacked(Record.codec, record(i) as never));
    packed.forEach((bytes, i) => {
      expect(hex(bytes)).toBe(hex(encode(Record, record(i) as never)));
      expect(bytes.buffer.byteLength).toBe(KEPT_PACK_BYTES);
      packs.add(bytes.buffer);
    });
    // 40 records of 100 bytes a pack (the first may continue a pack begun before): not one buffer per value, nor
    // one for all
    expect(packs.size).toBeGreaterThanOrEqual(5);
    expect(packs.size).toBeLessThanOrEqual(6);
    // the packs are filled once: writing one value leaves the others as they were
    packed[1]!.fill(0);
    expect(hex(packed[2]!)).toBe(hex(encode(Record, record(2) as never)));
    expect(hex(encodePacked(Record.codec, record(3) as never))).toBe(hex(encode(Record, record(3) as never)));
    expect(hex(packed[3]!)).toBe(hex(encode(Record, record(3) as never)));
  });

  it('gives small and large values arrays of their own', () => {
    const small = encodePacked(u32.codec, 5);
    expect(small.byteLength).toBe(4);
    const large = encodePacked(
      vec(u128).codec,
      Array.from({ length: 100 }, (_, i) => BigInt(i)),
    );
    expect(large.buffer.byteLength).toBe(large.byteLength);
  });
});
