/**
 * A settlement block against main's: 10 pools × 50 mining workers settled in one block (the bench's settlement at a
 * small size) must give the block hash, state root, events and changed storage the dev chain gave before its
 * settlement path was made faster (decoded-value cache, readers, generated struct codecs). The pinned values are
 * main's (536bb49); a change to any of them is a change of behaviour, not of speed.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BlockState } from '../../src/runtime/state.js';
import { KEPT_PACK_BYTES } from '../../src/scale/writer.js';
import { buildSettlementState, SETTLEMENT_T0 as T0 } from '../helpers/settlementState.js';

const POOLS = 10;
const WORKERS = 50;
const STAKERS = 100;

function settlementChain() {
  const { runtime, genesis, state1 } = buildSettlementState(POOLS, WORKERS, STAKERS);
  const block2 = runtime.buildBlock(state1, {
    parentHash: genesis.hash,
    number: 2,
    timestamp: T0 + 24_000,
    extrinsics: [],
  });
  const input3 = { parentHash: block2.hash, number: 3, timestamp: T0 + 36_000, extrinsics: [] };
  const settle = runtime.devAction(block2.state, { number: 2, hash: block2.hash }, { kind: 'settle' });
  const settleState = (block2.state as BlockState).apply(new Map(settle.changes));
  return { runtime, block2, input3, settleState };
}

/** sha256 of every key and value the block changed, in key order (a deletion as `null`). */
function changesDigest(state: BlockState, parent: BlockState): string {
  const hash = createHash('sha256');
  const changes = [...state.changesSince(parent)].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [k, v] of changes) {
    hash.update(k);
    hash.update(v ? Buffer.from(v) : Buffer.from('null'));
  }
  return hash.digest('hex');
}

describe('a settlement block (10 pools × 50 workers)', () => {
  it("gives main's block hash, state root, events and storage, built twice from the same parent", () => {
    const { runtime, block2, input3, settleState } = settlementChain();
    const empty = runtime.buildBlock(block2.state, input3);
    expect(empty.hash).toBe('0xe48ff2041e467b857efc97952e31eddcdb1d73fe3a65a2a1b2d81c88b2a24384');
    for (let run = 0; run < 2; run++) {
      const settled = runtime.buildBlock(settleState, input3);
      expect(settled.header.stateRoot).toBe(
        '0xf87392b5cc5e548b85f7ef424a06398d98ebf7406ff7738df1a2e5202f5ea1cd',
      );
      expect(settled.hash).toBe('0x4a1544b4820872def1aa44fe99a7a3c93f43dac64ba73dde84eb61d1b556bcf5');
      const events = runtime.eventsAt(settled.state) as Array<{
        event: { tag: string; value: { tag: string } };
      }>;
      const count = (pallet: string, name: string) =>
        events.filter((e) => e.event.tag === pallet && e.event.value.tag === name).length;
      expect(events).toHaveLength(2001);
      // one worker answered a real challenge in the block before and has nothing new to be paid for
      expect(count('PhalaMining', 'MinerSettled')).toBe(499);
      expect(count('PhalaStakePool', 'RewardReceived')).toBe(499);
      expect(changesDigest(settled.state as BlockState, settleState).slice(0, 16)).toBe('7552af112afa202a');
      // values of at most 64 bytes share only the block state's one packed buffer (runtime/state.ts)
      const values = [...(settled.state as BlockState).changesSince(settleState).values()].filter(
        (v): v is Uint8Array => v !== null,
      );
      const small = values.filter((v) => v.byteLength <= 64);
      const packed = new Set(small.map((v) => v.buffer));
      expect(packed.size).toBeLessThanOrEqual(1);
      if (packed.size === 1) {
        const packSize = small.reduce((sum, v) => sum + v.byteLength, 0);
        expect([...packed][0]!.byteLength).toBe(packSize);
      }
      // a value over 64 bytes is an array of its own or in a pack of at most KEPT_PACK_BYTES (scale/writer.ts): the
      // bound on what one live value pins
      const pinning = values.filter(
        (v) =>
          v.byteLength > 64 && v.buffer.byteLength !== v.byteLength && v.buffer.byteLength > KEPT_PACK_BYTES,
      );
      expect(pinning).toHaveLength(0);
    }
  });
});
