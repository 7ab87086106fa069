import { describe, expect, it } from 'vitest';
import { ErrorCode, PoolRejectedError } from '../../src/node/errors.js';
import { DevNode } from '../../src/node/node.js';
import type { TxStatus } from '../../src/node/txpoolTypes.js';
import { FakeRuntime, nonceKey, tx } from './fakeRuntime.js';

function manualNode() {
  return new DevNode(new FakeRuntime(), {
    blockMode: { mode: 'manual' },
    genesisTimestamp: 1_200_000,
    finalizedStatusDelayMs: 0,
  });
}

function rejectionCode(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PoolRejectedError);
    return (error as PoolRejectedError).rpcCode;
  }
  return undefined;
}

describe('TxPool', () => {
  it('holds future nonces until the gap is filled and orders ready ones by nonce', () => {
    const node = manualNode();
    const statuses: Record<number, TxStatus[]> = { 0: [], 1: [], 2: [] };
    const t2 = node.pool.submit(tx(1, 2), (s) => statuses[2]!.push(s));
    const t1 = node.pool.submit(tx(1, 1), (s) => statuses[1]!.push(s));
    expect(t2.status).toBe('future');
    expect(t1.status).toBe('future');
    expect(node.pool.ready()).toEqual([]);
    const t0 = node.pool.submit(tx(1, 0), (s) => statuses[0]!.push(s));
    expect(node.pool.ready().map((t) => t.hash)).toEqual([t0.hash, t1.hash, t2.hash]);
    expect(statuses[0]).toEqual(['ready']);
    expect(statuses[1]).toEqual(['future', 'ready']);
    expect(statuses[2]).toEqual(['future', 'ready']);
  });

  it('puts higher priority first across senders, arrival order otherwise', () => {
    const node = manualNode();
    const a = node.pool.submit(tx(1, 0));
    const b = node.pool.submit(tx(2, 0, 4, 9));
    const c = node.pool.submit(tx(3, 0));
    expect(node.pool.ready().map((t) => t.hash)).toEqual([b.hash, a.hash, c.hash]);
  });

  it('refuses duplicates, stale, unpayable and malformed transactions with Substrate codes', () => {
    const node = manualNode();
    node.pool.submit(tx(1, 0));
    expect(rejectionCode(() => node.pool.submit(tx(1, 0)))).toBe(ErrorCode.AlreadyImported);
    expect(rejectionCode(() => node.pool.submit(tx(1, 0, 3)))).toBe(ErrorCode.InvalidTransaction);
    expect(rejectionCode(() => node.pool.submit(Uint8Array.of(0x10, 1, 2)))).toBe(ErrorCode.BadFormat);
    // length prefix fine, body undecodable by the runtime
    expect(rejectionCode(() => node.pool.submit(Uint8Array.of(0x08, 1, 2)))).toBe(ErrorCode.Verification);
    try {
      node.pool.submit(tx(1, 0, 3));
    } catch (error) {
      expect((error as PoolRejectedError).toJSON()).toEqual({
        code: 1010,
        message: 'Invalid Transaction',
        data: 'Inability to pay some fees (e.g. account balance too low)',
      });
    }
  });

  it('replaces a same-nonce transaction only with a higher priority', () => {
    const node = manualNode();
    const statuses: TxStatus[] = [];
    const low = node.pool.submit(tx(1, 0, 4, 1), (s) => statuses.push(s));
    expect(rejectionCode(() => node.pool.submit(tx(1, 0, 4, 1, 0)))).toBe(ErrorCode.TooLowPriority);
    const high = node.pool.submit(tx(1, 0, 4, 5));
    expect(node.pool.get(low.hash)).toBeUndefined();
    expect(statuses).toEqual(['ready', { usurped: high.hash }]);
  });

  it('on a block: includes in order, drops rejected as invalid, keeps deferred, revalidates the rest', async () => {
    const node = manualNode();
    const seen: Array<[string, TxStatus]> = [];
    const ok = node.pool.submit(tx(1, 0), (s) => seen.push(['ok', s]));
    const bad = node.pool.submit(tx(2, 0, 2), (s) => seen.push(['bad', s]));
    const block = await node.newBlock();
    expect(block.extrinsics.length).toBe(2); // timestamp inherent + ok
    expect(node.pool.size).toBe(0);
    expect(seen).toEqual([
      ['ok', 'ready'],
      ['bad', 'ready'],
      ['ok', { inBlock: block.hash }],
      ['ok', { finalized: block.hash }],
      ['bad', 'invalid'],
    ]);
    expect(node.chain.stateAt(block.hash).get(nonceKey(1))).toEqual(Uint8Array.of(1, 0, 0, 0));
    expect(node.pool.get(ok.hash) ?? node.pool.get(bad.hash)).toBeUndefined();
    // a transaction made stale by a block that bumps its sender's nonce is dropped on revalidation
    const stale: TxStatus[] = [];
    node.pool.submit(tx(3, 0, 1, 5, 5), (s) => stale.push(s));
    await node.setStorage([[nonceKey(3), '0x01000000']]);
    expect(node.pool.size).toBe(0);
    expect(stale).toEqual(['ready', 'invalid']);
    await node.close();
  });

  it('leaves future transactions the block builder defers in the pool', async () => {
    const node = manualNode();
    node.pool.submit(tx(1, 0));
    const later = node.pool.submit(tx(1, 5));
    await node.newBlock();
    expect(node.pool.get(later.hash)?.status).toBe('future');
    await node.close();
  });
});
