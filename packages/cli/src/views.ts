import type {
  Overview,
  PoolInfo,
  QueuedWithdrawal,
  StakeView,
  TokenomicsView,
  WorkerView,
} from '@phala-mining/core';
import { descriptionFields } from './description.js';
import {
  dateText,
  formatDuration,
  percentText,
  phaText,
  renderFields,
  renderTable,
  shortKey,
} from './format.js';

/** Keys shown whole (for copying) or abbreviated (narrow live views). */
export type KeyStyle = 'full' | 'short';

const key = (k: string, style: KeyStyle) => (style === 'full' ? k : shortKey(k));

/** The Stakepool List fields of one pool. */
export function poolFields(pool: PoolInfo): [string, string][] {
  return [
    ['Owner', pool.owner],
    ['Payout (commission)', percentText(pool.commission)],
    ['Cap', pool.cap === undefined ? 'unlimited' : phaText(pool.cap)],
    ['Total stake', phaText(pool.totalStake)],
    ['Free stake', phaText(pool.freeStake)],
    ['Releasing stake', phaText(pool.releasingStake)],
    ['Total shares', phaText(pool.totalShares).replace(/ PHA$/, '')],
    ['Owner reward', phaText(pool.ownerReward)],
    [
      'Whitelist',
      pool.whitelist === undefined ? 'none (anyone may contribute)' : `${pool.whitelist.length} account(s)`,
    ],
    ...descriptionFields(pool.description),
  ];
}

/** The pool's fields as an indented block under a title. */
export function renderPool(pool: PoolInfo): string {
  const lines = [`Pool ${pool.pid}`, renderFields(poolFields(pool))];
  if (pool.whitelist?.length) lines.push('  Whitelisted:', ...pool.whitelist.map((a) => `    ${a}`));
  return lines.join('\n');
}

function cooldownText(w: WorkerView): string {
  if (w.state !== 'CoolingDown') return '';
  return w.reclaimable ? 'reclaimable' : formatDuration(w.cooldownRemaining ?? 0n);
}

/** The Worker List. */
export function renderWorkers(workers: readonly WorkerView[], style: KeyStyle = 'full'): string {
  if (workers.length === 0) return '  (no workers)';
  return renderTable(
    [
      'WORKER',
      'STATE',
      { header: 'STAKE', align: 'right' },
      { header: 'CORES', align: 'right' },
      { header: 'P', align: 'right' },
      { header: 'SMIN', align: 'right' },
      { header: 'SMAX', align: 'right' },
      { header: 'TOTAL REWARD', align: 'right' },
      'COOLDOWN',
    ],
    workers.map((w) => [
      key(w.pubkey, style),
      w.state,
      phaText(w.stake),
      w.cores === undefined ? '—' : String(w.cores),
      w.initialScore === undefined ? '—' : String(w.initialScore),
      phaText(w.smin),
      phaText(w.smax),
      phaText(w.totalReward),
      cooldownText(w),
    ]),
  );
}

/** The Withdraw Queue, in issue order. */
export function renderQueue(queue: readonly QueuedWithdrawal[], style: KeyStyle = 'full'): string {
  if (queue.length === 0) return '  (empty)';
  return renderTable(
    [
      'STAKER',
      { header: 'SHARES', align: 'right' },
      { header: 'VALUE', align: 'right' },
      'COUNTDOWN',
      'LATEST PAYOUT',
    ],
    queue.map((q) => [
      key(q.user, style),
      phaText(q.shares).replace(/ PHA$/, ''),
      phaText(q.value),
      q.countdown > 0n ? formatDuration(q.countdown) : 'overdue: workers stop',
      dateText(q.latestCompletion),
    ]),
  );
}

/** A whole pool: fields, workers, queue. */
export function renderPoolDetails(
  pool: PoolInfo,
  workers: readonly WorkerView[],
  queue: readonly QueuedWithdrawal[],
  style: KeyStyle = 'full',
): string {
  return [
    renderPool(pool),
    '',
    `Workers (${workers.length})`,
    renderWorkers(workers, style),
    '',
    `Withdraw queue (${queue.length})`,
    renderQueue(queue, style),
  ].join('\n');
}

/** The Stakepool List. */
export function renderPoolList(pools: readonly PoolInfo[]): string {
  if (pools.length === 0) return 'no pools';
  return renderTable(
    [
      { header: 'PID', align: 'right' },
      'OWNER',
      { header: 'PAYOUT', align: 'right' },
      { header: 'CAP', align: 'right' },
      { header: 'TOTAL STAKE', align: 'right' },
      { header: 'FREE STAKE', align: 'right' },
      { header: 'RELEASING', align: 'right' },
      { header: 'OWNER REWARD', align: 'right' },
      { header: 'WORKERS', align: 'right' },
    ],
    pools.map((p) => [
      String(p.pid),
      shortKey(p.owner),
      percentText(p.commission),
      p.cap === undefined ? 'unlimited' : phaText(p.cap),
      phaText(p.totalStake),
      phaText(p.freeStake),
      phaText(p.releasingStake),
      phaText(p.ownerReward),
      String(p.workers.length),
    ]),
  );
}

