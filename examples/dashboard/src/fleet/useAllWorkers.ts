import type { WorkerView } from '@phala-mining/core';
import { useMiningQuery } from '@phala-mining/react';
import { combineLatest, distinctUntilChanged, map, of, switchMap } from 'rxjs';

/** A worker with the pool it is in. */
export interface FleetRow extends WorkerView {
  pid: bigint;
  owner: string;
}

/**
 * Every worker of every pool as one list. The worker subscriptions are re-made only when the set of pools changes
 * (pool records change every block with the rewards), so a page with 51 workers does not resubscribe per block.
 */
export function useAllWorkers(): { rows: FleetRow[] | undefined; error: Error | undefined } {
  const result = useMiningQuery('dashboard:all-workers', (client) =>
    client.pools$().pipe(
      map((pools) => pools.map((p) => ({ pid: p.pid, owner: p.owner }))),
      distinctUntilChanged(
        (a, b) => a.length === b.length && a.every((p, i) => p.pid === b[i]!.pid && p.owner === b[i]!.owner),
      ),
      switchMap((pools) =>
        pools.length === 0
          ? of([] as FleetRow[])
          : combineLatest(
              pools.map((p) =>
                client
                  .workers$(p.pid)
                  .pipe(map((workers) => workers.map((w) => ({ ...w, pid: p.pid, owner: p.owner })))),
              ),
            ).pipe(map((lists) => lists.flat())),
      ),
    ),
  );
  return { rows: result.data, error: result.error };
}

/** Workers that need the owner now: Unresponsive ones lose stake, and a finished cooldown waits for a reclaim. */
export function needsAttention(w: WorkerView): string | undefined {
  if (w.state === 'Unresponsive') return 'Unresponsive: the miner stopped answering';
  if (w.state === 'CoolingDown' && w.reclaimable) return 'cooldown over: reclaim the stake';
  return undefined;
}

export type SortKey = 'pool' | 'key' | 'state' | 'stake' | 'reward' | 'cores';

const STATE_ORDER: Record<string, number> = {
  Unresponsive: 0,
  Mining: 1,
  CoolingDown: 2,
  Ready: 3,
  Unbound: 4,
};

function compare(a: FleetRow, b: FleetRow, by: SortKey): number {
  const big = (x: bigint, y: bigint) => (x < y ? -1 : x > y ? 1 : 0);
  switch (by) {
    case 'pool':
      return big(a.pid, b.pid);
    case 'key':
      return a.pubkey.localeCompare(b.pubkey);
    case 'state':
      return (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9);
    case 'stake':
      return big(a.stake, b.stake);
    case 'reward':
      return big(a.totalReward, b.totalReward);
    case 'cores':
      return (a.cores ?? 0) - (b.cores ?? 0);
  }
}

export interface FleetFilter {
  state: string;
  pool: bigint | undefined;
  search: string;
  sort: SortKey;
  descending: boolean;
}

/** Filters and sorts; workers needing attention come first whatever the sort (in the sort's order among them). */
export function arrange(rows: FleetRow[], f: FleetFilter): FleetRow[] {
  const needle = f.search.trim().toLowerCase();
  const shown = rows.filter(
    (w) =>
      (f.state === '' || w.state === f.state) &&
      (f.pool === undefined || w.pid === f.pool) &&
      (needle === '' || w.pubkey.toLowerCase().includes(needle)),
  );
  const sign = f.descending ? -1 : 1;
  return shown.sort((a, b) => {
    const pin = Number(needsAttention(b) !== undefined) - Number(needsAttention(a) !== undefined);
    return pin !== 0 ? pin : sign * compare(a, b, f.sort) || big0(a, b);
  });
}

// a stable tie-break: pool, then the order the chain lists the workers in is lost by sort, so the key
function big0(a: FleetRow, b: FleetRow): number {
  return a.pid === b.pid ? a.pubkey.localeCompare(b.pubkey) : a.pid < b.pid ? -1 : 1;
}
