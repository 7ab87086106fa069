/**
 * `--db` open: its cost does not grow with the file (no `PRAGMA quick_check` reading every page), and a foreign,
 * truncated or damaged file is still a PersistenceError — at the open when the header shows it, when a damaged page
 * is read, or by the quick check asked for.
 */
import { copyFile, mkdtemp, open, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainDatabase } from '../../src/node/database.js';
import { startDevChain } from '../../src/node/devchain.js';
import { DevNode } from '../../src/node/node.js';
import { PersistenceError } from '../../src/node/persistenceError.js';
import { FakeRuntime } from './fakeRuntime.js';

const GENESIS_MS = 1_500_000;
const KEEP = 4;
const genesis = () => new DevNode(new FakeRuntime(), { genesisTimestamp: GENESIS_MS }).chain.genesis;

let dir: string;
/** a closed database of 200 blocks */
let chainFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'devchain-db-open-'));
  chainFile = join(dir, 'chain.db');
  const chain = await startDevChain({
    port: 0,
    runtime: new FakeRuntime(),
    db: chainFile,
    keepStates: KEEP,
    genesisTimestamp: GENESIS_MS,
    blockMode: 'manual',
  });
  await chain.newBlock({ count: 200 });
  await chain.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function copy(name: string): Promise<string> {
  const file = join(dir, name);
  await copyFile(chainFile, file);
  return file;
}

async function refusal(promise: Promise<unknown>): Promise<PersistenceError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a PersistenceError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PersistenceError);
  return error as PersistenceError;
}

/** Overwrites page `page` (1-based) of `file` with garbage. */
async function smash(file: string, page: number, pageSize: number): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.write(Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
  } finally {
    await handle.close();
  }
}

/**
 * Overwrites the leftmost leaf of the blocks table with garbage: genesis and the first blocks, which a restart
 * does not read.
 */
async function smashFirstBlocks(file: string): Promise<void> {
  const probe = new Database(file, { readonly: true });
  const pageSize = probe.pragma('page_size', { simple: true }) as number;
  const leaf = probe
    .prepare("SELECT pageno FROM dbstat WHERE name = 'blocks' AND pagetype = 'leaf' ORDER BY path LIMIT 1")
    .pluck()
    .get() as number;
  probe.close();
  await smash(file, leaf, pageSize);
}

describe('--db open', () => {
  it('does not read every page: a damaged old page is met only when that block is read, or by the quick check', async () => {
    const file = await copy('old-page.db');
    const probe = new Database(file, { readonly: true });
    const leaves = probe
      .prepare("SELECT COUNT(*) FROM dbstat WHERE name = 'blocks' AND pagetype = 'leaf'")
      .pluck()
      .get() as number;
    const block1 = probe.prepare('SELECT hash FROM canonical WHERE number = 1').pluck().get() as string;
    probe.close();
    expect(leaves).toBeGreaterThan(2);
    await smashFirstBlocks(file);

    const g = genesis();
    const { db, created } = await ChainDatabase.open(file, g);
    try {
      expect(created).toBe(false);
      const stored = db.load(g, KEEP);
      expect(stored.chain.canonical).toHaveLength(201);
      expect(stored.chain.blocks.at(-1)!.number).toBe(200);
      // block 1 lives on the damaged page: reading it is a typed error naming the file
      expect(() => stored.chain.archive!(block1 as `0x${string}`)).toThrow(PersistenceError);
      expect(() => stored.chain.archive!(block1 as `0x${string}`)).toThrow(/old-page\.db is damaged/);
      // the check on demand reads every page and finds it
      expect(() => db.quickCheck()).toThrow(PersistenceError);
    } finally {
      db.close();
    }
    const full = await refusal(ChainDatabase.open(file, g, { fullCheck: true }));
    expect(full).toMatchObject({ code: 'StateFileInvalid' });
    expect(full.message).toMatch(/old-page\.db is not a usable SQLite database: integrity check/);
    // the undamaged file passes the full check too
    const { db: whole } = await ChainDatabase.open(chainFile, g, { fullCheck: true });
    whole.quickCheck();
    whole.close();
  });

  it('refuses from the header alone: not SQLite, a page size SQLite never writes, pages cut off the end', async () => {
    const g = genesis();
    const notes = join(dir, 'notes.db');
    await writeFile(notes, 'my notes, not a chain\n'.repeat(300));
    expect((await refusal(ChainDatabase.open(notes, g))).message).toMatch(
      /notes\.db is not a usable SQLite database: no SQLite header/,
    );

    const odd = await copy('odd-page-size.db');
    const handle = await open(odd, 'r+');
    await handle.write(Buffer.from([0x03, 0x00]), 0, 2, 16); // 768: not a power of two
    await handle.close();
    expect((await refusal(ChainDatabase.open(odd, g))).message).toMatch(
      /odd-page-size\.db is not a usable SQLite database: the header's page size 768/,
    );

    const { size } = await stat(chainFile);
    const cut = await copy('cut.db');
    await truncate(cut, size - 3 * 4096);
    const truncated = await refusal(ChainDatabase.open(cut, g));
    expect(truncated).toMatchObject({ code: 'StateFileInvalid' });
    expect(truncated.message).toMatch(
      /cut\.db is not a usable SQLite database: the header counts \d+ pages, the file holds \d+ \(truncated\)/,
    );

    const torn = await copy('torn.db');
    await truncate(torn, size - 100);
    expect((await refusal(ChainDatabase.open(torn, g))).message).toMatch(
      /torn\.db is not a usable SQLite database: \d+ bytes is not a whole number of 4096-byte pages/,
    );
    // the refusals left the real file as it was
    const { db } = await ChainDatabase.open(chainFile, g);
    expect(db.load(g, KEEP).chain.canonical).toHaveLength(201);
    db.close();
  });

  it("startDevChain({ dbCheck }) (the CLI's --db-check) refuses a damaged page before resuming; without it the chain resumes", async () => {
    const file = await copy('checked.db');
    await smashFirstBlocks(file);
    const start = (extra: { dbCheck?: boolean; db?: string }) =>
      startDevChain({
        port: 0,
        runtime: new FakeRuntime(),
        keepStates: KEEP,
        genesisTimestamp: GENESIS_MS,
        blockMode: 'manual',
        db: file,
        ...extra,
      });
    const checked = await refusal(start({ dbCheck: true }));
    expect(checked).toMatchObject({ code: 'StateFileInvalid' });
    expect(checked.message).toMatch(/checked\.db is not a usable SQLite database: integrity check/);
    // the refusal changed nothing: the same file still resumes at its head without the check
    const resumed = await start({});
    try {
      expect(resumed.restoredAt).toBe(200);
    } finally {
      await resumed.close();
    }
    // and the check without a database to check is refused, not ignored
    expect(
      (await refusal(startDevChain({ port: 0, runtime: new FakeRuntime(), dbCheck: true }))).message,
    ).toMatch(/--db-check\) reads the file given with --db, and there is none/);
  });
});
