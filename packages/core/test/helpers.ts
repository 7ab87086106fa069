import { createTestChain, type TestChain } from '@phala-mining/testing';
import { filter, firstValueFrom, type Observable, timeout } from 'rxjs';
import { createMiningClient, type MiningClient } from '../src/index.js';

/** A fresh dev chain (through @phala-mining/testing, over a real socket) with a mining client on it. */
export async function setup(): Promise<{
  chain: TestChain;
  client: MiningClient;
  close: () => Promise<void>;
}> {
  const chain = await createTestChain();
  const client = await createMiningClient({
    endpoint: chain.endpoint,
    network: 'devchain',
    waitFor: 'inBlock',
  });
  return {
    chain,
    client,
    close: async () => {
      await client.disconnect();
      await chain.close();
    },
  };
}

/** The first value of a state observable that satisfies `predicate` (10 s at most). */
export function until<T>(source: Observable<T>, predicate: (value: T) => boolean, ms = 10_000): Promise<T> {
  return firstValueFrom(source.pipe(filter(predicate), timeout(ms)));
}

/** Captures what a rejected promise rejected with. */
export async function rejection(promise: PromiseLike<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
