import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { BlockState } from '../runtime/state.js';
import type { Hex } from '../scale/types.js';
import type { BlockRecord, ChainSnapshot } from './chain.js';
import {
  blockReader,
  type DatabaseReads,
  HeadStateWriter,
  loadWindow,
  readCanonical,
  rebuildHeadState,
} from './databaseLoad.js';
import { PersistenceError } from './persistenceError.js';

export type { DatabaseReads } from './databaseLoad.js';

export const DB_FORMAT = 'phala-devchain-db';
/** 2: the head's state and each change's previous value (a restart reads the last blocks only); 1 is upgraded */
export const DB_VERSION = 2;

/** What a database holds when the node starts from it. */
export interface StoredChain {
  chain: ChainSnapshot;
  pool: Uint8Array[];
  timeTravelTarget: number | undefined;
}

type Database = BetterSqlite3.Database;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS blocks (
    hash TEXT PRIMARY KEY, number INTEGER NOT NULL, parent TEXT NOT NULL, header TEXT NOT NULL,
    encoded_header BLOB NOT NULL, extrinsics TEXT NOT NULL, timestamp INTEGER NOT NULL, seq INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS canonical (number INTEGER PRIMARY KEY, hash TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS state_changes (
    block TEXT NOT NULL, key TEXT NOT NULL, value BLOB, old BLOB, PRIMARY KEY (block, key)
  );
  CREATE TABLE IF NOT EXISTS head_state (key TEXT PRIMARY KEY, value BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS pool (seq INTEGER PRIMARY KEY, bytes BLOB NOT NULL);
`;

/**
 * The chain in a SQLite file: every block with the state changes it made, the canonical chain, the pool and the
 * pending time travel. Each block is one transaction committed before any client hears of the block, so a kill
 * at any moment loses nothing a client saw. WAL with `synchronous = NORMAL`: a commit survives the process
 * being killed (what a dev chain meets); only a power loss may take back the last commits, never corrupt the file.
 *
 * A restart costs the same at any chain length: the head's state is kept whole (`head_state`, moved with each
 * commit) and each change keeps the value it replaced (`state_changes.old`), so the states of the last
 * `keepStates` blocks are the head's walked back; older blocks are read from the file when asked for.
 */
export class ChainDatabase {
  private readonly insertBlock: BetterSqlite3.Statement;
  private readonly insertChange: BetterSqlite3.Statement;
  private readonly setCanonicalAt: BetterSqlite3.Statement;
  private readonly trimCanonical: BetterSqlite3.Statement;
  private readonly setMeta: BetterSqlite3.Statement;
  private readonly hasBlock: BetterSqlite3.Statement;
  private readonly deletePool: BetterSqlite3.Statement;
  private readonly insertPool: BetterSqlite3.Statement;
  private readonly headState: HeadStateWriter;
  private seq: number;
  /** the canonical chain as the file holds it, so a setHead rewrites only where it differs */
  private canonical: Hex[] = [];
  /** the state `head_state` holds, and of which block */
  private head: { hash: Hex; state: BlockState | undefined } | undefined;
  /** rows the last `load` (and later reads of old blocks) took from the file */
  readonly reads: DatabaseReads = { blocks: 0, changes: 0, canonical: 0 };
  /** canonical rows written, for tests that a setHead rewrites only what changed */
  canonicalWrites = 0;

  private constructor(
    private readonly db: Database,
    readonly file: string,
  ) {
    this.insertBlock = db.prepare(
      'INSERT OR IGNORE INTO blocks (hash, number, parent, header, encoded_header, extrinsics, timestamp, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertChange = db.prepare(
      'INSERT OR REPLACE INTO state_changes (block, key, value, old) VALUES (?, ?, ?, ?)',
    );
    this.hasBlock = db.prepare('SELECT 1 FROM blocks WHERE hash = ?').pluck();
    this.deletePool = db.prepare('DELETE FROM pool');
    this.insertPool = db.prepare('INSERT INTO pool (seq, bytes) VALUES (?, ?)');
    this.headState = new HeadStateWriter(db);
    this.setCanonicalAt = db.prepare('INSERT OR REPLACE INTO canonical (number, hash) VALUES (?, ?)');
    this.trimCanonical = db.prepare('DELETE FROM canonical WHERE number > ?');
    this.setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    // blocks are only ever appended, seq and rowid rising together: the last row has the largest seq (one b-tree
    // descent, where MAX(seq) would read every block of the file)
    const last = db.prepare('SELECT seq FROM blocks ORDER BY rowid DESC LIMIT 1').pluck().get() as
      | number
      | undefined;
    this.seq = (last ?? -1) + 1;
  }

  /**
   * Opens (or creates) `file` for the chain with genesis `genesis`. A file that is not SQLite, not ours, of
   * another genesis, or damaged is refused with a PersistenceError naming the file and what is wrong.
   *
   * The open costs the same at any file size: it checks the SQLite header (magic, page size, and that the file holds
   * every page the header counts: a truncated file), the schema and the meta rows; SQLite itself checks the last
   * commits (the WAL's frame checksums). A page damaged elsewhere is found when it is read (a PersistenceError
   * then, from `load` or an archive read) or by `fullCheck` (`PRAGMA quick_check`, which reads the whole file), also
   * available later as {@link ChainDatabase.quickCheck}.
   */
  static async open(
    file: string,
    genesis: BlockRecord,
    options: { fullCheck?: boolean } = {},
  ): Promise<{ db: ChainDatabase; created: boolean }> {
    let Driver: typeof BetterSqlite3;
    try {
      // loaded here only: a chain without --db never loads the native module
      Driver = (await import('better-sqlite3')).default;
    } catch (error) {
      throw new PersistenceError(
        'DbUnavailable',
        `cannot load better-sqlite3 for --db: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const existed = existsSync(file);
    await mkdir(dirname(file), { recursive: true });
    let db: Database;
    try {
      if (existed) checkHeader(file);
      db = new Driver(file, { fileMustExist: false });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      if (options.fullCheck) quickCheckOf(db);
    } catch (error) {
      throw new PersistenceError(
        'StateFileInvalid',
        `${file} is not a usable SQLite database: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    try {
      const tables = new Set(
        (
          db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
        ).map((t) => t.name),
      );
      const created = !tables.has('meta');
      if (created && tables.size > 0) {
        throw new PersistenceError(
          'StateFileInvalid',
          `${file} is a SQLite database of something else (tables: ${[...tables].join(', ')})`,
        );
      }
      if (created && existed && tables.size === 0 && db.prepare('PRAGMA page_count').pluck().get() !== 0) {
        throw new PersistenceError('StateFileInvalid', `${file} is not empty but holds no tables`);
      }
      if (!created) checkMeta(db, file, genesis.hash);
      // version 1 kept neither the head state nor the replaced values: add the column, the load fills both once
      const columns = db.prepare('PRAGMA table_info(state_changes)').all() as Array<{ name: string }>;
      db.exec(SCHEMA);
      if (columns.length > 0 && !columns.some((c) => c.name === 'old')) {
        db.transaction(() => {
          db.exec('ALTER TABLE state_changes ADD COLUMN old BLOB');
          db.exec("DELETE FROM meta WHERE key = 'headState'");
          db.prepare("UPDATE meta SET value = ? WHERE key = 'version'").run(String(DB_VERSION));
        })();
      }
      const chainDb = new ChainDatabase(db, file);
      if (created) {
        db.transaction(() => {
          chainDb.setMeta.run('format', DB_FORMAT);
          chainDb.setMeta.run('version', String(DB_VERSION));
          chainDb.setMeta.run('genesis', genesis.hash);
          chainDb.writeBlock(genesis, undefined);
          chainDb.headState.write(genesis.state!.entries(), genesis.hash, true);
        })();
        chainDb.canonical = [genesis.hash];
        chainDb.head = { hash: genesis.hash, state: genesis.state };
      }
      return { db: chainDb, created };
    } catch (error) {
      db.close();
      if (error instanceof PersistenceError) throw error;
      throw new PersistenceError('StateFileInvalid', `${file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /** Writes a block and the changes its state made over `parent`, and makes it the canonical head. */
  commitBlock(
    block: BlockRecord,
    parent: BlockState | undefined,
    pool: readonly Uint8Array[],
    timeTravel: number | undefined,
  ): void {
    this.db.transaction(() => {
      const changes = this.writeBlock(block, parent);
      this.trimCanonical.run(block.number);
      // the head state moves by the block's changes when it held the parent; otherwise (never in practice) whole
      if (this.head?.hash === block.parentHash && this.head.state === parent && changes)
        this.headState.write(changes, block.hash, false);
      else if (block.state) this.headState.write(block.state.entries(), block.hash, true);
      this.writePool(pool);
      this.setMeta.run('timeTravel', timeTravel === undefined ? '' : String(timeTravel));
    })();
    this.canonical.length = block.number;
    this.canonical.push(block.hash);
    this.head = { hash: block.hash, state: block.state };
  }

  /**
   * The canonical chain changed without a new block (setHead, revert): rewrites it from the first height where it
   * differs, the head state, and the pool. `blockOf` gives the blocks the file may not have yet.
   */
  commitCanonical(
    canonical: readonly Hex[],
    pool: readonly Uint8Array[],
    timeTravel: number | undefined,
    blockOf: (hash: Hex) => BlockRecord | undefined,
  ): void {
    let from = 0;
    while (from < canonical.length && canonical[from] === this.canonical[from]) from++;
    const headHash = canonical[canonical.length - 1]!;
    const head = blockOf(headHash);
    this.db.transaction(() => {
      // a revert can bring back blocks the file never saw only if they were built before it was opened
      for (let n = from; n < canonical.length; n++) {
        if (!this.hasBlock.get(canonical[n])) {
          const block = blockOf(canonical[n]!);
          if (block) this.writeBlock(block, undefined, false);
        }
      }
      this.trimCanonical.run(canonical.length - 1);
      for (let n = from; n < canonical.length; n++) this.setCanonicalAt.run(n, canonical[n]);
      this.canonicalWrites += canonical.length - from;
      if (this.head?.hash !== headHash) {
        if (head?.state) {
          // a setHead to a block of the restored window walks one undo step: its diff is cheap to find
          const known = this.head?.state;
          this.headState.write(
            known ? head.state.changesSince(known) : head.state.entries(),
            headHash,
            !known,
          );
        } else {
          // no state to keep: the next load rebuilds it from the history
          this.setMeta.run('headState', '');
        }
      }
      this.writePool(pool);
      this.setMeta.run('timeTravel', timeTravel === undefined ? '' : String(timeTravel));
    })();
    this.canonical = [...canonical];
    this.head = { hash: headHash, state: head?.state };
  }

  /** The pool and pending time travel alone (clean shutdown). */
  commitPool(pool: readonly Uint8Array[], timeTravel: number | undefined): void {
    this.db.transaction(() => {
      this.writePool(pool);
      this.setMeta.run('timeTravel', timeTravel === undefined ? '' : String(timeTravel));
    })();
  }

  private writePool(pool: readonly Uint8Array[]): void {
    this.deletePool.run();
    pool.forEach((bytes, seq) => {
      this.insertPool.run(seq, Buffer.from(bytes));
    });
  }

  /** Writes the block (and its changes with the values they replace); returns the changes it wrote. */
  private writeBlock(
    block: BlockRecord,
    parent: BlockState | undefined,
    canonical = true,
  ): Map<Hex, Uint8Array | null> | undefined {
    const inserted = this.insertBlock.run(
      block.hash,
      block.number,
      block.parentHash,
      JSON.stringify(block.header),
      Buffer.from(block.encodedHeader),
      JSON.stringify(block.extrinsics.map((x) => Buffer.from(x).toString('hex'))),
      block.timestamp,
      this.seq++,
    );
    let changes: Map<Hex, Uint8Array | null> | undefined;
    if (inserted.changes && block.state) {
      changes = block.state.changesSince(parent);
      for (const [key, value] of changes) {
        const old = parent?.get(key);
        this.insertChange.run(
          block.hash,
          key,
          value === null ? null : Buffer.from(value),
          old === undefined ? null : Buffer.from(old),
        );
      }
    }
    if (canonical) this.setCanonicalAt.run(block.number, block.hash);
    return changes;
  }

  /**
   * Reads the chain back: the canonical hashes, the last `keepStates` blocks with their states (and genesis); the
   * other blocks stay in the file and are read when asked for (`archive`), answering state queries as pruned.
   * Any inconsistency is a PersistenceError.
   */
  load(genesis: BlockRecord, keepStates: number): StoredChain {
    try {
      return this.loadRows(genesis, keepStates);
    } catch (error) {
      throw damaged(error, this.file);
    }
  }

  /**
   * `PRAGMA quick_check` on demand: reads the whole file and throws a PersistenceError when any page is damaged
   * (what the open no longer does, its cost being that of the file's size).
   */
  quickCheck(): void {
    try {
      quickCheckOf(this.db);
    } catch (error) {
      throw damaged(error, this.file);
    }
  }

  private loadRows(genesis: BlockRecord, keepStates: number): StoredChain {
    const fail = (why: string): never => {
      throw new PersistenceError('StateFileInvalid', `${this.file}: ${why}`);
    };
    const canonical = readCanonical(this.db, this.file, genesis.hash, this.reads);
    const headHash = canonical[canonical.length - 1]!;
    const marked = this.db.prepare("SELECT value FROM meta WHERE key = 'headState'").pluck().get();
    if (marked !== headHash) rebuildHeadState(this.db, this.file, genesis, canonical, this.reads);
    const loadedSeq = this.seq;
    const read = blockReader(this.db, this.file, this.reads);
    const window = loadWindow(
      this.db,
      this.file,
      canonical,
      keepStates,
      (h) => read(h, loadedSeq),
      this.reads,
    );
    const genesisRecord = { ...genesis };
    const head = window[window.length - 1] ?? genesisRecord;
    const pool = (
      this.db.prepare('SELECT bytes FROM pool ORDER BY seq').all() as Array<{ bytes: Buffer }>
    ).map((r) => new Uint8Array(r.bytes));
    const travel =
      (this.db.prepare("SELECT value FROM meta WHERE key = 'timeTravel'").pluck().get() as
        | string
        | undefined) ?? '';
    const timeTravelTarget = travel === '' ? undefined : Number(travel);
    if (timeTravelTarget !== undefined && !Number.isSafeInteger(timeTravelTarget))
      fail(`the pending time travel "${travel}" is not a time`);
    this.canonical = canonical;
    this.head = { hash: head.hash, state: head.state };
    return {
      chain: {
        blocks: [genesisRecord, ...window],
        canonical,
        archive: (hash) => (hash === genesis.hash ? undefined : read(hash, loadedSeq)),
      },
      pool,
      timeTravelTarget,
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function checkMeta(db: Database, file: string, genesisHash: Hex): void {
  const meta = new Map(
    (db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>).map((r) => [
      r.key,
      r.value,
    ]),
  );
  if (meta.get('format') !== DB_FORMAT) {
    throw new PersistenceError(
      'StateFileInvalid',
      `${file} is not a phala-devchain database (format ${String(meta.get('format'))})`,
    );
  }
  const version = meta.get('version');
  if (version !== String(DB_VERSION) && version !== '1') {
    throw new PersistenceError(
      'StateFileInvalid',
      `${file} has database version ${String(version)}; this node reads 1 and ${DB_VERSION}`,
    );
  }
  if (meta.get('genesis') !== genesisHash) {
    throw new PersistenceError(
      'StateFileOtherChain',
      `${file} belongs to a chain with genesis ${String(meta.get('genesis'))}, this runtime's genesis is ${genesisHash} (start it with the options it was created with: --production, --production-tokenomics and --genesis-timestamp change the genesis)`,
    );
  }
}

/** SQLite's own check of every page (reads the whole file). */
function quickCheckOf(db: Database): void {
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new Error(`integrity check: ${String(check)}`);
}

/** A failure while reading the file (SQLite's "database disk image is malformed" …) as the PersistenceError it is. */
function damaged(error: unknown, file: string): PersistenceError {
  if (error instanceof PersistenceError) return error;
  return new PersistenceError('StateFileInvalid', `${file} is damaged: ${(error as Error).message}`, {
    cause: error,
  });
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The first 100 bytes of the file, and its size (constant cost): a file that is not SQLite, or that lost pages at
 * its end, fails here with a plain reason (the caller names the file). Frames still in a WAL file are the pages'
 * newest versions and may lengthen the database, so the size is checked only without one.
 */
function checkHeader(file: string): void {
  const fd = openSync(file, 'r');
  const header = Buffer.alloc(100);
  let size: number;
  let got: number;
  try {
    size = fstatSync(fd).size;
    got = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (size === 0) return; // an empty file becomes a new database
  if (got < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) throw new Error('no SQLite header');
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65_536 : raw;
  if (pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0)
    throw new Error(`the header's page size ${raw} is not one SQLite writes`);
  const wal = `${file}-wal`;
  // a WAL holding any frame (more than its 32-byte header) may carry pages beyond the main file's end
  if (existsSync(wal) && statSync(wal).size > 32) return;
  if (size % pageSize !== 0)
    throw new Error(`${size} bytes is not a whole number of ${pageSize}-byte pages (truncated or damaged)`);
  // the in-header page count is valid when its "version-valid-for" matches the change counter
  const pages = header.readUInt32BE(28);
  if (header.readUInt32BE(92) === header.readUInt32BE(24) && pages * pageSize > size)
    throw new Error(`the header counts ${pages} pages, the file holds ${size / pageSize} (truncated)`);
}
