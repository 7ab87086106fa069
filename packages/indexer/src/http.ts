import { createServer, type Server } from 'node:http';
import { IndexerError, InvalidArgumentError } from './errors.js';
import type { PendingView } from './ingest/bestBlocks.js';
import type { PendingFilter } from './open.js';
import {
  ENTRY_KINDS,
  type EntryKind,
  exportRecord,
  type History,
  pha12,
  type RewardPoint,
} from './query/history.js';

export interface ServeOptions {
  host?: string;
  /** 0 = a free port */
  port?: number;
}

export interface HistoryServer {
  server: Server;
  /** http://host:port */
  url: string;
  close(): Promise<void>;
}

const json = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

function filterOf(params: URLSearchParams) {
  const int = (name: string) => {
    const v = params.get(name);
    if (v === null) return undefined;
    if (!/^\d+$/.test(v)) throw new InvalidArgumentError(`${name}: a non-negative integer, not ${v}`);
    return Number(v);
  };
  const pool = int('pool');
  const limit = int('limit');
  const str = (name: string) => params.get(name) ?? undefined;
  const kinds = params.get('kind')?.split(',').filter(Boolean);
  for (const k of kinds ?? []) {
    if (!(ENTRY_KINDS as readonly string[]).includes(k))
      throw new InvalidArgumentError(`kind: unknown kind ${k}`);
  }
  return {
    ...(pool === undefined ? {} : { pool }),
    ...(str('worker') === undefined ? {} : { worker: str('worker') }),
    ...(str('staker') === undefined ? {} : { staker: str('staker') }),
    ...(str('from') === undefined ? {} : { from: str('from') }),
    ...(str('to') === undefined ? {} : { to: str('to') }),
    ...(limit === undefined ? {} : { limit }),
    ...(str('cursor') === undefined ? {} : { cursor: str('cursor') }),
    ...(kinds ? { kinds: kinds as EntryKind[] } : {}),
  };
}

/**
 * A read-only JSON API over a History:
 * `GET /rewards?pool=&worker=&staker=&from=&to=&by=block|day` → `{ items: [{ block?, date, timestamp, amount }] }`,
 * `GET /events?pool=&worker=&staker=&kind=a,b&from=&to=&limit=&cursor=` → `{ items, next }` (pass `next` as `cursor`),
 * `GET /apr?pool=&from=&to=` → AprResult (realized only), `GET /export.csv?…` → text/csv,
 * `GET /pending?pool=&worker=&staker=` → `{ persisted, best, blocks: [{ number, hash, finalized, entries }] }` (best
 * blocks above the database, from memory, while a live sync follows the node). Amounts are planck strings,
 * except `amount` in exports (PHA, 12 decimals). Anything but GET is 405; a bad parameter is 400 with `{ error, code }`.
 */
export async function serveHistory(
  history: History & { pending?: (filter: PendingFilter) => PendingView },
  options: ServeOptions = {},
): Promise<HistoryServer> {
  const server = createServer((req, res) => {
    const send = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type, 'access-control-allow-origin': '*' });
      res.end(body);
    };
    if (req.method !== 'GET')
      return send(405, json({ error: 'read-only API: GET only', code: 'MethodNotAllowed' }));
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handle = async () => {
      const f = filterOf(url.searchParams);
      switch (url.pathname) {
        case '/rewards': {
          const by = url.searchParams.get('by') ?? 'block';
          const items: RewardPoint[] = await history.rewards({ ...f, by: by as 'block' | 'day' });
          return send(200, json({ items }));
        }
        case '/events': {
          const page = await history.events(f);
          return send(
            200,
            json({
              items: page.items.map((e) => ({ ...exportRecord(e), timestamp: e.timestamp, seq: e.seq })),
              next: page.next ?? null,
            }),
          );
        }
        case '/apr': {
          if (f.pool === undefined) throw new InvalidArgumentError('pool is required');
          return send(200, json(await history.apr(f.pool, f)));
        }
        case '/pending': {
          // best blocks above the database, from memory: `finalized: false` ones may still be replaced by a reorg
          const view = history.pending?.({
            ...(f.pool === undefined ? {} : { pool: f.pool }),
            ...(f.worker === undefined ? {} : { worker: f.worker }),
            ...(f.staker === undefined ? {} : { staker: f.staker }),
          }) ?? { persisted: undefined, best: undefined, blocks: [] };
          return send(
            200,
            json({
              persisted: view.persisted ?? null,
              best: view.best ?? null,
              blocks: view.blocks.map((b) => ({
                ...b,
                date: new Date(b.timestamp).toISOString(),
                entries: b.entries.map((e) => ({ ...e, amountPlanck: e.amount, amount: pha12(e.amount) })),
              })),
            }),
          );
        }
        case '/export.csv':
          return send(200, await history.export(f, 'csv'), 'text/csv; charset=utf-8');
        default:
          return send(404, json({ error: `no such endpoint: ${url.pathname}`, code: 'NotFound' }));
      }
    };
    handle().catch((error: unknown) => {
      const status = error instanceof InvalidArgumentError ? 400 : 500;
      send(
        status,
        json({
          error: (error as Error).message,
          code: error instanceof IndexerError ? error.code : 'Internal',
        }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = options.host ?? '127.0.0.1';
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
