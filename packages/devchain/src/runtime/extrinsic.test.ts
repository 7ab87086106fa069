import { compactAddLength, u8aConcat } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { decodeExtrinsic, ExtrinsicFormatError, encodeUnsigned } from './extrinsic.js';
import { createKhalaRuntime } from './khala.js';

const runtime = createKhalaRuntime({ genesisTimestamp: 0 });
const { RuntimeCall } = runtime.outer;
const call = { tag: 'Timestamp', value: { tag: 'set', value: { now: 1_700_000_000_000n } } };

describe('decodeExtrinsic', () => {
  it('keeps the input as the block-body bytes when its length prefix is the canonical one', () => {
    const input = encodeUnsigned(RuntimeCall, call);
    const decoded = decodeExtrinsic(RuntimeCall, input);
    expect(decoded.encoded).toBe(input);
    expect(decoded.call).toEqual(call);
  });

  it('re-encodes a non-canonical length prefix, as the block body and the fee length carry the canonical one', () => {
    const canonical = encodeUnsigned(RuntimeCall, call);
    const body = canonical.subarray(1);
    expect(canonical[0]! >> 2).toBe(body.length); // a one-byte prefix
    // the same length in the two-byte compact mode: accepted, but not what a block body holds
    const twoBytes = u8aConcat(Uint8Array.of(((body.length << 2) | 1) & 0xff, (body.length << 2) >> 8), body);
    const decoded = decodeExtrinsic(RuntimeCall, twoBytes);
    expect(decoded.encoded).not.toBe(twoBytes);
    expect(decoded.encoded).toEqual(compactAddLength(body));
    expect(decoded.encoded).toEqual(canonical);
  });

  it('decodes a byte array once per runtime until a block has read it, and never remembers bytes it could not read', () => {
    const input = encodeUnsigned(RuntimeCall, call);
    const first = runtime.decodeExtrinsic(input);
    expect(runtime.decodeExtrinsic(input)).toBe(first);
    // equal bytes in another array are read on their own
    expect(runtime.decodeExtrinsic(input.slice())).not.toBe(runtime.decodeExtrinsic(input));
    // a block reads its extrinsics for the last time: one it did not defer is not held any longer
    const genesis = runtime.genesisBlock();
    const built = runtime.buildBlock(genesis.state, {
      parentHash: genesis.hash,
      number: 1,
      timestamp: 12_000,
      extrinsics: [input],
    });
    expect(built.rejected.map((r) => r.extrinsic)).toEqual([input]);
    expect(runtime.decodeExtrinsic(input)).not.toBe(first);
    // a signed v4 extrinsic whose address cannot be read: refused every time it is asked for
    const bad = Uint8Array.of(0x10, 0x84, 0xff, 0xff, 0xff);
    expect(() => runtime.decodeExtrinsic(bad)).toThrow(ExtrinsicFormatError);
    expect(() => runtime.decodeExtrinsic(bad)).toThrow(/cannot decode the extrinsic/);
  });
});
