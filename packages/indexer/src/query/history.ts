import { estimateApr, formatPha, type MiningClient } from '@phala-mining/core';
import { firstValueFrom } from 'rxjs';
import { InvalidArgumentError } from '../errors.js';
import type { Db } from '../store/schema.js';

/** Every `kind` the indexer writes. */
export const ENTRY_KINDS = [
  'worker-payout',
  'pool-reward',
  'owner-reward',
  'staker-reward',
  'claim',
  'contribution',
  'withdrawal',
  'withdrawal-queued',
  'commission-set',
  'cap-set',
  'pool-created',
  'worker-added',
  'worker-removed',
  'worker-started',
  'worker-stopped',
  'worker-reclaimed',
  'worker-unresponsive',
  'worker-recovered',
  'forced-stop',
  'settlement-dropped',
  'slash',
  'dust',
  'reward-dismissed',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** A time bound: a Date, ms since the epoch, or an ISO date/time string (UTC). */
export type TimeBound = Date | number | string;

export interface HistoryFilter {
  pool?: number;
  worker?: string;
  /** a staker's (or owner's) SS58 address */
  staker?: string;
  from?: TimeBound;
  to?: TimeBound;
}

export interface RewardsQuery extends HistoryFilter {
  by?: 'block' | 'day';
}

export interface RewardPoint {
  /** block number (by block) */
  block?: number;
  /** UTC day YYYY-MM-DD */
  date: string;
  /** ms, the block's time (by block) or the day's start (by day) */
  timestamp: number;
  /** planck */
  amount: bigint;
}

export interface EventsQuery extends HistoryFilter {
  kinds?: readonly EntryKind[];
  /** page size, default 100, at most 1000 */
  limit?: number;
  /** the `next` of the previous page */
  cursor?: string;
}

export interface HistoryEntry {
  block: number;
  blockHash: string;
  seq: number;
  timestamp: number;
  date: string;
  kind: EntryKind;
  pool: number | null;
  worker: string | null;
  account: string | null;
  /** planck */
  amount: bigint;
  detail: Record<string, unknown> | null;
}

export interface AprResult {
  /** stakers' reward ÷ time-weighted total stake, annualised; undefined without stake in the range */
  realized: number | undefined;
  /** the SDK's estimate (core's estimateApr) from the live chain, when a MiningClient was given */
  projected: number | undefined;
  /** planck paid to stakers in the range */
  stakerReward: bigint;
  /** planck · ms ÷ ms: the average total stake over the part of the range in which the pool had stake */
  averageStake: bigint;
  from: number;
  to: number;
}

export const CSV_COLUMNS = ['date', 'block', 'pool', 'worker', 'account', 'kind', 'amount'] as const;
const YEAR_MS = 365 * 24 * 3600 * 1000;

function toMs(bound: TimeBound | undefined, name: string): number | undefined {
  if (bound === undefined) return undefined;
  const ms = bound instanceof Date ? bound.getTime() : typeof bound === 'number' ? bound : Date.parse(bound);
  if (!Number.isFinite(ms)) throw new InvalidArgumentError(`${name}: not a date or time: ${String(bound)}`);
  return ms;
}

/** The read side: rewards, events, APR and exports from an indexed database. */
export class History {
  constructor(private readonly db: Db) {}

  private filtered(filter: HistoryFilter, kinds?: readonly string[]) {
    const from = toMs(filter.from, 'from');
    const to = toMs(filter.to, 'to');
    let q = this.db.selectFrom('entries').selectAll();
    if (filter.pool !== undefined) q = q.where('pool', '=', filter.pool);
    if (filter.worker !== undefined) q = q.where('worker', '=', filter.worker);
    if (filter.staker !== undefined) q = q.where('account', '=', filter.staker);
    if (from !== undefined) q = q.where('timestamp', '>=', from);
    if (to !== undefined) q = q.where('timestamp', '<', to);
    if (kinds && kinds.length > 0) q = q.where('kind', 'in', kinds);
    return q;
  }

  /**
   * Rewards by block or by UTC day. The kind summed follows the filter: a worker's `worker-payout`s (what its miner's
   * `stats.total_reward` counts), a staker's `staker-reward`s and `owner-reward`s, else a pool's `pool-reward`s (the
   * commission plus the stakers' part of each settlement).
   */
  async rewards(query: RewardsQuery = {}): Promise<RewardPoint[]> {
    const by = query.by ?? 'block';
    if (by !== 'block' && by !== 'day')
      throw new InvalidArgumentError(`by: 'block' or 'day', not ${String(by)}`);
    const kinds =
      query.worker !== undefined
        ? ['worker-payout']
        : query.staker !== undefined
          ? ['staker-reward', 'owner-reward']
          : ['pool-reward'];
    const rows = await this.filtered(query, kinds)
      .select(['block_number', 'timestamp', 'day', 'amount'])
      .orderBy('block_number')
      .orderBy('seq')
      .execute();
    const points = new Map<string, RewardPoint>();
    for (const r of rows) {
      const key = by === 'day' ? r.day : String(r.block_number);
      const point = points.get(key);
      if (point) point.amount += BigInt(r.amount);
      else
        points.set(key, {
          ...(by === 'block' ? { block: Number(r.block_number) } : {}),
          date: r.day,
          timestamp: by === 'day' ? Date.parse(`${r.day}T00:00:00Z`) : Number(r.timestamp),
          amount: BigInt(r.amount),
        });
    }
    return [...points.values()];
  }

  /** A pool's total stake and shares after every block that changed them (stake over time). */
  async stake(
    pool: number,
    range: { from?: TimeBound; to?: TimeBound } = {},
  ): Promise<{ block: number; timestamp: number; totalStake: bigint; totalShares: bigint }[]> {
    const from = toMs(range.from, 'from');
    const to = toMs(range.to, 'to');
    let q = this.db.selectFrom('stake').selectAll().where('pool', '=', pool);
    if (from !== undefined) q = q.where('timestamp', '>=', from);
    if (to !== undefined) q = q.where('timestamp', '<', to);
    const rows = await q.orderBy('block_number').execute();
    return rows.map((r) => ({
      block: Number(r.block_number),
      timestamp: Number(r.timestamp),
      totalStake: BigInt(r.total_stake),
      totalShares: BigInt(r.total_shares),
    }));
  }

  /** Events in chain order, a page at a time (`next` is undefined on the last page). */
  async events(query: EventsQuery = {}): Promise<{ items: HistoryEntry[]; next: string | undefined }> {
    const limit = Math.min(1000, Math.max(1, query.limit ?? 100));
    let q = this.filtered(query, query.kinds);
    if (query.cursor !== undefined) {
      const m = /^(\d+):(\d+)$/.exec(query.cursor);
      if (!m) throw new InvalidArgumentError(`cursor: not a cursor from a previous page: ${query.cursor}`);
      const [block, seq] = [Number(m[1]), Number(m[2])];
      q = q.where((eb) =>
        eb.or([
          eb('block_number', '>', block),
          eb.and([eb('block_number', '=', block), eb('seq', '>', seq)]),
        ]),
      );
    }
    const rows = await q
      .orderBy('block_number')
      .orderBy('seq')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map(
      (r): HistoryEntry => ({
        block: Number(r.block_number),
        blockHash: r.block_hash,
        seq: r.seq,
        timestamp: Number(r.timestamp),
        date: new Date(Number(r.timestamp)).toISOString(),
        kind: r.kind as EntryKind,
        pool: r.pool === null ? null : Number(r.pool),
        worker: r.worker,
        account: r.account,
        amount: BigInt(r.amount),
        detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
      }),
    );
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last ? `${last.block}:${last.seq}` : undefined };
  }

  /** Every entry matching the filter (all pages). */
  async allEvents(query: Omit<EventsQuery, 'cursor' | 'limit'> = {}): Promise<HistoryEntry[]> {
    const out: HistoryEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.events({ ...query, limit: 1000, ...(cursor ? { cursor } : {}) });
      out.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return out;
  }

  /**
   * Realized APR: what the stakers got (pool rewards minus commission) over the time-weighted total stake,
   * annualised; beside it the SDK's projected APR when `client` is given (live state, so it describes now).
   */
  async apr(
    pool: number,
    range: { from?: TimeBound; to?: TimeBound } = {},
    client?: MiningClient,
  ): Promise<AprResult> {
    const lastBlock = await this.db
      .selectFrom('blocks')
      .select('timestamp')
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    const from = toMs(range.from, 'from') ?? 0;
    const to = toMs(range.to, 'to') ?? (lastBlock ? Number(lastBlock.timestamp) : Date.now());
    // a settlement pays for the time before it: the one at `to` counts, the one at `from` belongs to the range
    // before (the stake-time below is [from, to], so a [from, to) sum left out the last settlement's reward)
    const rewards = await this.db
      .selectFrom('entries')
      .select(['kind', 'amount'])
      .where('pool', '=', pool)
      .where('kind', 'in', ['pool-reward', 'owner-reward'])
      .where('timestamp', '>', from)
      .where('timestamp', '<=', to)
      .execute();
    let stakerReward = 0n;
    for (const r of rewards) stakerReward += r.kind === 'pool-reward' ? BigInt(r.amount) : -BigInt(r.amount);
    // the stake in force at `from` is the last change before it
    const before = await this.db
      .selectFrom('stake')
      .select(['timestamp', 'total_stake'])
      .where('pool', '=', pool)
      .where('timestamp', '<', from)
      .orderBy('block_number', 'desc')
      .limit(1)
      .executeTakeFirst();
    const changes = await this.db
      .selectFrom('stake')
      .select(['timestamp', 'total_stake'])
      .where('pool', '=', pool)
      .where('timestamp', '>=', from)
      .where('timestamp', '<', to)
      .orderBy('block_number')
      .execute();
    let stakeTime = 0n;
    let current = before ? BigInt(before.total_stake) : 0n;
    let since = before ? from : changes[0] ? Number(changes[0].timestamp) : to;
    // the average is over the time the pool had stake in the range, not from `from` (default: 1970)
    const staked = since;
    for (const c of changes) {
      const t = Number(c.timestamp);
      stakeTime += current * BigInt(Math.max(0, t - since));
      current = BigInt(c.total_stake);
      since = t;
    }
    stakeTime += current * BigInt(Math.max(0, to - since));
    const span = to - staked;
    const averageStake = span > 0 ? stakeTime / BigInt(span) : 0n;
    const realized = stakeTime > 0n ? (Number(stakerReward) * YEAR_MS) / Number(stakeTime) : undefined;
    let projected: number | undefined;
    if (client) {
      const [info, workers, tokenomics] = await Promise.all([
        firstValueFrom(client.pool$(pool)),
        firstValueFrom(client.workers$(pool)),
        firstValueFrom(client.tokenomics$()),
      ]);
      if (info && tokenomics.params) projected = estimateApr(info, workers, tokenomics.params);
    }
    return { realized, projected, stakerReward, averageStake, from, to };
  }

  /**
   * The entries as CSV (header `date,block,pool,worker,account,kind,amount`; date ISO 8601 UTC; amount in PHA with
   * 12 decimals, exact) or JSON (an array of the same columns plus `blockHash`, `amountPlanck` and `detail`).
   */
  async export(query: Omit<EventsQuery, 'cursor' | 'limit'>, format: 'csv' | 'json'): Promise<string> {
    const entries = await this.allEvents(query);
    if (format === 'json') return JSON.stringify(entries.map(exportRecord));
    if (format !== 'csv') throw new InvalidArgumentError(`format: 'csv' or 'json', not ${String(format)}`);
    const lines = [CSV_COLUMNS.join(',')];
    for (const e of entries) {
      const r = exportRecord(e);
      lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
    }
    return `${lines.join('\n')}\n`;
  }
}

/** PHA with exactly 12 decimals: sums in a spreadsheet stay exact to the planck. */
export function pha12(planck: bigint): string {
  const text = formatPha(planck);
  const [whole, frac = ''] = text.split('.');
  return `${whole}.${frac.padEnd(12, '0')}`;
}

export function exportRecord(e: HistoryEntry) {
  return {
    date: e.date,
    block: e.block,
    blockHash: e.blockHash,
    pool: e.pool,
    worker: e.worker,
    account: e.account,
    kind: e.kind,
    amount: pha12(e.amount),
    amountPlanck: e.amount.toString(),
    detail: e.detail,
  };
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
