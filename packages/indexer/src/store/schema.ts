import type { Generated, Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * One schema for SQLite and PostgreSQL. Amounts are planck as decimal TEXT: balances reach 2^128, past both engines'
 * 64-bit integers, and sums are done in bigint by the query layer so nothing rounds.
 */
export interface BlocksTable {
  hash: string;
  number: number;
  /** chain time `Timestamp.Now`, ms */
  timestamp: number;
}

/** One row per indexed fact; (block_hash, seq) is the idempotency key, so a re-ingested block inserts nothing. */
export interface EntriesTable {
  block_hash: string;
  seq: number;
  block_number: number;
  timestamp: number;
  /** UTC day, YYYY-MM-DD */
  day: string;
  kind: string;
  pool: number | null;
  /** worker public key (hex) */
  worker: string | null;
  /** the account concerned (staker, owner, claimer, miner sub-account) */
  account: string | null;
  /** planck, decimal text; '0' for events without an amount */
  amount: string;
  /** shares, V bits, commission parts, … as JSON text */
  detail: string | null;
}

/** Pool stake after every block that changed it: the time-weighted stake of the realized APR. */
export interface StakeTable {
  pool: number;
  block_number: number;
  timestamp: number;
  total_stake: string;
  total_shares: string;
}

/** Ingestion state that must move with the rows in the same transaction, so a resume continues exactly. */
export interface CheckpointTable {
  id: number;
  block_number: number;
  block_hash: string;
}

export interface PoolStateTable {
  pool: number;
  owner: string;
  /** reward accumulator, U64F64 bits */
  reward_acc: string;
  /** owner reward not yet claimed, planck */
  owner_reward: string;
}

export interface StakerStateTable {
  pool: number;
  account: string;
  shares: string;
}

export interface MinerStateTable {
  /** the pool's sub-account that mines for the worker */
  miner: string;
  worker: string;
  pool: number | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Schema {
  blocks: BlocksTable;
  entries: EntriesTable;
  stake: StakeTable;
  checkpoint: CheckpointTable;
  pool_state: PoolStateTable;
  staker_state: StakerStateTable;
  miner_state: MinerStateTable;
  meta: MetaTable;
}

export type Db = Kysely<Schema>;
// Generated is kept importable for future serial columns without a schema-type churn
export type { Generated };

/** Migrations by name, applied in order by Kysely's Migrator on both dialects. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('blocks')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('number', 'bigint', (c) => c.notNull().unique())
        .addColumn('timestamp', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('entries')
        .addColumn('block_hash', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('block_number', 'bigint', (c) => c.notNull())
        .addColumn('timestamp', 'bigint', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('pool', 'bigint')
        .addColumn('worker', 'text')
        .addColumn('account', 'text')
        .addColumn('amount', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addPrimaryKeyConstraint('entries_pk', ['block_hash', 'seq'])
        .execute();
      await db.schema.createIndex('entries_pool').on('entries').columns(['pool', 'block_number']).execute();
      await db.schema
        .createIndex('entries_worker')
        .on('entries')
        .columns(['worker', 'block_number'])
        .execute();
      await db.schema
        .createIndex('entries_account')
        .on('entries')
        .columns(['account', 'block_number'])
        .execute();
      await db.schema
        .createTable('stake')
        .addColumn('pool', 'bigint', (c) => c.notNull())
        .addColumn('block_number', 'bigint', (c) => c.notNull())
        .addColumn('timestamp', 'bigint', (c) => c.notNull())
        .addColumn('total_stake', 'text', (c) => c.notNull())
        .addColumn('total_shares', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('stake_pk', ['pool', 'block_number'])
        .execute();
      await db.schema
        .createTable('checkpoint')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('block_number', 'bigint', (c) => c.notNull())
        .addColumn('block_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('pool_state')
        .addColumn('pool', 'bigint', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('reward_acc', 'text', (c) => c.notNull())
        .addColumn('owner_reward', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('staker_state')
        .addColumn('pool', 'bigint', (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('shares', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('staker_state_pk', ['pool', 'account'])
        .execute();
      await db.schema
        .createTable('miner_state')
        .addColumn('miner', 'text', (c) => c.primaryKey())
        .addColumn('worker', 'text', (c) => c.notNull())
        .addColumn('pool', 'bigint')
        .execute();
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of [
        'meta',
        'miner_state',
        'staker_state',
        'pool_state',
        'checkpoint',
        'stake',
        'entries',
        'blocks',
      ]) {
        await db.schema.dropTable(t).execute();
      }
    },
  },
};
