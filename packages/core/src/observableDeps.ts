import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { Observable } from 'rxjs';
import type { PoolConstants } from './chainView.js';

/** What the state observables need from the client. */
export interface ObservableDeps {
  api: ApiPromise;
  ss58: number;
  constants: PoolConstants;
}

/** The untyped `api.rx.query` (works before and after @phala-mining/types augmentation). */
export function rxQuery(api: ApiPromise): Record<string, Record<string, any>> {
  return api.rx.query as unknown as Record<string, Record<string, any>>;
}

/** The untyped `api.query`, whose storage entries `api.rx.queryMulti` takes as keys. */
export function promiseQuery(api: ApiPromise): Record<string, Record<string, any>> {
  return api.query as unknown as Record<string, Record<string, any>>;
}

/**
 * One batched storage subscription (`state_subscribeStorage` over every key) as an Observable; unsubscribing ends
 * it. The Promise API's `queryMulti` is used because `ApiPromise.rx` exposes no `queryMulti`.
 */
export function queryMulti$(api: ApiPromise, keys: unknown[]): Observable<Codec[]> {
  return new Observable<Codec[]>((subscriber) => {
    let unsub: (() => void) | undefined;
    let closed = false;
    api
      .queryMulti(keys as never, (values: unknown) => subscriber.next(values as Codec[]))
      .then(
        (u) => {
          unsub = u as unknown as () => void;
          if (closed) unsub();
        },
        (error: unknown) => subscriber.error(error),
      );
    return () => {
      closed = true;
      unsub?.();
    };
  });
}
