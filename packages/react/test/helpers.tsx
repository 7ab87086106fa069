import { createMiningClient, type MiningClient, PHALA_SIGNED_EXTENSIONS } from '@phala-mining/core';
import type { TestChain } from '@phala-mining/testing';
import { createChainTest } from '@phala-mining/testing/vitest';
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer, SignerPayloadJSON, SignerResult } from '@polkadot/types/types';
import type { ReactNode } from 'react';
import { Observable } from 'rxjs';
import { MiningProvider, type MiningProviderProps } from '../src/index.js';

export interface Harness {
  chain: TestChain;
  client: MiningClient;
  /** the client's own socket, whose `stats.active.subscriptions` counts the RPC subscriptions really open */
  provider: WsProvider;
  /** live subscriptions to each instrumented client observable (`pool$`, `stake$` …) */
  active: Map<string, number>;
  /** how many times each client observable was subscribed to in all */
  opened: Map<string, number>;
  wrapper: (props: { children?: ReactNode }) => ReactNode;
  close(): Promise<void>;
}

const OBSERVABLES = [
  'pool$',
  'pools$',
  'workers$',
  'poolOverview$',
  'stake$',
  'withdrawQueue$',
  'balance$',
  'tokenomics$',
  'overview$',
  'apr$',
] as const;

/**
 * A mining client on a real dev chain (@phala-mining/testing, over a real socket) whose observables count their
 * subscribers. jsdom's WebSocket is not what @polkadot/api expects in Node, so the client is built here on a
 * WsProvider (Node's `ws`) and handed to the provider — as an app that shares one client would. `close()`
 * disconnects the client and leaves the chain to its owner (the file's fixture, {@link test}).
 */
export async function harnessOn(
  chain: TestChain,
  providerProps: Partial<MiningProviderProps> = {},
): Promise<Harness> {
  // no auto-reconnect: a retry timer would outlive the closed chain
  const provider = new WsProvider(chain.endpoint, false);
  await provider.connect();
  const api = await ApiPromise.create({
    provider,
    signedExtensions: PHALA_SIGNED_EXTENSIONS,
    noInitWarn: true,
  });
  const client = await createMiningClient({ api, waitFor: 'inBlock' });
  const active = new Map<string, number>();
  const opened = new Map<string, number>();
  for (const name of OBSERVABLES) {
    const original = (client[name] as (...args: unknown[]) => Observable<unknown>).bind(client);
    (client as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
      new Observable<unknown>((subscriber) => {
        active.set(name, (active.get(name) ?? 0) + 1);
        opened.set(name, (opened.get(name) ?? 0) + 1);
        const inner = original(...args).subscribe(subscriber);
        return () => {
          active.set(name, (active.get(name) ?? 0) - 1);
          inner.unsubscribe();
        };
      });
  }
  return {
    chain,
    client,
    provider,
    active,
    opened,
    wrapper: ({ children }) => (
      <MiningProvider client={client} {...providerProps}>
        {children}
      </MiningProvider>
    ),
    close: async () => {
      await client.disconnect();
      await api.disconnect();
    },
  };
}

/**
 * The testing package's chain fixture (one dev chain per file, over a real socket) with the file's {@link Harness}
 * on it: `test('…', async ({ h }) => …)`.
 */
export const test = createChainTest().extend<{ h: Harness }>({
  h: [
    async ({ fileChain }, use) => {
      const harness = await harnessOn(fileChain);
      try {
        await use(harness);
      } finally {
        await harness.close();
      }
    },
    { scope: 'file' },
  ],
});

/** Open RPC subscriptions on the client's socket. */
export function rpcSubscriptions(provider: WsProvider): number {
  return provider.stats.active.subscriptions;
}

/** Sum of live subscriptions to the instrumented client observables. */
export function totalActive(active: Map<string, number>): number {
  return [...active.values()].reduce((a, b) => a + b, 0);
}

/**
 * What a browser extension hands a dapp as `injector.signer`: signs the payload it is given (with a keyring pair
 * behind the scenes) and counts how often it was asked — i.e. how many signing prompts a user would have seen.
 */
export function countingSigner(
  api: ApiPromise,
  pair: KeyringPair,
): { signer: Signer; prompts: () => number } {
  let prompts = 0;
  const signer: Signer = {
    signPayload: async (payload: SignerPayloadJSON): Promise<SignerResult> => {
      prompts++;
      const { signature } = api.registry
        .createType('ExtrinsicPayload', payload, { version: payload.version })
        .sign(pair);
      return { id: prompts, signature };
    },
  };
  return { signer, prompts: () => prompts };
}
