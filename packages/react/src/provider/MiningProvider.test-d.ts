import type { LibraryLogger, MiningClient, NetworkPreset } from '@phala-mining/core';
import type { ReactNode } from 'react';
import { assertType, describe, expectTypeOf, test } from 'vitest';
import {
  MiningProvider,
  type MiningProviderProps,
  type ProviderClientOptions,
  type WalletOptions,
} from '../index.js';

declare const client: MiningClient;

describe('MiningProvider props', () => {
  test('a client, or an endpoint and/or a network preset', () => {
    expectTypeOf(MiningProvider).parameter(0).toEqualTypeOf<MiningProviderProps>();
    expectTypeOf<MiningProviderProps['client']>().toEqualTypeOf<MiningClient | undefined>();
    expectTypeOf<MiningProviderProps['endpoint']>().toEqualTypeOf<string | string[] | undefined>();
    expectTypeOf<MiningProviderProps['network']>().toEqualTypeOf<
      NetworkPreset | 'khala' | 'phala' | 'devchain' | 'dev' | undefined
    >();
    expectTypeOf<MiningProviderProps['children']>().toEqualTypeOf<ReactNode>();
    assertType<MiningProviderProps>({ client });
    assertType<MiningProviderProps>({ network: 'khala', clientOptions: { waitFor: 'inBlock' } });
    assertType<MiningProviderProps>({
      endpoint: 'ws://127.0.0.1:9944',
      network: 'devchain',
      keepAliveMs: 5_000,
    });
  });

  test('client and wallet settings', () => {
    expectTypeOf<ProviderClientOptions>().toEqualTypeOf<{
      ss58Format?: number;
      waitFor?: 'inBlock' | 'finalized';
      autoConnectMs?: number;
      logger?: LibraryLogger;
    }>();
    assertType<MiningProviderProps>({ network: 'devchain', clientOptions: { logger: 'silent' } });
    assertType<MiningProviderProps>({ network: 'devchain', clientOptions: { logger: (e) => void e.source } });
    expectTypeOf<WalletOptions>().toEqualTypeOf<{ appName?: string; devAccounts?: boolean | 'auto' }>();
    assertType<MiningProviderProps>({
      network: 'devchain',
      wallet: { appName: 'My pools', devAccounts: 'auto' },
    });
  });

  test('wrong props do not compile', () => {
    // @ts-expect-error no such network preset
    assertType<MiningProviderProps>({ network: 'kusama' });
    // @ts-expect-error an endpoint is a URL (or a list of them)
    assertType<MiningProviderProps>({ endpoint: 9944 });
    // @ts-expect-error a send resolves at inBlock or finalized
    assertType<MiningProviderProps>({ network: 'khala', clientOptions: { waitFor: 'broadcast' } });
    // @ts-expect-error devAccounts is true, false or 'auto'
    assertType<MiningProviderProps>({ network: 'khala', wallet: { devAccounts: 'yes' } });
    // @ts-expect-error keepAliveMs is a number of ms
    assertType<MiningProviderProps>({ network: 'khala', keepAliveMs: '5s' });
    // @ts-expect-error the client is a MiningClient, not an ApiPromise-like object
    assertType<MiningProviderProps>({ client: { api: {} } });
  });
});
