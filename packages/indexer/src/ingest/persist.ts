import type { Db } from '../store/schema.js';
import type { FetchedBlock } from './chain.js';
import type { ExtractedBlock, IndexState } from './extract.js';

export interface Checkpoint {
  number: number;
  hash: string;
}

export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function loadCheckpoint(db: Db): Promise<Checkpoint | undefined> {
  const row = await db.selectFrom('checkpoint').selectAll().where('id', '=', 1).executeTakeFirst();
  return row ? { number: Number(row.block_number), hash: row.block_hash } : undefined;
}

export async function loadState(db: Db): Promise<IndexState> {
  const [pools, stakers, miners] = await Promise.all([
    db.selectFrom('pool_state').selectAll().execute(),
    db.selectFrom('staker_state').selectAll().execute(),
    db.selectFrom('miner_state').selectAll().execute(),
  ]);
  return {
    pools: new Map(
      pools.map((p) => [
        Number(p.pool),
        { owner: p.owner, rewardAcc: BigInt(p.reward_acc), ownerReward: BigInt(p.owner_reward) },
      ]),
    ),
    stakers: new Map(stakers.map((s) => [`${s.pool}:${s.account}`, BigInt(s.shares)])),
    miners: new Map(
      miners.map((m) => [m.miner, { worker: m.worker, pool: m.pool === null ? null : Number(m.pool) }]),
    ),
  };
}

// keeps each INSERT under SQLite's 32766 bound parameters
const CHUNK = 500;

/**
 * Writes a batch of finalized blocks, the extractor's state after them and the checkpoint in ONE transaction: a kill
 * at any point leaves either all of the batch or none of it. Rows are keyed by (block hash, seq) and inserted with
 * ON CONFLICT DO NOTHING, so replaying a block (a resume racing a second writer) never doubles anything.
 */
export async function persistBatch(
  db: Db,
  blocks: readonly { block: FetchedBlock; extracted: ExtractedBlock }[],
  state: IndexState,
): Promise<number> {
  if (blocks.length === 0) return 0;
  let rows = 0;
  await db.transaction().execute(async (tx) => {
    const blockRows = blocks.map(({ block }) => ({
      hash: block.hash,
      number: block.number,
      timestamp: block.timestamp,
    }));
    for (let i = 0; i < blockRows.length; i += CHUNK) {
      await tx
        .insertInto('blocks')
        .values(blockRows.slice(i, i + CHUNK))
        .onConflict((c) => c.doNothing())
        .execute();
    }
    const entryRows = blocks.flatMap(({ block, extracted }) =>
      extracted.entries.map((e) => ({
        block_hash: block.hash,
        seq: e.seq,
        block_number: block.number,
        timestamp: block.timestamp,
        day: utcDay(block.timestamp),
        kind: e.kind,
        pool: e.pool,
        worker: e.worker,
        account: e.account,
        amount: e.amount.toString(),
        detail: e.detail ? JSON.stringify(e.detail) : null,
      })),
    );
    rows = entryRows.length;
    for (let i = 0; i < entryRows.length; i += CHUNK) {
      await tx
        .insertInto('entries')
        .values(entryRows.slice(i, i + CHUNK))
        .onConflict((c) => c.doNothing())
        .execute();
    }
    const stakeRows = blocks.flatMap(({ block, extracted }) =>
      extracted.stake.map((s) => ({
        pool: s.pool,
        block_number: block.number,
        timestamp: block.timestamp,
        total_stake: s.totalStake.toString(),
        total_shares: s.totalShares.toString(),
      })),
    );
    for (let i = 0; i < stakeRows.length; i += CHUNK) {
      await tx
        .insertInto('stake')
        .values(stakeRows.slice(i, i + CHUNK))
        .onConflict((c) => c.doNothing())
        .execute();
    }
    // the carried state is small (pools, stakers, miners): rewrite it whole rather than track what changed
    await tx.deleteFrom('pool_state').execute();
    await tx.deleteFrom('staker_state').execute();
    await tx.deleteFrom('miner_state').execute();
    const pools = [...state.pools].map(([pool, p]) => ({
      pool,
      owner: p.owner,
      reward_acc: p.rewardAcc.toString(),
      owner_reward: p.ownerReward.toString(),
    }));
    const stakers = [...state.stakers].map(([key, shares]) => {
      const cut = key.indexOf(':');
      return { pool: Number(key.slice(0, cut)), account: key.slice(cut + 1), shares: shares.toString() };
    });
    const miners = [...state.miners].map(([miner, m]) => ({ miner, worker: m.worker, pool: m.pool }));
    for (let i = 0; i < pools.length; i += CHUNK)
      await tx
        .insertInto('pool_state')
        .values(pools.slice(i, i + CHUNK))
        .execute();
    for (let i = 0; i < stakers.length; i += CHUNK)
      await tx
        .insertInto('staker_state')
        .values(stakers.slice(i, i + CHUNK))
        .execute();
    for (let i = 0; i < miners.length; i += CHUNK)
      await tx
        .insertInto('miner_state')
        .values(miners.slice(i, i + CHUNK))
        .execute();
    const last = blocks[blocks.length - 1]!.block;
    await tx
      .insertInto('checkpoint')
      .values({ id: 1, block_number: last.number, block_hash: last.hash })
      .onConflict((c) => c.column('id').doUpdateSet({ block_number: last.number, block_hash: last.hash }))
      .execute();
  });
  return rows;
}
