import { formatPha } from '@phala-mining/core';
import type { HistoryDb, SyncProgress } from '@phala-mining/indexer';
import { Command } from 'commander';
import { parsePid } from '../args.js';
import { UsageError } from '../errors.js';
import { dateText } from '../format.js';
import type { OutStream } from '../io.js';
import type { Action } from './action.js';

const DB_HELP = 'SQLite file (created if missing) or postgres://user@host/db';

function parseBlock(text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`--from must be a block number, got ${JSON.stringify(text)}`);
  return Number(text);
}

function parseListen(text: string): { host: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(text);
  if (!m || Number(m[2]) > 65535)
    throw new UsageError(`--listen must be HOST:PORT, got ${JSON.stringify(text)}`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

/** Backfill progress on stderr: one line rewritten in place on a terminal, at most one line a second otherwise. */
function progressPrinter(err: OutStream): (p: SyncProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (!err.isTTY && now - last < 1000 && p.block < p.target) return;
    last = now;
    const pct = p.target > 0 ? Math.floor((p.block / p.target) * 100) : 100;
    const eta = p.etaSeconds === undefined ? '?' : `${Math.ceil(p.etaSeconds)} s`;
    const line = `#${p.block}/${p.target} ${pct}%  ${p.blocksPerSecond.toFixed(1)} blocks/s  ETA ${eta}  ${p.rows} rows`;
    err.write(err.isTTY ? `\r\u001b[2K${line}` : `${line}\n`);
  };
}

async function withHistory<T>(db: string, readonly: boolean, body: (h: HistoryDb) => Promise<T>): Promise<T> {
  // loaded on use: the indexer brings native SQLite and the pg driver, which no other command needs at start-up
  const { openHistory } = await import('@phala-mining/indexer');
  const history = await openHistory({ db, readonly });
  try {
    return await body(history);
  } finally {
    await history.close();
  }
}

/** `phala-mining history …`: index rewards and pool events into SQLite/PostgreSQL and read them back. */
export function historyCommand(action: Action): Command {
  const history = new Command('history').description(
    'rewards, stake and pool events over time, indexed from the chain into SQLite or PostgreSQL',
  );
  history
    .command('sync')
    .description('index finalized blocks into the database, then follow new ones (resumes where it stopped)')
    .requiredOption('--db <path|url>', DB_HELP)
    .option('--from <block>', 'first block when the database is empty (default 0: from genesis)')
    .option('--until-head', 'exit once caught up with the finalized head')
    .option('--batch <blocks>', 'blocks per database transaction', '100')
    .action(
      action(async (s, opts: { db: string; from?: string; untilHead?: boolean; batch: string }) => {
        const batchSize = Number(opts.batch);
        if (!Number.isInteger(batchSize) || batchSize < 1)
          throw new UsageError('--batch must be a positive integer');
        const from = opts.from === undefined ? undefined : parseBlock(opts.from);
        const client = await s.client();
        const controller = new AbortController();
        const release = s.io.onInterrupt?.(() => controller.abort());
        try {
          const result = await withHistory(opts.db, false, (h) =>
            h.sync(client.api, {
              ...(from === undefined ? {} : { from }),
              untilHead: opts.untilHead === true,
              batchSize,
              signal: controller.signal,
              ...(s.quiet ? {} : { onProgress: progressPrinter(s.io.stderr) }),
            }),
          );
          if (!s.quiet && s.io.stderr.isTTY) s.io.stderr.write('\n');
          s.print(
            () => `indexed up to block #${result.block} (${result.rows} new rows)`,
            () => result,
          );
        } finally {
          release?.();
        }
      }),
    );
  history
    .command('rewards')
    .description('rewards of a pool (or one worker or staker of it) by block or by UTC day')
    .requiredOption('--db <path|url>', DB_HELP)
    .requiredOption('--pool <pid>', 'pool id')
    .option('--worker <pubkey>', "one worker's payouts")
    .option('--staker <address>', "one staker's rewards")
    .option('--by <unit>', 'block or day', 'block')
    .option('--from <date>', 'UTC date/time, inclusive')
    .option('--to <date>', 'UTC date/time, exclusive')
    .option('--csv', 'the matching entries as CSV (date,block,pool,worker,account,kind,amount)')
    .action(
      action(async (s, opts: Record<string, string | boolean | undefined>) => {
        const pool = Number(parsePid(String(opts.pool)));
        const by = opts.by === 'day' ? 'day' : opts.by === 'block' ? 'block' : undefined;
        if (!by) throw new UsageError(`--by must be block or day, got ${JSON.stringify(opts.by)}`);
        const filter = {
          pool,
          ...(typeof opts.worker === 'string' ? { worker: opts.worker } : {}),
          ...(typeof opts.staker === 'string' ? { staker: opts.staker } : {}),
          ...(typeof opts.from === 'string' ? { from: opts.from } : {}),
          ...(typeof opts.to === 'string' ? { to: opts.to } : {}),
        };
        await withHistory(String(opts.db), true, async (h) => {
          if (opts.csv) {
            const kinds = filter.worker
              ? ['worker-payout' as const]
              : filter.staker
                ? ['staker-reward' as const, 'owner-reward' as const]
                : ['pool-reward' as const];
            s.io.stdout.write(await h.export({ ...filter, kinds }, 'csv'));
            return;
          }
          const points = await h.rewards({ ...filter, by });
          s.print(
            () =>
              points
                .map(
                  (p) =>
                    `${by === 'day' ? p.date : `#${p.block} ${dateText(BigInt(Math.floor(p.timestamp / 1000)))}`}  ${formatPha(p.amount)} PHA`,
                )
                .join('\n') || 'no rewards in range',
            () => points,
          );
        });
      }),
    );
  history
    .command('events')
    .description(
      "a pool's events in chain order: settlements, rewards, stake, withdrawals, claims, workers, settings",
    )
    .requiredOption('--db <path|url>', DB_HELP)
    .requiredOption('--pool <pid>', 'pool id')
    .option('--kind <kinds>', 'comma-separated kinds, e.g. contribution,withdrawal')
    .option('--csv', 'as CSV')
    .action(
      action(async (s, opts: { db: string; pool: string; kind?: string; csv?: boolean }) => {
        const pool = Number(parsePid(opts.pool));
        const kinds = opts.kind?.split(',').filter(Boolean) as never;
        await withHistory(opts.db, true, async (h) => {
          if (opts.csv) {
            s.io.stdout.write(await h.export({ pool, ...(kinds ? { kinds } : {}) }, 'csv'));
            return;
          }
          const events = await h.allEvents({ pool, ...(kinds ? { kinds } : {}) });
          s.print(
            () =>
              events
                .map(
                  (e) =>
                    `#${e.block} ${e.date} ${e.kind}${e.worker ? ` ${e.worker}` : ''}${e.account ? ` ${e.account}` : ''}${e.amount ? ` ${formatPha(e.amount)} PHA` : ''}`,
                )
                .join('\n') || 'no events',
            () => events,
          );
        });
      }),
    );
  history
    .command('serve')
    .description('a read-only HTTP JSON API over the database (/rewards, /events, /apr, /export.csv)')
    .requiredOption('--db <path|url>', DB_HELP)
    .option('--listen <host:port>', 'address to listen on (port 0: any free port)', '127.0.0.1:8080')
    .action(
      action(async (s, opts: { db: string; listen: string }) => {
        const { host, port } = parseListen(opts.listen);
        await withHistory(opts.db, true, async (h) => {
          const { serveHistory } = await import('@phala-mining/indexer');
          const server = await serveHistory(h, { host, port });
          s.io.stderr.write(`serving ${opts.db} on ${server.url}\n`);
          await new Promise<void>((resolve) => {
            const release = s.io.onInterrupt?.(() => {
              release?.();
              resolve();
            });
          });
          await server.close();
        });
      }),
    );
  return history;
}