/** "Your Stake Info". */
export function renderStake(stake: StakeView): string {
  const fields: [string, string][] = [
    ['Locked', phaText(stake.locked)],
    ['Shares', phaText(stake.shares).replace(/ PHA$/, '')],
    ['Value', phaText(stake.value)],
    ['Claimable rewards', phaText(stake.claimableRewards)],
  ];
  if (stake.ownerReward > 0n) fields.push(['Owner reward', phaText(stake.ownerReward)]);
  const q = stake.queuedWithdrawal;
  if (q) {
    fields.push(
      ['Queued withdrawal', `${phaText(q.shares).replace(/ PHA$/, '')} shares (${phaText(q.value)})`],
      [
        'Countdown',
        q.countdown > 0n ? formatDuration(q.countdown) : "overdue: the pool's workers are forced to stop",
      ],
      ['Paid out by', dateText(q.latestCompletion)],
    );
  } else {
    fields.push(['Queued withdrawal', 'none']);
  }
  return [`Stake of ${stake.account} in pool ${stake.pid}`, renderFields(fields)].join('\n');
}

/** The Mining page overview of an account. */
export function renderOverview(overview: Overview): string {
  const t = overview.totals;
  const lines = [
    `Overview of ${overview.account}`,
    renderFields([
      ['Pools', String(t.pools)],
      [
        'Workers',
        `${t.workers} (${
          Object.entries(t.workersByState)
            .filter(([, n]) => n > 0)
            .map(([s, n]) => `${n} ${s}`)
            .join(', ') || 'none'
        })`,
      ],
      ['Total stake', phaText(t.totalStake)],
      ['Mining stake', phaText(t.miningStake)],
      ['Free stake', phaText(t.freeStake)],
      ['Releasing stake', phaText(t.releasingStake)],
      ['Owner rewards', phaText(t.ownerRewards)],
      ['Total mined', phaText(t.totalMined)],
    ]),
  ];
  if (overview.pools.length > 0) {
    lines.push(
      '',
      renderTable(
        [
          { header: 'PID', align: 'right' },
          { header: 'PAYOUT', align: 'right' },
          { header: 'TOTAL STAKE', align: 'right' },
          { header: 'FREE STAKE', align: 'right' },
          { header: 'OWNER REWARD', align: 'right' },
          { header: 'WORKERS', align: 'right' },
          { header: 'MINING', align: 'right' },
        ],
        overview.pools.map(({ pool, workers }) => [
          String(pool.pid),
          percentText(pool.commission),
          phaText(pool.totalStake),
          phaText(pool.freeStake),
          phaText(pool.ownerReward),
          String(workers.length),
          String(workers.filter((w) => w.state === 'Mining').length),
        ]),
      ),
    );
  }
  return lines.join('\n');
}

/** What `watch` draws. */
export interface WatchState {
  pool: PoolInfo | undefined;
  pid: bigint;
  workers: readonly WorkerView[];
  queue: readonly QueuedWithdrawal[];
  tokenomics: TokenomicsView | undefined;
  head: { number: number; time: bigint | undefined } | undefined;
  connection: string;
  endpoint: string;
}

/** The lines of one `watch` frame, cut to the terminal's width. */
export function renderWatch(state: WatchState, width = 120): string[] {
  const head = state.head
    ? `block #${state.head.number}${state.head.time === undefined ? '' : ` at ${dateText(state.head.time)}`}`
    : 'waiting for a block';
  const lines = [
    `phala-mining watch · pool ${state.pid} · ${state.endpoint} · ${head} · ${state.connection}`,
    '',
  ];
  if (!state.pool) {
    lines.push(`pool ${state.pid} does not exist (yet)`);
  } else {
    const style: KeyStyle = width >= 150 ? 'full' : 'short';
    lines.push(...renderPoolDetails(state.pool, state.workers, state.queue, style).split('\n'));
    if (state.tokenomics && !state.tokenomics.miningEnabled)
      lines.push('', 'mining is switched off on this chain');
  }
  lines.push('', 'q or Ctrl-C to quit');
  return lines.map((l) => (l.length > width ? `${l.slice(0, Math.max(0, width - 1))}…` : l));
}
