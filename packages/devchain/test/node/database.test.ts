/**
 * `--db` costs: a restart reads the last `keepStates` blocks whatever the chain's length (counted in rows, not
 * timed), a setHead rewrites only the heights that changed, and a block hashes each extrinsic once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChainDatabase } from '../../src/node/database.js';
import { type DevChain, startDevChain } from '../../src/node/devchain.js';
import { DevNode } from '../../src/node/node.js';
import { extrinsicHashes } from '../../src/node/txpoolTypes.js';
import type { Hex } from '../../src/scale/types.js';
import { FakeRuntime, TIME_KEY, tx, valueKey } from './fakeRuntime.js';

const GENESIS_MS = 1_500_000;
const KEEP = 4;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'devchain-database-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const start = (file: string, keepStates = KEEP): Promise<DevChain> =>
  startDevChain({
    port: 0,
    runtime: new FakeRuntime(),
    db: file,
    keepStates,
    genesisTimestamp: GENESIS_MS,
    blockMode: 'manual',
  });

/** What a client can see of the last `count` blocks: hash, and the values of two keys in their states. */
function tail(chain: DevChain, count: number) {
  const { node } = chain;
  return Array.from({ length: count }, (_, i) => {
    const block = node.chain.byNumber(node.head.number - i)!;
    const state = node.chain.stateAt(block.hash);
    return { hash: block.hash, time: state.get(TIME_KEY), value: state.get(valueKey(1)) };
  });
}

/** A chain of `length` blocks whose states differ block by block (time, and a value set every few blocks). */
async function build(file: string, length: number) {
  const chain = await start(file);
  for (let n = 1; n <= length; n++) {
    if (n % 3 === 0) await chain.setStorage([[valueKey(1), Uint8Array.of(n)]]);
    else await chain.newBlock();
  }
  const seen = tail(chain, KEEP);
  await chain.close();
  return seen;
}

function reads(file: string) {
  const genesis = new DevNode(new FakeRuntime(), { genesisTimestamp: GENESIS_MS }).chain.genesis;
  return ChainDatabase.open(file, genesis).then(({ db }) => {
    try {
      db.load(genesis, KEEP);
      return { ...db.reads };
    } finally {
      db.close();
    }
  });
}

describe('--db restart', () => {
  it('reads the same rows of blocks and changes at 20 and at 200 blocks', async () => {
    const short = join(dir, 'short.db');
    const long = join(dir, 'long.db');
    await build(short, 20);
    await build(long, 200);
    const a = await reads(short);
    const b = await reads(long);
    // the window: KEEP blocks, walked back KEEP - 1 steps; only the hash index grows with the chain
    expect(a.blocks).toBe(KEEP);
    expect(b.blocks).toBe(KEEP);
    expect(a.changes).toBe(b.changes);
    expect(a.changes).toBeGreaterThan(0);
    expect([a.canonical, b.canonical]).toEqual([21, 201]);
  });

  it('restores the same blocks and states; older blocks are read on demand, pruned', async () => {
    const file = join(dir, 'chain.db');
    const before = await build(file, 30);
    const chain = await start(file);
    try {
      expect(chain.restoredAt).toBe(30);
      expect(tail(chain, KEEP)).toEqual(before);
      const old = chain.node.chain.byNumber(3)!;
      expect(old.number).toBe(3);
      expect(old.state).toBeUndefined();
      expect(chain.node.chain.byHash(old.hash)?.parentHash).toBe(chain.node.chain.byNumber(2)!.hash);
      expect(() => chain.node.chain.stateAt(old.hash)).toThrow(/State already discarded/);
      // new blocks on the restored head, then a second restart: the head state moved with them
      await chain.setStorage([[valueKey(1), Uint8Array.of(99)]]);
      await chain.newBlock({ count: 2 });
    } finally {
      await chain.close();
    }
    const again = await start(file);
    try {
      expect(again.restoredAt).toBe(33);
      expect(tail(again, 1)[0]!.value).toEqual(Uint8Array.of(99));
      expect(tail(again, KEEP)[3]!.value).toEqual(Uint8Array.of(30));
    } finally {
      await again.close();
    }
  });

  it('a setHead rewrites only the heights that changed, and the head state follows it', async () => {
    const file = join(dir, 'head.db');
    await build(file, 40);
    const chain = await start(file);
    let expected: ReturnType<typeof tail>;
    try {
      const db = (chain.node as unknown as { database: ChainDatabase }).database;
      const writes = db.canonicalWrites;
      await chain.setHead(38);
      expect(db.canonicalWrites - writes).toBe(0);
      // a fork from block 38: two new heights
      await chain.setStorage([[valueKey(1), Uint8Array.of(7)]]);
      await chain.newBlock();
      expect(chain.node.head.number).toBe(40);
      await chain.setHead(39);
      expect(db.canonicalWrites - writes).toBe(0);
      expected = tail(chain, 2);
    } finally {
      await chain.close();
    }
    const again = await start(file);
    try {
      expect(again.restoredAt).toBe(39);
      expect(tail(again, 2)).toEqual(expected);
      expect(tail(again, 1)[0]!.value).toEqual(Uint8Array.of(7));
    } finally {
      await again.close();
    }
  });

  it('upgrades a version 1 file (no head state, no replaced values) once, to the same chain', async () => {
    const file = join(dir, 'v1.db');
    const before = await build(file, 25);
    const raw = new Database(file);
    raw.exec('ALTER TABLE state_changes DROP COLUMN old; DROP TABLE head_state');
    raw.exec("DELETE FROM meta WHERE key = 'headState'; UPDATE meta SET value = '1' WHERE key = 'version'");
    raw.close();
    const chain = await start(file);
    try {
      expect(tail(chain, KEEP)).toEqual(before);
      await chain.newBlock();
    } finally {
      await chain.close();
    }
    const upgraded = await reads(file);
    expect(upgraded.blocks).toBe(KEEP);
    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'version'").pluck().get()).toBe('2');
    check.close();
  });
});

describe('--db block commit', () => {
  it('hashes each extrinsic of a block once, as without --db', async () => {
    const counts: number[] = [];
    for (const db of [join(dir, 'hash.db'), undefined]) {
      const chain = await startDevChain({
        port: 0,
        runtime: new FakeRuntime(),
        ...(db ? { db } : {}),
        blockMode: 'manual',
      });
      try {
        for (let i = 0; i < 3; i++) chain.node.pool.submit(tx(i + 1, 0, 1, i, 5));
        const before = extrinsicHashes.computed;
        const hash = await chain.newBlock();
        const built = chain.node.chain.byHash(hash as Hex)!;
        expect(built.extrinsics.length).toBeGreaterThanOrEqual(3);
        counts.push(extrinsicHashes.computed - before);
        expect(extrinsicHashes.computed - before).toBeLessThanOrEqual(built.extrinsics.length);
      } finally {
        await chain.close();
      }
    }
    expect(counts[0]).toBe(counts[1]);
  });
});
