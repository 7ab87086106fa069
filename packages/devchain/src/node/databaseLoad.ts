import type BetterSqlite3 from 'better-sqlite3';
import type { HeaderFields } from '../runtime/interface.js';
import { BlockState } from '../runtime/state.js';
import type { Hex } from '../scale/types.js';
import type { BlockRecord } from './chain.js';
import { PersistenceError } from './persistenceError.js';

type Database = BetterSqlite3.Database;

/** What the loader read, for tests that a restart costs the same at any chain length. */
export interface DatabaseReads {
  /** rows of `blocks` read (headers and bodies) */
  blocks: number;
  /** rows of `state_changes` read */
  changes: number;
  /** rows of `canonical` read (one hash per block: the number → hash index stays in memory) */
  canonical: number;
}

interface BlockRow {
  hash: Hex;
  number: number;
  parent: Hex;
  header: string;
  encoded_header: Buffer;
  extrinsics: string;
  timestamp: number;
}

/** A stored block as a record without state; a damaged row is a PersistenceError naming the file. */
export function blockFromRow(row: BlockRow, file: string): BlockRecord {
  const fail = (why: string): never => {
    throw new PersistenceError('StateFileInvalid', `${file}: block ${row.number} (${row.hash}) ${why}`);
  };
  let header: HeaderFields;
  let extrinsics: string[];
  try {
    header = JSON.parse(row.header) as HeaderFields;
    extrinsics = JSON.parse(row.extrinsics) as string[];
  } catch {
    return fail('is damaged');
  }
  if (
    typeof header !== 'object' ||
    header === null ||
    header.number !== row.number ||
    !Array.isArray(extrinsics)
  )
    fail('has a damaged header or body');
  return {
    hash: row.hash,
    number: row.number,
    parentHash: row.parent,
    header,
    encodedHeader: new Uint8Array(row.encoded_header),
    extrinsics: extrinsics.map((x) => new Uint8Array(Buffer.from(x, 'hex'))),
    timestamp: row.timestamp,
    state: undefined,
  };
}

