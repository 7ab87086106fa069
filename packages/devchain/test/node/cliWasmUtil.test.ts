/**
 * The bundled CLI replaces @polkadot/wasm-util's base64 and inflate with Node's (build/wasmUtil.ts): they must give
 * wasm-crypto the same bytes, into the buffer it sized, and refuse what does not fit.
 */
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { base64Decode, unzlibSync } from '../../build/wasmUtil.js';

describe("the CLI bundle's wasm-util replacements", () => {
  it('inflate a zlib stream into the buffer given, or a new one', () => {
    const data = new Uint8Array(randomBytes(100_000));
    const packed = deflateSync(data);
    const out = new Uint8Array(data.length);
    expect(unzlibSync(packed, out)).toBe(out);
    expect(out).toEqual(data);
    expect(unzlibSync(packed)).toEqual(data);
    expect(() => unzlibSync(packed, new Uint8Array(data.length - 1))).toThrow(RangeError);
    // a damaged stream is refused, not inflated into garbage
    const damaged = Uint8Array.from(packed);
    damaged[damaged.length - 1]! ^= 0xff;
    expect(() => unzlibSync(damaged)).toThrow();
  });

  it('decode base64 into the buffer given, as wasm-util does (stopping when it is full)', () => {
    const data = new Uint8Array(randomBytes(1000));
    const text = Buffer.from(data).toString('base64');
    const out = new Uint8Array(1000);
    expect(base64Decode(text, out)).toBe(out);
    expect(out).toEqual(data);
    expect(base64Decode(text, new Uint8Array(10))).toEqual(data.subarray(0, 10));
    expect(() => base64Decode(text, new Uint8Array(1001))).toThrow(RangeError);
  });
});
