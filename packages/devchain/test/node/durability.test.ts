/**
 * `--db`: the chain survives SIGKILL at any moment with every block a client saw, and damaged or foreign files
 * are refused with one line saying what is wrong — never silently replaced by a new chain.
 */
import { copyFile, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, stopCli } from '../helpers/cli.js';
import { mulberry32 } from '../helpers/random.js';
import { RpcClient } from './rpcClient.js';

/** twox128("Timestamp") ++ twox128("Now") */
const TIMESTAMP_NOW = '0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'devchain-db-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `check` on every item, 32 at a time: by the last rounds thousands of blocks are checked, three calls each. */
async function inChunks<T>(items: T[], check: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 32) await Promise.all(items.slice(i, i + 32).map(check));
}

describe('--db under SIGKILL', () => {
  // DEVCHAIN_KILL_SEED draws a run's kill delays again: the seed is printed, and named in every failure
  const seed = Number(process.env.DEVCHAIN_KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
  it('keeps every block a client saw across 20 kills at random moments, with its state', async () => {
    console.log(`durability: kill seed ${seed} (DEVCHAIN_KILL_SEED=${seed} draws the same kill delays)`);
    const random = mulberry32(seed);
    const file = join(dir, 'kills.db');
    /** every block hash a client was given, with the time its state holds ('' when the kill came first) */
    const seen = new Map<string, string>();
    let genesis: string | undefined;
    for (let round = 0; round <= 20; round++) {
      const node = await startCli(['--port', '0', '--db', file, '--block-mode', 'manual']);
      const client = await RpcClient.connect(node.endpoint);
      genesis ??= await client.call<string>('chain_getBlockHash', [0]);
      expect(await client.call('chain_getBlockHash', [0])).toBe(genesis);
      // everything seen before this restart is still there, canonical, with the same state
      const head = await client.call<{ number: string }>('chain_getHeader');
      const headNumber = Number.parseInt(head.number, 16);
      await inChunks([...seen], async ([hash, now]) => {
        const header = await client.call<{ number: string } | null>('chain_getHeader', [hash]);
        expect(header, `block ${hash} lost after kill ${round} (seed ${seed})`).not.toBeNull();
        const number = Number.parseInt(header!.number, 16);
        expect(await client.call('chain_getBlockHash', [number]), `seed ${seed}`).toBe(hash);
        if (now && headNumber - number < 200)
          expect(await client.call('state_getStorage', [TIMESTAMP_NOW, hash]), `seed ${seed}`).toBe(now);
      });
      if (round === 20) {
        await node.waitFor(/restored at block #\d+/);
        await client.close();
        expect(await stopCli(node.child, 'SIGTERM')).toBe(0);
        break;
      }
      await node.waitFor(round === 0 ? /\(new chain\)/ : /restored at block #/);
      // produce blocks until killed at a random moment: 0–400 ms after the round's first block was answered, so
      // that every round adds to what the next must keep however slow the machine (a kill during the first block
      // is the same as one during any later block: a block being written)
      const delay = random() * 400;
      let killed = false;
      let firstAnswered!: () => void;
      const answered = new Promise<void>((resolve) => {
        firstAnswered = resolve;
      });
      // a call in flight at the kill never answers: the loop is left behind, only what was answered counts
      void (async () => {
        while (!killed) {
          const hash = await client.call<string>('dev_newBlock');
          if (killed) break;
          seen.set(hash, '');
          firstAnswered();
          const now = await client.call<string>('state_getStorage', [TIMESTAMP_NOW, hash]);
          if (!killed) seen.set(hash, now);
        }
      })().catch(() => undefined);
      await answered;
      await new Promise((resolve) => setTimeout(resolve, delay));
      await stopCli(node.child, 'SIGKILL');
      killed = true;
      client.ws.terminate();
    }
    // at least one block a round (see above)
    expect(seen.size, `seed ${seed}`).toBeGreaterThanOrEqual(20);
    // 21 starts of the CLI from source: ~2.5 s each here, 5–10 s on a loaded machine (most of the test's time)
  }, 420_000);
});

describe('--db refuses what is not its chain', () => {
  async function refusal(args: string[]): Promise<string> {
    const error = await startCli(['--port', '0', ...args]).then(
      async (node) => {
        await stopCli(node.child, 'SIGKILL');
        throw new Error(`started: ${node.output()}`);
      },
      (e: Error) => e.message,
    );
    expect(error).toMatch(/^exited with 1: /);
    return error;
  }

  it("a file that is not SQLite, another program's database, another genesis, a damaged file", async () => {
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'these are my notes, not a chain\n'.repeat(200));
    expect(await refusal(['--db', text])).toMatch(/notes\.txt is not a usable SQLite database/);

    const other = join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE recipes (name TEXT)');
    db.close();
    expect(await refusal(['--db', other])).toMatch(
      /other\.db is a SQLite database of something else \(tables: recipes\)/,
    );

    const chain = join(dir, 'chain.db');
    const node = await startCli(['--port', '0', '--db', chain, '--genesis-timestamp', '1700000004000']);
    const client = await RpcClient.connect(node.endpoint);
    await client.call('dev_newBlock', [{ count: 3 }]);
    await client.close();
    expect(await stopCli(node.child, 'SIGTERM')).toBe(0);
    expect(await refusal(['--db', chain, '--production'])).toMatch(
      /chain\.db belongs to a chain with genesis 0x[0-9a-f]{64}/,
    );

    const damaged = join(dir, 'damaged.db');
    await copyFile(chain, damaged);
    await truncate(damaged, 4096 + 100);
    expect(await refusal(['--db', damaged])).toMatch(/damaged\.db(: | is not a usable SQLite database)/);

    // the refusals changed nothing: the real file still restores
    const again = await startCli(['--port', '0', '--db', chain]);
    await again.waitFor(/restored at block #3/);
    expect(await stopCli(again.child, 'SIGTERM')).toBe(0);
    // six starts of the CLI (see above)
  }, 180_000);

  it('--state and --db together are refused, and --db-check without --db', async () => {
    expect(await refusal(['--db', join(dir, 'a.db'), '--state', join(dir, 'a.json')])).toMatch(
      /either a state file .* or a database/,
    );
    expect(await refusal(['--db-check'])).toMatch(
      /--db-check\) reads the file given with --db, and there is none/,
    );
  });
});

describe('--state files damaged but parseable', () => {
  it('each is refused with what is wrong, and the file is left as it was', async () => {
    const file = join(dir, 'good.json');
    const node = await startCli(['--port', '0', '--state', file, '--block-mode', 'manual']);
    const client = await RpcClient.connect(node.endpoint);
    await client.call('dev_newBlock', [{ count: 2 }]);
    await client.close();
    expect(await stopCli(node.child, 'SIGTERM')).toBe(0);
    const good = JSON.parse(await (await import('node:fs/promises')).readFile(file, 'utf8'));
    const cases: Array<[string, (d: any) => void, RegExp]> = [
      ['empty state', (d) => (d.headState = []), /headState is empty/],
      ['bad hex', (d) => (d.headState[0][1] = 'zz'), /headState\[0\] value is not hex bytes/],
      ['no header', (d) => (d.blocks[1].header = null), /blocks\[1\]\.header is missing/],
      [
        'bad time travel',
        (d) => (d.timeTravelTarget = 'tomorrow'),
        /timeTravelTarget "tomorrow" is not unix milliseconds/,
      ],
    ];
    for (const [name, damage, message] of cases) {
      const copy = structuredClone(good);
      damage(copy);
      const path = join(dir, `${name.replace(/ /g, '-')}.json`);
      const text = JSON.stringify(copy);
      await writeFile(path, text);
      const error = await startCli(['--port', '0', '--state', path]).then(
        async (n) => {
          await stopCli(n.child, 'SIGKILL');
          return `started: ${n.output()}`;
        },
        (e: Error) => e.message,
      );
      expect(error, name).toMatch(message);
      expect(await (await import('node:fs/promises')).readFile(path, 'utf8')).toBe(text);
    }
    // five starts of the CLI
  }, 180_000);
});
