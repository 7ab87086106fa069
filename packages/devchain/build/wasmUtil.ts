/**
 * What the bundled CLI uses in place of @polkadot/wasm-util's `base64Decode` and `unzlibSync` (tsup.config.ts):
 * the same two functions on Node's own base64 and zlib. @polkadot/wasm-crypto inflates its ~1 MB WASM module with
 * them when it is loaded, and fflate's JavaScript inflate was ~55 ms of a spawned node's start; zlib does it in a
 * few. Same inputs, same bytes out (zlib's inflate checks the stream's Adler-32).
 */
import { inflateSync } from 'node:zlib';

/** Decodes base64 `data` into `out` (sized by the caller, as wasm-util's); returns `out`. */
export function base64Decode(data: string, out: Uint8Array): Uint8Array {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length < out.length)
    throw new RangeError(`base64Decode: ${bytes.length} bytes, expected ${out.length}`);
  out.set(bytes.subarray(0, out.length));
  return out;
}

/** Inflates the zlib stream `data`, into `out` when given (wasm-util's signature); returns the bytes. */
export function unzlibSync(data: Uint8Array, out?: Uint8Array): Uint8Array {
  const inflated = inflateSync(data);
  if (!out) return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length);
  if (inflated.length !== out.length)
    throw new RangeError(`unzlibSync: ${inflated.length} bytes inflated, expected ${out.length}`);
  out.set(inflated);
  return out;
}
