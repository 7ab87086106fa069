import { describe, expect, it } from 'vitest';
import { ErrorCode, StateUnavailableError } from '../../src/node/errors.js';
import { DevNode } from '../../src/node/node.js';
import { SLOT_MS } from '../../src/node/producer.js';
import { FakeRuntime, TIME_KEY, tx, valueKey } from './fakeRuntime.js';

const GENESIS_TIME = 1_700_000_004_000;

function node(keepStates?: number) {
  return new DevNode(new FakeRuntime(), {
    blockMode: { mode: 'manual' },
    genesisTimestamp: GENESIS_TIME,
    ...(keepStates ? { keepStates } : {}),
  });
}

function timeAt(n: DevNode, hash: `0x${string}`): number {
  const raw = n.chain.stateAt(hash).get(TIME_KEY)!;
  return Number(new DataView(raw.buffer, raw.byteOffset).getBigUint64(0, true));
}

describe('Chain and producer', () => {
  it('indexes blocks by hash and number and links parents', async () => {
    const n = node();
    const b1 = await n.newBlock();
    const b3 = await n.newBlock({ count: 2 });
    expect(n.head.number).toBe(3);
    expect(n.chain.byNumber(1)?.hash).toBe(b1.hash);
    expect(n.chain.byHash(b3.hash)?.number).toBe(3);
    expect(n.chain.byNumber(2)?.parentHash).toBe(b1.hash);
    expect(n.chain.finalized.hash).toBe(b3.hash);
    await n.newBlock({ to: 5 });
    expect(n.head.number).toBe(5);
    await n.close();
  });

  it('advances timestamps one 12 s slot per block and honours time travel once', async () => {
    const n = node();
    const b1 = await n.newBlock();
    expect(b1.timestamp).toBe(GENESIS_TIME + SLOT_MS);
    expect(timeAt(n, b1.hash)).toBe(GENESIS_TIME + SLOT_MS);
    const target = Date.parse('2030-01-01T00:00:00Z');
    expect(n.timeTravel('2030-01-01T00:00:00Z')).toBe(target);
    const b2 = await n.newBlock();
    const b3 = await n.newBlock();
    expect(b2.timestamp).toBe(target);
    expect(b3.timestamp).toBe(target + SLOT_MS);
    expect(() => n.timeTravel('not a date')).toThrow();
    await n.close();
  });

  it('setHead moves back by number, keeps later blocks by hash, and can return to them', async () => {
    const n = node();
    await n.newBlock({ count: 4 });
    const b2 = n.chain.byNumber(2)!;
    const b4 = n.head;
    await n.setHead(2);
    expect(n.head.hash).toBe(b2.hash);
    expect(n.chain.isCanonical(b4.hash)).toBe(false);
    expect(n.chain.byNumber(3)).toBeUndefined();
    expect(n.chain.byHash(b4.hash)).toBeDefined();
    // a fork from block 2
    n.pool.submit(tx(9, 0, 1, 1, 7));
    const fork3 = await n.newBlock();
    expect(fork3.parentHash).toBe(b2.hash);
    expect(fork3.hash).not.toBe(b4.hash);
    // switch back to the old branch by hash
    await n.setHead(b4.hash);
    expect(n.head.hash).toBe(b4.hash);
    expect(n.chain.byNumber(3)?.hash).not.toBe(fork3.hash);
    expect(n.chain.stateAt(n.head.hash).get(valueKey(1))).toBeUndefined();
    await expect(n.setHead(99)).rejects.toBeInstanceOf(StateUnavailableError);
    await n.close();
  });

  it('prunes states older than keepStates and reports them as discarded', async () => {
    const n = node(4);
    await n.newBlock({ count: 10 });
    expect(n.chain.byNumber(9)!.state).toBeDefined();
    expect(n.chain.byNumber(6)!.state).toBeDefined();
    expect(n.chain.byNumber(2)!.state).toBeUndefined();
    expect(n.chain.byNumber(0)!.state).toBeDefined();
    try {
      n.chain.stateAt(n.chain.byNumber(2)!.hash);
      expect.unreachable();
    } catch (error) {
      expect((error as StateUnavailableError).rpcCode).toBe(ErrorCode.Client);
      expect((error as StateUnavailableError).code).toBe('Client');
      expect((error as Error).message).toMatch(/State already discarded/);
    }
    await expect(n.setHead(2)).rejects.toBeInstanceOf(StateUnavailableError);
    await n.close();
  });

  it('writes storage in a new block on top of the head', async () => {
    const n = node();
    const before = n.head;
    const block = await n.setStorage([[valueKey(3), '0x2a']]);
    expect(block.parentHash).toBe(before.hash);
    expect(n.chain.stateAt(block.hash).get(valueKey(3))).toEqual(Uint8Array.of(42));
    const cleared = await n.setStorage([[valueKey(3), null]]);
    expect(n.chain.stateAt(cleared.hash).get(valueKey(3))).toBeUndefined();
    await n.close();
  });

  it('snapshot/revert restores head, states, pool and pending time travel', async () => {
    const n = node();
    await n.newBlock();
    n.pool.submit(tx(1, 0, 1, 1, 1));
    n.timeTravel(GENESIS_TIME + 10 * SLOT_MS);
    const id = await n.snapshot();
    const headAtSnapshot = n.head.hash;
    await n.newBlock({ count: 3 });
    n.pool.submit(tx(2, 0));
    expect(await n.revert(id)).toBe(true);
    expect(n.head.hash).toBe(headAtSnapshot);
    expect(n.pool.all().map((t) => t.hex)).toHaveLength(1);
    expect(n.chain.stateAt(n.head.hash).get(valueKey(1))).toBeUndefined();
    const next = await n.newBlock();
    expect(next.timestamp).toBe(GENESIS_TIME + 10 * SLOT_MS);
    expect(n.chain.stateAt(next.hash).get(valueKey(1))).toEqual(Uint8Array.of(1));
    expect(await n.revert(id)).toBe(false);
    await n.close();
  });

  it('serializes concurrent builds', async () => {
    const n = node();
    const results = await Promise.all([
      n.newBlock(),
      n.newBlock(),
      n.setStorage([[valueKey(1), '0x01']]),
      n.newBlock(),
    ]);
    expect(results.map((b) => b.number)).toEqual([1, 2, 3, 4]);
    await n.close();
  });
});
