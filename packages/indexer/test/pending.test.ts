import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChainTest } from '@phala-mining/testing/vitest';
import { afterAll, expect } from 'vitest';
import { openHistory, serveHistory } from '../src/index.js';
import { BestBlocks, cloneState } from '../src/ingest/bestBlocks.js';
import { ChainSource } from '../src/ingest/chain.js';
import type { IndexState } from '../src/ingest/extract.js';
import { Indexer } from '../src/ingest/indexer.js';
import { type Checkpoint, loadCheckpoint, loadState } from '../src/ingest/persist.js';
import { type OpenedDb, openDb } from '../src/store/open.js';
import { ARCHIVE, PHA } from './scenario.js';

type Codec = any;
let opened: OpenedDb;
let source: ChainSource;
let base: Checkpoint;
let state: IndexState;
const dir = mkdtempSync(join(tmpdir(), 'phala-pending-'));

/**
 * The testing package's chain fixture (an archive dev chain, one per file) with a pool Bob staked in, and a database
 * indexed up to there: the file's tests read it from `opened`, `source`, `base` and `state`.
 */
const test = createChainTest({ devchain: ARCHIVE }).extend<{ indexed: true }>({
  indexed: [
    async ({ fileChain: chain }, use) => {
      const { alice, bob } = chain.accounts;
      const tx: Codec = chain.api.tx.phalaStakePool;
      await chain.sendTx(tx.create(), alice);
      await chain.sendTx(tx.contribute(0, 1000n * PHA), bob);
      // the database holds everything up to here
      opened = await openDb(join(dir, 'pending.db'));
      try {
        source = ChainSource.fromApi(chain.api);
        await new Indexer(opened.db, source).sync({ untilHead: true });
        base = (await loadCheckpoint(opened.db))!;
        state = await loadState(opened.db);
        await use(true);
      } finally {
        await opened.close();
      }
    },
    { scope: 'file', auto: true },
  ],
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entriesAbove = async (n: number) =>
  Number(
    (
      await opened.db
        .selectFrom('entries')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('block_number', '>', n)
        .executeTakeFirstOrThrow()
    ).n,
  );

test('keeps best blocks above the database in memory and replaces them when the node switches forks', async ({
  chain,
}) => {
  const { bob, charlie } = chain.accounts;
  const tx: Codec = chain.api.tx.phalaStakePool;
  const before = cloneState(state);
  const fork = await chain.snapshot();

  // fork A: Bob adds 100 PHA, then an empty block
  await chain.sendTx(tx.contribute(0, 100n * PHA), bob);
  const bestA = await chain.newBlocks(1);
  const best = new BestBlocks();
  const a = await best.update(source, bestA, base, state, base.number);
  expect(a.persisted).toBe(base.number);
  expect(a.blocks.map((b) => b.number)).toEqual([base.number + 1, base.number + 2]);
  expect(a.blocks.every((b) => !b.finalized)).toBe(true);
  const contribution = a.blocks[0]!.entries.find((e) => e.kind === 'contribution');
  expect(contribution).toMatchObject({ pool: 0, account: bob.address, amount: 100n * PHA });
  expect(a.blocks[0]!.parentHash).toBe(base.hash);

  // the node goes back to the fork point and builds fork B: Charlie adds 200 PHA instead
  await chain.revert(fork);
  await chain.sendTx(tx.contribute(0, 200n * PHA), charlie);
  const bestB = (await chain.api.rpc.chain.getBlockHash()).toHex();
  const b = await best.update(source, bestB, base, state, base.number);
  expect(b.blocks.map((x) => x.hash)).toEqual([bestB]);
  expect(b.blocks.some((x) => a.blocks.some((y) => y.hash === x.hash))).toBe(false);
  const entries = b.blocks.flatMap((x) => x.entries);
  expect(entries.filter((e) => e.kind === 'contribution').map((e) => [e.account, e.amount])).toEqual([
    [charlie.address, 200n * PHA],
  ]);

  // nothing of either fork reached the database, and the state it is written with did not move
  expect(await entriesAbove(base.number)).toBe(0);
  expect(state).toEqual(before);

  // once the database has the block, it is no longer pending
  const caughtUp = await best.update(
    source,
    bestB,
    { number: base.number + 1, hash: bestB },
    state,
    base.number + 1,
  );
  expect(caughtUp.blocks).toEqual([]);
});

test('a live sync follows best heads; GET /pending serves them with the database’s last block', async ({
  chain,
}) => {
  const history = await openHistory({ db: join(dir, 'live.db') });
  const api = await serveHistory(history, { port: 0 });
  const stop = new AbortController();
  const syncing = history.sync(chain.api, { signal: stop.signal });
  try {
    const head = (await chain.api.rpc.chain.getHeader()).number.toNumber();
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${api.url}/pending?pool=0`)).json()) as { persisted: number }).persisted,
        {
          timeout: 30_000,
        },
      )
      .toBe(head);
    const body = await (await fetch(`${api.url}/pending?pool=0`)).json();
    // the dev chain finalizes every block at once: once persisted, nothing is pending
    expect(body).toMatchObject({ persisted: head, best: head, blocks: [] });
    const bad = await fetch(`${api.url}/pending?pool=x`);
    expect(bad.status).toBe(400);
  } finally {
    stop.abort();
    await syncing;
    await api.close();
    await history.close();
  }
});
