import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { DatabaseUnavailableError, InvalidArgumentError, MigrationFailedError } from '../errors.js';
import { type Db, MIGRATIONS } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface OpenedDb {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/**
 * Opens `--db`: a `postgres://…` URL or a SQLite file path (created if missing), and brings its schema up to date.
 * PostgreSQL's int8 columns come back as JS numbers (block numbers and ms timestamps fit in 2^53).
 */
export async function openDb(url: string, options: { readonly?: boolean } = {}): Promise<OpenedDb> {
  if (!url) throw new InvalidArgumentError('a database is required: a SQLite file path or postgres://…');
  let db: Db;
  let dialect: Dialect;
  if (isPostgresUrl(url)) {
    dialect = 'postgres';
    const pool = new pg.Pool({
      connectionString: url,
      max: 4,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as never,
      },
    });
    // an idle connection the server ends (restart, pg_terminate_backend) is an 'error' event on the pool: without a
    // listener it would crash the process; the pool replaces the connection on the next query instead
    pool.on('error', () => undefined);
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    try {
      await pool.query('select 1');
    } catch (error) {
      await db.destroy();
      throw new DatabaseUnavailableError(`cannot reach PostgreSQL: ${(error as Error).message}`, {
        cause: error,
      });
    }
  } else {
    dialect = 'sqlite';
    let database: Sqlite.Database | undefined;
    try {
      database = new Sqlite(url, {
        readonly: options.readonly ?? false,
        fileMustExist: options.readonly ?? false,
      });
      // the first pragma reads the file: one that is no SQLite database fails here, not at open
      if (!options.readonly) {
        // WAL lets `history serve` read while `history sync` writes; NORMAL sync is durable at each commit in WAL mode
        database.pragma('journal_mode = WAL');
        database.pragma('synchronous = NORMAL');
      }
      database.pragma('busy_timeout = 5000');
    } catch (error) {
      database?.close();
      throw new DatabaseUnavailableError(`cannot open SQLite file ${url}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    db = new Kysely({ dialect: new SqliteDialect({ database: cachingStatements(database) }) });
  }
  if (!options.readonly) {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    const { error } = await migrator.migrateToLatest();
    if (error) {
      await db.destroy();
      throw new MigrationFailedError(`schema migration failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return { db, dialect, close: () => db.destroy() };
}

/** Statements kept by SQL text: a batch runs the same few inserts over and over, and compiling them is not free. */
const STATEMENT_CACHE = 64;
function cachingStatements(database: Sqlite.Database): Sqlite.Database {
  const cache = new Map<string, Sqlite.Statement>();
  return new Proxy(database, {
    get(target, key, receiver) {
      if (key !== 'prepare') {
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (sql: string) => {
        let statement = cache.get(sql);
        if (statement) {
          // most recently used last, so the oldest is the one dropped
          cache.delete(sql);
        } else {
          statement = target.prepare(sql);
          if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
        }
        cache.set(sql, statement);
        return statement;
      };
    },
  });
}
