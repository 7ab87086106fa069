import { describe, expect, it } from 'vitest';
import { bytes, DecodeError, decodeAll, struct, u8, u32, u128, vec } from './types.js';

const Item = struct('test::Item', { a: u8, b: u32, list: vec(u128), raw: bytes });
const item = { a: 7, b: 0xdeadbeef, list: [1n, 2n ** 100n], raw: '0x0102ff' as const };

/** `encoded` placed inside a larger buffer, with non-zero bytes on both sides. */
function viewOf(encoded: Uint8Array, before = 5, after = 9): Uint8Array {
  const buffer = new Uint8Array(before + encoded.length + after).fill(0xee);
  buffer.set(encoded, before);
  return buffer.subarray(before, before + encoded.length);
}

/** The error decodeAll gives, or the value. */
function outcome(input: Uint8Array): unknown {
  try {
    return decodeAll(Item, input);
  } catch (error) {
    return error instanceof DecodeError ? `DecodeError: ${error.message}` : error;
  }
}

describe('decodeAll over a view of a larger buffer', () => {
  const encoded = Item.codec.enc(item);

  it('decodes what the same bytes in a buffer of their own decode to, leaving the buffer as it was', () => {
    const view = viewOf(encoded);
    const around = Uint8Array.from(new Uint8Array(view.buffer));
    expect(decodeAll(Item, view)).toEqual(item);
    expect(decodeAll(Item, view)).toEqual(decodeAll(Item, encoded.slice()));
    expect(new Uint8Array(view.buffer)).toEqual(around);
  });

  it('a view at offset 0 of a longer buffer, and one ending at its end, too', () => {
    expect(decodeAll(Item, viewOf(encoded, 0, 4))).toEqual(item);
    expect(decodeAll(Item, viewOf(encoded, 4, 0))).toEqual(item);
  });

  it('gives the copy’s error for a short input, though the bytes after the view would complete it', () => {
    const whole = viewOf(encoded, 3, 0);
    const short = new Uint8Array(whole.buffer, 3, encoded.length - 2);
    const own = short.slice();
    expect(outcome(own)).toMatch(/^DecodeError: /);
    expect(outcome(short)).toEqual(outcome(own));
  });

  it('gives the copy’s error for trailing bytes', () => {
    const longer = new Uint8Array([...encoded, 1, 2]);
    const view = viewOf(longer);
    expect(outcome(longer)).toMatch(/trailing bytes/);
    expect(outcome(view)).toEqual(outcome(longer));
  });
});
