import { useEffect, useState } from 'react';

export interface RemoteRewardPoint {
  block?: number;
  date: string;
  timestamp: number;
  /** planck */
  amount: bigint;
}

export interface RemoteEvent {
  date: string;
  block: number;
  blockHash: string;
  seq: number;
  timestamp: number;
  pool: number | null;
  worker: string | null;
  account: string | null;
  kind: string;
  /** PHA, 12 decimals */
  amount: string;
  amountPlanck: bigint;
  detail: Record<string, unknown> | null;
}

export interface HistoryResult<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
}

type Params = Record<string, string | number | undefined>;

function query(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  return q.toString();
}

function useFetch<T>(
  url: string,
  parse: (body: unknown) => T,
  refreshMs: number | undefined,
): HistoryResult<T> {
  const [state, setState] = useState<HistoryResult<T>>({ data: undefined, error: undefined, loading: true });
  useEffect(() => {
    let live = true;
    const controller = new AbortController();
    const load = async () => {
      try {
        const res = await fetch(url, { signal: controller.signal });
        const body: unknown = await res.json();
        if (!res.ok) throw new Error((body as { error?: string }).error ?? `HTTP ${res.status}`);
        if (live) setState({ data: parse(body), error: undefined, loading: false });
      } catch (error) {
        if (live && !controller.signal.aborted)
          setState((s) => ({ ...s, error: error as Error, loading: false }));
      }
    };
    void load();
    const timer = refreshMs ? setInterval(load, refreshMs) : undefined;
    return () => {
      live = false;
      controller.abort();
      if (timer) clearInterval(timer);
    };
  }, [url, parse, refreshMs]);
  return state;
}

const parseRewards = (body: unknown) =>
  (body as { items: (Omit<RemoteRewardPoint, 'amount'> & { amount: string })[] }).items.map((p) => ({
    ...p,
    amount: BigInt(p.amount),
  }));
const parseEvents = (body: unknown) => {
  const b = body as {
    items: (Omit<RemoteEvent, 'amountPlanck'> & { amountPlanck: string })[];
    next: string | null;
  };
  return {
    items: b.items.map((e) => ({ ...e, amountPlanck: BigInt(e.amountPlanck) })),
    next: b.next ?? undefined,
  };
};

/**
 * Rewards by block or UTC day from `phala-mining history serve` at `baseUrl` (e.g. http://127.0.0.1:8080).
 * Survives reloads because the history lives in the indexer's database, not in the page.
 */
export function useRewardHistory(
  baseUrl: string,
  filter: {
    pool?: number;
    worker?: string;
    staker?: string;
    from?: string;
    to?: string;
    by?: 'block' | 'day';
  },
  options: { refreshMs?: number } = {},
): HistoryResult<RemoteRewardPoint[]> {
  return useFetch(`${baseUrl}/rewards?${query(filter)}`, parseRewards, options.refreshMs);
}

/** One page of a pool's events (pass the previous page's `next` as `cursor` for the following one). */
export function usePoolEvents(
  baseUrl: string,
  pool: number,
  options: { kind?: string; limit?: number; cursor?: string; refreshMs?: number } = {},
): HistoryResult<{ items: RemoteEvent[]; next: string | undefined }> {
  const { refreshMs, ...rest } = options;
  return useFetch(`${baseUrl}/events?${query({ pool, ...rest })}`, parseEvents, refreshMs);
}
