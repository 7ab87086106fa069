import type { PoolOverview, WorkerDisplayState, WorkerView } from '@phala-mining/core';
import { UsageError } from '../errors.js';
import { formatDuration, phaText, renderTable } from '../format.js';

/** A worker with the pool it is in, for views across pools. */
export interface FleetWorkerRow extends WorkerView {
  pid: bigint;
}

const STATES: readonly WorkerDisplayState[] = ['Ready', 'Mining', 'Unresponsive', 'CoolingDown', 'Unbound'];

/** Parses `--state Mining,Unresponsive` (case-insensitive; `reclaimable` selects cooled-down workers). */
export function parseStates(text: string): (w: WorkerView) => boolean {
  const wanted = text.split(',').map((t) => t.trim().toLowerCase());
  const tests = wanted.map((t): ((w: WorkerView) => boolean) => {
    if (t === 'reclaimable') return (w) => w.reclaimable;
    const state = STATES.find((s) => s.toLowerCase() === t);
    if (!state)
      throw new UsageError(
        `--state takes ${[...STATES, 'reclaimable'].join(', ')} (comma-separated), got ${JSON.stringify(text)}`,
      );
    return (w) => w.state === state;
  });
  return (w) => tests.some((f) => f(w));
}

const SORTS = {
  pool: (a: FleetWorkerRow, b: FleetWorkerRow) => (a.pid < b.pid ? -1 : a.pid > b.pid ? 1 : 0),
  state: (a: FleetWorkerRow, b: FleetWorkerRow) => STATES.indexOf(a.state) - STATES.indexOf(b.state),
  stake: (a: FleetWorkerRow, b: FleetWorkerRow) => (a.stake > b.stake ? -1 : a.stake < b.stake ? 1 : 0),
  reward: (a: FleetWorkerRow, b: FleetWorkerRow) =>
    a.totalReward > b.totalReward ? -1 : a.totalReward < b.totalReward ? 1 : 0,
  score: (a: FleetWorkerRow, b: FleetWorkerRow) => b.instantScore - a.instantScore,
  key: (a: FleetWorkerRow, b: FleetWorkerRow) => a.pubkey.localeCompare(b.pubkey),
} as const;

/** Every worker of the fleet, filtered and sorted (a stable sort: ties keep pool order). */
export function fleetRows(pools: readonly PoolOverview[], state?: string, sort = 'pool'): FleetWorkerRow[] {
  const by = SORTS[sort as keyof typeof SORTS];
  if (!by) throw new UsageError(`--sort takes ${Object.keys(SORTS).join(', ')}, got ${JSON.stringify(sort)}`);
  const keep = state === undefined ? () => true : parseStates(state);
  return pools
    .flatMap(({ pool, workers }) => workers.map((w) => ({ ...w, pid: pool.pid })))
    .filter(keep)
    .sort(by);
}

/** The fleet's Worker List with a POOL column. */
export function renderFleetWorkers(rows: readonly FleetWorkerRow[]): string {
  if (rows.length === 0) return '  (no workers)';
  return renderTable(
    [
      { header: 'POOL', align: 'right' },
      'WORKER',
      'STATE',
      { header: 'STAKE', align: 'right' },
      { header: 'P NOW', align: 'right' },
      { header: 'TOTAL REWARD', align: 'right' },
      'COOLDOWN',
    ],
    rows.map((w) => [
      String(w.pid),
      w.pubkey,
      w.state,
      phaText(w.stake),
      String(w.instantScore),
      phaText(w.totalReward),
      w.state !== 'CoolingDown'
        ? ''
        : w.reclaimable
          ? 'reclaimable'
          : formatDuration(w.cooldownRemaining ?? 0n),
    ]),
  );
}

/** Why a worker needs the operator. */
export type AttentionReason = 'Unresponsive' | 'CooledDown';

/** A worker that needs the operator, with its pool. */
export interface Attention {
  pid: bigint;
  worker: string;
  reason: AttentionReason;
  /** what to do about it */
  hint: string;
}

/**
 * The workers an operator must look at: Unresponsive ones (they earn nothing and lose V) and cooled-down ones
 * (their stake sits idle until reclaimed).
 */
export function attention(pools: readonly PoolOverview[]): Attention[] {
  const out: Attention[] = [];
  for (const { pool, workers } of pools)
    for (const w of workers) {
      if (w.state === 'Unresponsive')
        out.push({
          pid: pool.pid,
          worker: w.pubkey,
          reason: 'Unresponsive',
          hint: 'check the worker host (pRuntime)',
        });
      else if (w.reclaimable)
        out.push({
          pid: pool.pid,
          worker: w.pubkey,
          reason: 'CooledDown',
          hint: `phala-mining worker reclaim -p ${pool.pid} ${w.pubkey}`,
        });
    }
  return out;
}

/** The attention list as text (empty string when nothing needs attention). */
export function renderAttention(list: readonly Attention[]): string {
  if (list.length === 0) return '';
  return [
    '',
    'Needs attention:',
    renderTable(
      [{ header: 'POOL', align: 'right' }, 'WORKER', 'WHY', 'WHAT TO DO'],
      list.map((a) => [
        String(a.pid),
        a.worker,
        a.reason === 'CooledDown' ? 'cooled down' : a.reason,
        a.hint,
      ]),
    ),
  ].join('\n');
}
