import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { HeaderFields } from '../runtime/interface.js';
import type { BlockState } from '../runtime/state.js';
import type { Hex } from '../scale/types.js';
import type { BlockRecord, ChainSnapshot } from './chain.js';
import { PersistenceError } from './persistenceError.js';

export const DB_FORMAT = 'phala-devchain-db';
export const DB_VERSION = 1;

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
  CREATE TABLE IF NOT EXISTS state_changes (block TEXT NOT NULL, key TEXT NOT NULL, value BLOB, PRIMARY KEY (block, key));
  CREATE TABLE IF NOT EXISTS pool (seq INTEGER PRIMARY KEY, bytes BLOB NOT NULL);
`;

/**
 * The chain in a SQLite file: every block with the state changes it made, the canonical chain, the pool and the
 * pending time travel. Each block is one transaction committed before any client hears of the block, so a kill
 * at any moment loses nothing a client saw. WAL with `synchronous = NORMAL`: a commit survives the process
 * being killed (what a dev chain meets); only a power loss may take back the last commits, never corrupt the file.
 */
export class ChainDatabase {
  private readonly insertBlock: BetterSqlite3.Statement;
  private readonly insertChange: BetterSqlite3.Statement;
  private readonly setCanonicalAt: BetterSqlite3.Statement;
  private readonly trimCanonical: BetterSqlite3.Statement;
  private readonly setMeta: BetterSqlite3.Statement;
  private seq: number;

  private constructor(
    private readonly db: Database,
    readonly file: string,
  ) {
    this.insertBlock = db.prepare(
      'INSERT OR IGNORE INTO blocks (hash, number, parent, header, encoded_header, extrinsics, timestamp, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertChange = db.prepare(
      'INSERT OR REPLACE INTO state_changes (block, key, value) VALUES (?, ?, ?)',
    );
    this.setCanonicalAt = db.prepare('INSERT OR REPLACE INTO canonical (number, hash) VALUES (?, ?)');
    this.trimCanonical = db.prepare('DELETE FROM canonical WHERE number > ?');
    this.setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    this.seq = (db.prepare('SELECT COALESCE(MAX(seq), -1) AS s FROM blocks').get() as { s: number }).s + 1;
  }

  /**
   * Opens (or creates) `file` for the chain with genesis `genesis`. A file that is not SQLite, not ours, of
   * another genesis, or damaged is refused with a PersistenceError naming the file and what is wrong.
   */
  static async open(file: string, genesis: BlockRecord): Promise<{ db: ChainDatabase; created: boolean }> {
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
      db = new Driver(file, { fileMustExist: false });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`integrity check: ${String(check)}`);
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
      db.exec(SCHEMA);
      const chainDb = new ChainDatabase(db, file);
      if (created) {
        db.transaction(() => {
          chainDb.setMeta.run('format', DB_FORMAT);
          chainDb.setMeta.run('version', String(DB_VERSION));
          chainDb.setMeta.run('genesis', genesis.hash);
          chainDb.writeBlock(genesis, undefined);
        })();
      } else {
        chainDb.checkMeta(genesis.hash);
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

  private checkMeta(genesisHash: Hex): void {
    const meta = new Map(
      (this.db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>).map(
        (r) => [r.key, r.value],
      ),
    );
    if (meta.get('format') !== DB_FORMAT) {
      throw new PersistenceError(
        'StateFileInvalid',
        `${this.file} is not a phala-devchain database (format ${String(meta.get('format'))})`,
      );
    }
    if (meta.get('version') !== String(DB_VERSION)) {
      throw new PersistenceError(
        'StateFileInvalid',
        `${this.file} has database version ${String(meta.get('version'))}; this node reads ${DB_VERSION}`,
      );
    }
    if (meta.get('genesis') !== genesisHash) {
      throw new PersistenceError(
        'StateFileOtherChain',
        `${this.file} belongs to a chain with genesis ${String(meta.get('genesis'))}, this runtime's genesis is ${genesisHash} (start it with the options it was created with: --production, --production-tokenomics and --genesis-timestamp change the genesis)`,
      );
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
      this.writeBlock(block, parent);
      this.trimCanonical.run(block.number);
      this.writePool(pool);
      this.setMeta.run('timeTravel', timeTravel === undefined ? '' : String(timeTravel));
    })();
  }

  /** The canonical chain changed without a new block (setHead, revert): rewrites it and the pool. */
  commitCanonical(
    canonical: readonly Hex[],
    pool: readonly Uint8Array[],
    timeTravel: number | undefined,
    blocks: readonly BlockRecord[],
  ): void {
    this.db.transaction(() => {
      // a revert can bring back blocks the file never saw only if they were built before it was opened
      for (const block of blocks) {
        if (!this.db.prepare('SELECT 1 FROM blocks WHERE hash = ?').get(block.hash))
          this.writeBlock(block, undefined, false);
      }
      this.trimCanonical.run(canonical.length - 1);
      canonical.forEach((hash, number) => {
        this.setCanonicalAt.run(number, hash);
      });
      this.writePool(pool);
      this.setMeta.run('timeTravel', timeTravel === undefined ? '' : String(timeTravel));
    })();
  }

  /** The pool and pending time travel alone (clean shutdown). */
  commitPool(pool: readonly Uint8Array[], timeTravel: number | undefined): void {
    this.db.transaction(() => {
      this.writePool(pool);
      this.setMeta.run('timeTravel', timeTravel === undefined ? '' : String(timeTravel));
    })();
  }

  private writePool(pool: readonly Uint8Array[]): void {
    this.db.prepare('DELETE FROM pool').run();
    const insert = this.db.prepare('INSERT INTO pool (seq, bytes) VALUES (?, ?)');
    pool.forEach((bytes, seq) => {
      insert.run(seq, Buffer.from(bytes));
    });
  }

  private writeBlock(block: BlockRecord, parent: BlockState | undefined, canonical = true): void {
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
    if (inserted.changes && block.state) {
      for (const [key, value] of block.state.changesSince(parent)) {
        this.insertChange.run(block.hash, key, value === null ? null : Buffer.from(value));
      }
    }
    if (canonical) this.setCanonicalAt.run(block.number, block.hash);
  }

  /**
   * Reads the whole chain back. States are rebuilt along the canonical chain for the last `keepStates` blocks
   * (and genesis); other blocks answer state queries as pruned. Any inconsistency is a PersistenceError.
   */
  load(genesis: BlockRecord, keepStates: number): StoredChain {
    const fail = (why: string): never => {
      throw new PersistenceError('StateFileInvalid', `${this.file}: ${why}`);
    };
    const canonical = (
      this.db.prepare('SELECT number, hash FROM canonical ORDER BY number').all() as Array<{
        number: number;
        hash: Hex;
      }>
    ).map((row, i) => {
      if (row.number !== i) fail(`the canonical chain has a gap at block ${i}`);
      return row.hash;
    });
    if (canonical[0] !== genesis.hash)
      fail(`canonical block 0 is ${String(canonical[0])}, not the genesis ${genesis.hash}`);
    const rows = this.db.prepare('SELECT * FROM blocks ORDER BY seq').all() as Array<{
      hash: Hex;
      number: number;
      parent: Hex;
      header: string;
      encoded_header: Buffer;
      extrinsics: string;
      timestamp: number;
    }>;
    const changes = this.db.prepare('SELECT key, value FROM state_changes WHERE block = ?');
    const blocks = new Map<Hex, BlockRecord>();
    for (const row of rows) {
      let header: HeaderFields;
      let extrinsics: string[];
      try {
        header = JSON.parse(row.header) as HeaderFields;
        extrinsics = JSON.parse(row.extrinsics) as string[];
      } catch {
        return fail(`block ${row.number} (${row.hash}) is damaged`);
      }
      if (
        typeof header !== 'object' ||
        header === null ||
        header.number !== row.number ||
        !Array.isArray(extrinsics)
      ) {
        fail(`block ${row.number} (${row.hash}) has a damaged header or body`);
      }
      blocks.set(row.hash, {
        hash: row.hash,
        number: row.number,
        parentHash: row.parent,
        header,
        encodedHeader: new Uint8Array(row.encoded_header),
        extrinsics: extrinsics.map((x) => new Uint8Array(Buffer.from(x, 'hex'))),
        timestamp: row.timestamp,
        state: row.hash === genesis.hash ? genesis.state : undefined,
      });
    }
    let state = genesis.state!;
    const floor = canonical.length - 1 - keepStates;
    canonical.forEach((hash, number) => {
      const block = blocks.get(hash) ?? fail(`canonical block ${number} (${hash}) is missing`);
      if (number === 0) return;
      if (block.parentHash !== canonical[number - 1])
        fail(`block ${number} (${hash}) does not follow block ${number - 1}`);
      const diff = new Map<Hex, Uint8Array | null>();
      for (const row of changes.all(hash) as Array<{ key: Hex; value: Buffer | null }>) {
        diff.set(row.key, row.value === null ? null : new Uint8Array(row.value));
      }
      state = state.apply(diff);
      if (number > floor) block.state = state;
    });
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
    return { chain: { blocks: [...blocks.values()], canonical }, pool, timeTravelTarget };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
