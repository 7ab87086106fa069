import type { MiningClient } from '@phala-mining/core';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Observable } from 'rxjs';
import { useMiningRuntime } from '../provider/context.js';
import { IDLE, LOADING, type QueryState } from '../provider/queryStore.js';

export interface QueryOptions {
  /**
   * Suspend the component until the first value is there (needs a `<Suspense>` boundary above it); errors are
   * thrown to the nearest error boundary. `data` is then always defined.
   */
  suspense?: boolean;
}

/** {@link QueryState} in Suspense mode: the value is there. */
export type SuspenseQueryState<T> = QueryState<T> & { data: T; status: 'success' };

/** What a query hook returns for its options: with `{ suspense: true }` the value is always there. */
export type QueryResult<T, O extends QueryOptions | undefined> = O extends { suspense: true }
  ? SuspenseQueryState<T>
  : QueryState<T>;

/**
 * A query hook's argument for its options: undefined means "nothing to follow yet" (status `idle`, no value) — so
 * it is refused with `{ suspense: true }`, whose result promises the value.
 */
export type QueryArg<T, O extends QueryOptions | undefined> = O extends { suspense: true }
  ? T
  : T | undefined;

/**
 * Follows an observable of the client, shared by key: every component using the same key reads one upstream
 * subscription, which is released when the last of them unmounts. `key` undefined means "nothing to follow yet"
 * (status `idle`) — e.g. no account selected; with `{ suspense: true }` only a defined key promises the value. The
 * key must identify what `source` returns.
 *
 * ```ts
 * const apr = useMiningQuery(`apr:${pid}`, (client) => client.apr$(pid));
 * ```
 */
export function useMiningQuery<T>(
  key: string,
  source: (client: MiningClient) => Observable<T>,
  options: QueryOptions & { suspense: true },
): SuspenseQueryState<T>;
export function useMiningQuery<T>(
  key: string | undefined,
  source: (client: MiningClient) => Observable<T>,
  options?: QueryOptions,
): QueryState<T>;
export function useMiningQuery<T>(
  key: string | undefined,
  source: (client: MiningClient) => Observable<T>,
  options: QueryOptions = {},
): QueryState<T> {
  const runtime = useMiningRuntime('useMiningQuery');
  const { client } = useSyncExternalStore(runtime.subscribe, runtime.getSnapshot, runtime.getServerSnapshot);
  const store = client ? runtime.store(client) : undefined;
  // the latest closure, so an inline arrow does not resubscribe on every render; the key says when it changes
  const sourceRef = useRef(source);
  sourceRef.current = source;

  const subscribe = useCallback(
    (listener: () => void) => {
      if (!store || !client || key === undefined) return () => {};
      return store.subscribe(key, () => sourceRef.current(client), listener);
    },
    [store, client, key],
  );
  const getSnapshot = useCallback((): QueryState<T> => {
    if (key === undefined) return IDLE;
    return store ? store.snapshot<T>(key) : LOADING;
  }, [store, key]);
  const getServerSnapshot = useCallback((): QueryState<T> => (key === undefined ? IDLE : LOADING), [key]);

  const state = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);

  if (options.suspense && key !== undefined) {
    if (state.status === 'error') throw state.error;
    if (state.status === 'loading') {
      if (!store || !client) throw runtime.whenReady();
      throw store.suspend(key, () => sourceRef.current(client));
    }
  }
  return state;
}