/** Reads stored blocks by hash; `maxSeq` hides blocks written after the load (the node holds those itself). */
export function blockReader(db: Database, file: string, reads: DatabaseReads) {
  const byHash = db.prepare('SELECT * FROM blocks WHERE hash = ? AND seq < ?');
  return (hash: Hex, maxSeq: number): BlockRecord | undefined => {
    let row: BlockRow | undefined;
    try {
      row = byHash.get(hash, maxSeq) as BlockRow | undefined;
    } catch (error) {
      // a damaged page met when an old block is asked for (the open does not read every page)
      throw new PersistenceError('StateFileInvalid', `${file} is damaged: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!row) return undefined;
    reads.blocks++;
    return blockFromRow(row, file);
  };
}

/** The canonical chain's hashes, checked for gaps and for starting at `genesis`. */
export function readCanonical(db: Database, file: string, genesis: Hex, reads: DatabaseReads): Hex[] {
  const rows = db.prepare('SELECT number, hash FROM canonical ORDER BY number').raw().all() as Array<
    [number, Hex]
  >;
  reads.canonical += rows.length;
  const canonical = rows.map(([number, hash], i) => {
    if (number !== i)
      throw new PersistenceError('StateFileInvalid', `${file}: the canonical chain has a gap at block ${i}`);
    return hash;
  });
  if (canonical[0] !== genesis)
    throw new PersistenceError(
      'StateFileInvalid',
      `${file}: canonical block 0 is ${String(canonical[0])}, not the genesis ${genesis}`,
    );
  return canonical;
}

/**
 * The states of the last blocks of the canonical chain, from the stored head state walked back through each
 * block's undo values (`state_changes.old`): the cost is that of `keepStates` blocks, whatever the chain's length.
 * Returns the blocks of the window (head last), each with its state.
 */
export function loadWindow(
  db: Database,
  file: string,
  canonical: readonly Hex[],
  keepStates: number,
  read: (hash: Hex) => BlockRecord | undefined,
  reads: DatabaseReads,
): BlockRecord[] {
  const fail = (why: string): never => {
    throw new PersistenceError('StateFileInvalid', `${file}: ${why}`);
  };
  const head = canonical.length - 1;
  // the head always keeps its state
  const first = Math.max(1, head - Math.max(1, keepStates) + 1);
  if (head === 0) return [];
  const entries = db.prepare('SELECT key, value FROM head_state').raw().all() as Array<[Hex, Buffer]>;
  if (entries.length === 0) fail('the head state is empty (a chain always has state)');
  let state = BlockState.fromEntries(entries.map(([k, v]) => [k, new Uint8Array(v)]));
  const undo = db.prepare('SELECT key, old FROM state_changes WHERE block = ?').raw();
  const window: BlockRecord[] = [];
  for (let number = head; number >= first; number--) {
    const hash = canonical[number]!;
    const block = read(hash) ?? fail(`canonical block ${number} (${hash}) is missing`);
    if (block.parentHash !== canonical[number - 1])
      fail(`block ${number} (${hash}) does not follow block ${number - 1}`);
    block.state = state;
    window.push(block);
    if (number === first) break;
    const diff = new Map<Hex, Uint8Array | null>();
    for (const [key, old] of undo.all(hash) as Array<[Hex, Buffer | null]>) {
      reads.changes++;
      diff.set(key, old === null ? null : new Uint8Array(old));
    }
    state = state.apply(diff);
  }
  return window.reverse();
}

/**
 * Builds the head state and the undo values from the whole history, once: for a file of version 1 (which kept
 * neither) or one whose head state does not match its head. Returns the head hash it now holds.
 */
export function rebuildHeadState(
  db: Database,
  file: string,
  genesis: BlockRecord,
  canonical: readonly Hex[],
  reads: DatabaseReads,
): void {
  const changes = db.prepare('SELECT key, value FROM state_changes WHERE block = ?').raw();
  const setOld = db.prepare('UPDATE state_changes SET old = ? WHERE block = ? AND key = ?');
  const parentOf = db.prepare('SELECT parent FROM blocks WHERE hash = ?').pluck();
  let state = genesis.state!;
  db.transaction(() => {
    canonical.forEach((hash, number) => {
      if (number === 0) return;
      const parent = parentOf.get(hash) as Hex | undefined;
      reads.blocks++;
      if (parent === undefined)
        throw new PersistenceError(
          'StateFileInvalid',
          `${file}: canonical block ${number} (${hash}) is missing`,
        );
      if (parent !== canonical[number - 1])
        throw new PersistenceError(
          'StateFileInvalid',
          `${file}: block ${number} (${hash}) does not follow block ${number - 1}`,
        );
      const diff = new Map<Hex, Uint8Array | null>();
      for (const [key, value] of changes.all(hash) as Array<[Hex, Buffer | null]>) {
        reads.changes++;
        const old = state.get(key);
        setOld.run(old === undefined ? null : Buffer.from(old), hash, key);
        diff.set(key, value === null ? null : new Uint8Array(value));
      }
      state = state.apply(diff);
    });
    new HeadStateWriter(db).write(state.entries(), canonical[canonical.length - 1]!, true);
  })();
}

/** Writes the stored head state: whole, or by the changes of one step; `null` deletes a key. Inside a transaction. */
export class HeadStateWriter {
  private readonly clear: BetterSqlite3.Statement;
  private readonly put: BetterSqlite3.Statement;
  private readonly del: BetterSqlite3.Statement;
  private readonly mark: BetterSqlite3.Statement;

  constructor(db: Database) {
    this.clear = db.prepare('DELETE FROM head_state');
    this.put = db.prepare('INSERT OR REPLACE INTO head_state (key, value) VALUES (?, ?)');
    this.del = db.prepare('DELETE FROM head_state WHERE key = ?');
    this.mark = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('headState', ?)");
  }

  write(changes: Iterable<readonly [Hex, Uint8Array | null]>, headHash: Hex, whole: boolean): void {
    if (whole) this.clear.run();
    for (const [key, value] of changes) {
      if (value === null) this.del.run(key);
      else this.put.run(key, Buffer.from(value));
    }
    this.mark.run(headHash);
  }
}
