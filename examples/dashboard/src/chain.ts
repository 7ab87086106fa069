import { useMiningClient, useMiningQuery } from '@phala-mining/react';
import { map, Observable } from 'rxjs';

type Unsub = () => void;
type Subscribable<T> = (cb: (value: T) => void) => Promise<Unsub>;

/** An Observable of a polkadot.js callback subscription (`api.query.x.y(cb)`, `api.rpc.chain.subscribeNewHeads(cb)`). */
export function fromCallback<T>(subscribe: Subscribable<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    let unsubscribe: Unsub | undefined;
    let closed = false;
    subscribe((value) => subscriber.next(value)).then(
      (unsub) => {
        if (closed) unsub();
        else unsubscribe = unsub;
      },
      (error: unknown) => subscriber.error(error),
    );
    return () => {
      closed = true;
      unsubscribe?.();
    };
  });
}

/**
 * The chain's clock (`Timestamp.Now`) in unix seconds. Cooldown ends and withdrawal deadlines are counted in chain
 * time, which on a dev chain that travels in time is not the browser's.
 */
export function useChainNow(): bigint | undefined {
  return useMiningQuery('chain-now', (client) =>
    fromCallback<{ toBigInt(): bigint }>((cb) => (client.api.query as any).timestamp.now(cb)).pipe(
      map((ms) => ms.toBigInt() / 1000n),
    ),
  ).data;
}

/** `PhalaStakePool.GracePeriod` (seconds): how long a queued withdrawal may wait before the pool's workers stop. */
export function useGracePeriod(): bigint | undefined {
  const { client } = useMiningClient();
  const value = (client?.api.consts as any)?.phalaStakePool?.gracePeriod;
  return value === undefined ? undefined : BigInt(value.toString());
}
