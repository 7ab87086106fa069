/**
 * Encoding into one growing buffer. scale-ts encodes every value to its own Uint8Array and concatenates them at
 * each level (a struct of ten integers makes eleven arrays), which made encoding events and storage values the
 * largest cost of a settlement block. A codec built here also carries a `write` function that appends its bytes
 * to a `Writer`; composite codecs call their fields' writers directly, and `enc` runs one writer and copies its
 * bytes out once. The bytes are exactly those of the scale-ts encoders they replace; codecs without a writer
 * (scale-ts's own, a few custom ones) are appended through their `enc`.
 */
import { hexToU8a } from '@polkadot/util';
import { type Codec, createCodec, compact as scaleCompact } from 'scale-ts';
import { decoderOf, type ReadFn, withReader } from './reader.js';

export type WriteFn<T> = (w: Writer, value: T) => void;

const U64_MAX = (1n << 64n) - 1n;
/** the value of each ASCII hex digit (either case), -1 for any other character */
const HEX_DIGITS = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let c = 0; c < 10; c++) table[48 + c] = c;
  for (let c = 0; c < 6; c++) {
    table[65 + c] = 10 + c;
    table[97 + c] = 10 + c;
  }
  return table;
})();

const WRITE = Symbol('scale.write');
type Writable<T> = Codec<T> & { [WRITE]?: WriteFn<T> };

export class Writer {
  buf: Buffer;
  /** over `buf`, for the 64-bit writes (setBigUint64 wraps as scale-ts's encoders do) */
  private view: DataView;
  at = 0;

