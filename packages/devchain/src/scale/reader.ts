/**
 * Decoding from a cursor over the input. scale-ts decodes through a `Uint8Array` subclass it builds over the input's
 * `ArrayBuffer` (with a `DataView`) for every call: for the small, freshly encoded values storage is made of, that
 * construction — and moving the bytes of an on-heap typed array to an ArrayBuffer of its own — cost more than the
 * decoding, and was a settlement block's largest allocation. A reader indexes the input as it is (views included)
 * and assembles integers from its bytes. The values are exactly those scale-ts's decoders give (same tolerance of
 * non-canonical compacts, any non-zero `bool`/`Option` tag); reading past the end throws `input too short`.
 */
import { type Codec, createDecoder, type Decoder } from 'scale-ts';

export class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {}

  private need(n: number): number {
    const at = this.at;
    if (at + n > this.bytes.length) throw new RangeError('input too short');
    this.at = at + n;
    return at;
  }

  u8(): number {
    return this.bytes[this.need(1)]!;
  }

  u16(): number {
    const b = this.bytes;
    const i = this.need(2);
    return b[i]! | (b[i + 1]! << 8);
  }

  u32(): number {
    const b = this.bytes;
    const i = this.need(4);
    return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + b[i + 3]! * 0x1000000;
  }

  u64(): bigint {
    const lo = this.u32();
    const hi = this.u32();
    // below 2^53 the number is exact: one bigint instead of three
    if (hi < 0x200000) return BigInt(hi * 0x100000000 + lo);
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  u128(): bigint {
    const lo = this.u64();
    const hi = this.u64();
    return hi === 0n ? lo : (hi << 64n) | lo;
  }

  /** `n` bytes as an unsigned little-endian integer (u256, long compacts). */
  uint(n: number): bigint {
    const b = this.bytes;
    const start = this.need(n);
    let out = 0n;
    for (let i = start + n - 1; i >= start; i--) out = (out << 8n) | BigInt(b[i]!);
    return out;
  }

  /** A SCALE compact as scale-ts gives it: a number in the 1/2/4-byte modes, a bigint in the big-integer mode. */
  compact(): number | bigint {
    const b = this.bytes;
    if (this.at >= b.length) throw new RangeError('input too short');
    const init = b[this.at]!;
    const kind = init & 3;
    if (kind === 0) return this.u8() >>> 2;
    if (kind === 1) return this.u16() >>> 2;
    if (kind === 2) return this.u32() >>> 2;
    this.at++;
    return this.uint((init >>> 2) + 4);
  }

  compactLength(): number {
    return Number(this.compact());
  }

  /** Moves the cursor over `n` bytes and returns where they start (for hex and UTF-8 reads of the caller). */
  skip(n: number): number {
    return this.need(n);
  }
}

export type ReadFn<T> = (r: Reader) => T;

const READ = Symbol('scale.read');
type Readable<T> = Codec<T> & { [READ]?: ReadFn<T> };

/**
 * A scale-ts decoder running `read` at scale-ts's cursor, so codecs built here still decode through `codec.dec`
 * (hex strings, whole buffers, scale-ts composites around them).
 */
export function decoderOf<T>(read: ReadFn<T>): Decoder<T> {
  return createDecoder((internal) => {
    const cursor = internal as Uint8Array & { i: number };
    const r = new Reader(cursor, cursor.i);
    const value = read(r);
    cursor.i = r.at;
    return value;
  });
}

/** Marks `codec` as decoding with `read` (the same values as its `dec`). */
export function withReader<T>(codec: Codec<T>, read: ReadFn<T>): Codec<T> {
  (codec as Readable<T>)[READ] = read;
  return codec;
}

/** scale-ts's cursor-carrying view of a whole buffer. */
const internalView = createDecoder((internal) => internal) as (
  bytes: Uint8Array,
) => Uint8Array & { i: number };

/** The codec's reader, or one running its scale-ts `dec` over a copy of the rest of the input. */
export function readerOf<T>(codec: Codec<T>): ReadFn<T> {
  const read = (codec as Readable<T>)[READ];
  if (read) return read;
  const dec = codec.dec;
  return (r) => {
    const internal = internalView(r.bytes.slice(r.at));
    const value = dec(internal);
    r.skip(internal.i);
    return value;
  };
}