  constructor(size = 256) {
    this.buf = Buffer.allocUnsafe(size);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  reserve(n: number): void {
    if (this.at + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.at + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }

  /** Wraps modulo 2^8, as DataView's setUint8 does. */
  u8(v: number): void {
    this.reserve(1);
    this.buf[this.at++] = v;
  }

  u16(v: number): void {
    this.reserve(2);
    const { buf } = this;
    buf[this.at++] = v;
    buf[this.at++] = v >>> 8;
  }

  u32(v: number): void {
    this.reserve(4);
    const { buf } = this;
    buf[this.at++] = v;
    buf[this.at++] = v >>> 8;
    buf[this.at++] = v >>> 16;
    buf[this.at++] = v >>> 24;
  }

  /** Wraps modulo 2^64 (DataView's setBigUint64). */
  u64(v: bigint): void {
    this.reserve(8);
    this.view.setBigUint64(this.at, v, true);
    this.at += 8;
  }

  u128(v: bigint): void {
    this.reserve(16);
    this.view.setBigUint64(this.at, v, true);
    // most balances fit in 64 bits: their high half is zero without shifting (a bigint allocated per value)
    this.view.setBigUint64(this.at + 8, v >= 0n && v <= U64_MAX ? 0n : v >> 64n, true);
    this.at += 16;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  /** A SCALE compact integer (lengths, `Compact<T>`). */
  compact(v: number | bigint): void {
    if (v >= 0 && v < 1 << 30) {
      const n = Number(v);
      if (n < 1 << 6) this.u8(n << 2);
      else if (n < 1 << 14) this.u16((n << 2) | 1);
      else this.u32((n << 2) | 2);
    } else this.bytes(scaleCompact.enc(v));
  }

  /**
   * Bytes given as hex (`0x`, even length): written straight into the buffer. `len` is the compact length prefix
   * to write first (Vec<u8>) or undefined (`[u8; N]`, checked by the caller). Anything else goes through hexToU8a.
   */
  hex(v: string, withLength: boolean): number {
    const n = (v.length - 2) >> 1;
    if (v.length % 2 === 0 && v.startsWith('0x')) {
      const start = this.at;
      if (withLength) this.compact(n);
      this.reserve(n);
      // Account ids and hashes (32 bytes) are most of what is written as hex: a loop over the characters is
      // cheaper than Buffer#write's call for them. Any character that is not hex falls to the paths below.
      if (n <= 64) {
        const { buf } = this;
        let at = this.at;
        let i = 2;
        for (; i < v.length; i += 2) {
          const a = v.charCodeAt(i);
          const b = v.charCodeAt(i + 1);
          const hi = a < 128 ? HEX_DIGITS[a]! : -1;
          const lo = b < 128 ? HEX_DIGITS[b]! : -1;
          if ((hi | lo) < 0) break;
          buf[at++] = (hi << 4) | lo;
        }
        if (i >= v.length) {
          this.at = at;
          return n;
        }
      }
      const written = this.buf.write(v.slice(2), this.at, n, 'hex');
      if (written === n) {
        this.at += n;
        return n;
      }
      this.at = start; // not plain hex: the slow path decides what it means
    }
    const b = hexToU8a(v);
    if (withLength) this.compact(b.length);
    this.bytes(b);
    return b.length;
  }

  /** A copy of the bytes written (a plain Uint8Array, not a view of the buffer). */
  finish(): Uint8Array {
    const n = this.at;
    const out = new Uint8Array(n);
    const { buf } = this;
    // most values are a few dozen bytes: copying them costs less than the view `set` needs
    if (n <= 64) for (let i = 0; i < n; i++) out[i] = buf[i]!;
    else out.set(buf.subarray(0, n));
    return out;
  }
}

// Writers are reused (encoding re-enters when a codec without a writer encodes a field that has one).
const pool: Writer[] = [];
const POOLED_MAX_BYTES = 1 << 20;

function encodeWith<T>(write: WriteFn<T>, value: T): Uint8Array {
  const w = pool.pop() ?? new Writer();
  w.at = 0;
  try {
    write(w, value);
    return w.finish();
  } finally {
    if (w.buf.length <= POOLED_MAX_BYTES && pool.length < 8) pool.push(w);
  }
}

/**
 * A codec whose `enc` runs `write` into a pooled buffer and whose `dec` runs `read` (see reader.ts); composite
 * codecs use `write` and `read` directly.
 */
export function writable<T>(write: WriteFn<T>, read: ReadFn<T>): Codec<T> {
  const codec = createCodec((value: T) => encodeWith(write, value), decoderOf(read)) as Writable<T>;
  codec[WRITE] = write;
  return withReader(codec, read);
}

/** The codec's writer, or one appending the bytes of its `enc`. */
export function writerOf<T>(codec: Codec<T>): WriteFn<T> {
  const write = (codec as Writable<T>)[WRITE];
  if (write) return write;
  const enc = codec.enc;
  return (w, value) => w.bytes(enc(value));
}

/*
 * Packed encodings. V8 keeps a typed array of up to 64 bytes on its heap but gives every larger one a backing store
 * of its own (an allocation outside the heap, tracked by the GC), which costs some twenty times more — and
 * AccountInfo is 80 bytes. While a block is built, storage items (and the simulated workers' records) encode values
 * of 65..1024 bytes as views into shared packs of KEPT_PACK_BYTES, filled one after the other and never written
 * again, and the block's state keeps those views: a live value pins at most one pack. (Copying each value out into
 * an array of its own at the end of the block was ~100 ms of a settlement block; copying them into packs, ~25 ms
 * and as many new views; values overwritten many times in a block are kept pending, not encoded: runtime/state.ts.)
 */

/**
 * The bytes of one pack: what one live value pins at most, as a Buffer from Node's own pool pins its 8 KiB. One
 * buffer per block for all its values would be cheapest, but it would stay alive as long as any one of them does,
 * which on a long-running chain is unbounded.
 */
export const KEPT_PACK_BYTES = 4096;
const PACKED_MAX = 1024;
let pack: ArrayBuffer | undefined;
let packAt = 0;

/** The next `n` bytes of the current pack (a new pack when they do not fit). */
function claim(n: number): Uint8Array {
  if (pack === undefined || packAt + n > KEPT_PACK_BYTES) {
    pack = new ArrayBuffer(KEPT_PACK_BYTES);
    packAt = 0;
  }
  const out = new Uint8Array(pack, packAt, n);
  packAt += n;
  return out;
}

/**
 * Whether `bytes` would be better kept in a pack: 65..1024 bytes alone in an ArrayBuffer of their own (each such
 * buffer costs V8 an ArrayBuffer object and the allocator a backing store, more than the bytes themselves).
 */
export function ownsPackableBuffer(bytes: Uint8Array): boolean {
  const n = bytes.length;
  return n > 64 && n <= PACKED_MAX && bytes.byteLength === bytes.buffer.byteLength;
}

/** A copy of `bytes` (65..1024 of them) in a pack, as encodePacked keeps its values. */
export function packedCopy(bytes: Uint8Array): Uint8Array {
  const out = claim(bytes.length);
  out.set(bytes);
  return out;
}

/** `codec`'s encoding of `value`; one of 65..1024 bytes is a view into a pack of KEPT_PACK_BYTES (never change it). */
export function encodePacked<T>(codec: Codec<T>, value: T): Uint8Array {
  const write = (codec as Writable<T>)[WRITE];
  if (!write) return codec.enc(value);
  const w = pool.pop() ?? new Writer();
  w.at = 0;
  try {
    write(w, value);
    const n = w.at;
    if (n <= 64 || n > PACKED_MAX) return w.finish();
    const out = claim(n);
    const { buf } = w;
    for (let i = 0; i < n; i++) out[i] = buf[i]!;
    return out;
  } finally {
    if (w.buf.length <= POOLED_MAX_BYTES && pool.length < 8) pool.push(w);
  }
}
