import type { ApiPromise } from '@polkadot/api';
import type { Observable } from 'rxjs';
import { describe, expectTypeOf, test } from 'vitest';
import {
  type AccountBalance,
  type ConnectionState,
  createMiningClient,
  DEVCHAIN,
  KHALA,
  type MiningClient,
  type MiningClientOptions,
  type OperationChain,
  type Overview,
  type PoolConstants,
  type PoolInfo,
  type PoolOverview,
  type QueuedWithdrawal,
  type RuntimeSupport,
  type StakeView,
  type TokenomicsView,
  type WorkerView,
} from './index.js';

declare const api: ApiPromise;
declare const client: MiningClient;
const alice = '5GrwvaDbBKf6QmhcYB8VmZS4DJdkfqD5SuLMnG7exemzkz4C';

describe('createMiningClient options', () => {
  test('an endpoint, a network preset (by name or object), or an existing ApiPromise', () => {
    expectTypeOf(createMiningClient).parameter(0).toEqualTypeOf<MiningClientOptions>();
    expectTypeOf(createMiningClient).returns.toEqualTypeOf<Promise<MiningClient>>();
    expectTypeOf(
      createMiningClient({ endpoint: 'ws://127.0.0.1:9944' }),
    ).resolves.toEqualTypeOf<MiningClient>();

    createMiningClient({ endpoint: ['wss://a.example/ws', 'wss://b.example/ws'] });
    createMiningClient({ endpoint: 'ws://127.0.0.1:9944', network: 'devchain' });
    createMiningClient({ network: 'khala' });
    createMiningClient({ network: 'phala' });
    createMiningClient({ network: KHALA });
    createMiningClient({ network: { ...DEVCHAIN, endpoint: 'ws://10.0.0.2:9944' } });
    createMiningClient({ api });
    createMiningClient({ api, ss58Format: 42, waitFor: 'inBlock' });
    createMiningClient({ network: 'khala', waitFor: 'finalized', autoConnectMs: 2_000 });
  });

  test('the network names are the presets', () => {
    type NetworkOption = Extract<MiningClientOptions, { network: unknown }>['network'];
    expectTypeOf<Extract<NetworkOption, string>>().toEqualTypeOf<'khala' | 'phala' | 'devchain' | 'dev'>();
  });

  test('options that do not say where to connect, or say it wrongly, do not compile', () => {
    // @ts-expect-error no endpoint, network or api
    createMiningClient({});
    // @ts-expect-error the common settings alone do not say where to connect
    createMiningClient({ ss58Format: 30, waitFor: 'inBlock' });
    // @ts-expect-error no such network preset
    createMiningClient({ network: 'kusama' });
    // @ts-expect-error an endpoint is a URL (or a list of them), not a port
    createMiningClient({ endpoint: 9944 });
    // @ts-expect-error `api` is an ApiPromise, not an endpoint
    createMiningClient({ api: 'ws://127.0.0.1:9944' });
    // @ts-expect-error a send resolves at inBlock or finalized, nothing earlier
    createMiningClient({ network: 'khala', waitFor: 'broadcast' });
    // @ts-expect-error ss58Format is a number
    createMiningClient({ network: 'khala', ss58Format: 'khala' });
    // @ts-expect-error with your own ApiPromise an endpoint would be ignored
    assertType<MiningClientOptions>({ api, endpoint: 'ws://127.0.0.1:9944' });
    // @ts-expect-error the reconnect delay belongs to the client's own connection, not to yours
    assertType<MiningClientOptions>({ api, autoConnectMs: 500 });
    // @ts-expect-error the options are an object, not a URL
    createMiningClient('ws://127.0.0.1:9944');
  });
});

describe('the client', () => {
  test('exposes the api, runtime support, SS58 prefix, constants and connection state', () => {
    expectTypeOf(client.api).toEqualTypeOf<ApiPromise>();
    expectTypeOf(client.runtime).toEqualTypeOf<RuntimeSupport>();
    expectTypeOf(client.runtime.splitClaims).toEqualTypeOf<boolean>();
    expectTypeOf(client.ss58).toEqualTypeOf<number>();
    expectTypeOf(client.constants).toEqualTypeOf<PoolConstants>();
    expectTypeOf(client.constants.minContribution).toEqualTypeOf<bigint>();
    expectTypeOf(client.connection$).toEqualTypeOf<Observable<ConnectionState>>();
    expectTypeOf<ConnectionState>().toEqualTypeOf<'connected' | 'disconnected' | 'reconnecting'>();
    expectTypeOf(client.disconnect()).toEqualTypeOf<Promise<void>>();
  });

  test('its fields are read-only and its internals private', () => {
    // @ts-expect-error readonly
    client.ss58 = 42;
    // @ts-expect-error readonly
    client.api = api;
    // @ts-expect-error private: operations go through the chain, not the nonce tracker
    client.nonces;
  });

  test('operations start a chain: createPool yields the new pid, pool(pid) nothing yet', () => {
    expectTypeOf(client.createPool()).toEqualTypeOf<OperationChain<bigint>>();
    expectTypeOf(client.pool(1n)).toEqualTypeOf<OperationChain<void>>();
    client.pool(1);
    // @ts-expect-error a pool id is a bigint or a number, not a string
    client.pool('1');
    // @ts-expect-error createPool takes no arguments (the signer goes to send)
    client.createPool(alice);
  });
});

describe('state observables', () => {
  test('emit the plain state shapes', () => {
    expectTypeOf(client.pool$(1n)).toEqualTypeOf<Observable<PoolInfo | undefined>>();
    expectTypeOf(client.pools$()).toEqualTypeOf<Observable<PoolInfo[]>>();
    expectTypeOf(client.pools$({ owner: alice })).toEqualTypeOf<Observable<PoolInfo[]>>();
    expectTypeOf(client.workers$(1)).toEqualTypeOf<Observable<WorkerView[]>>();
    expectTypeOf(client.poolOverview$(1n)).toEqualTypeOf<Observable<PoolOverview | undefined>>();
    expectTypeOf(client.stake$(1n, alice)).toEqualTypeOf<Observable<StakeView | undefined>>();
    expectTypeOf(client.withdrawQueue$(1n)).toEqualTypeOf<Observable<QueuedWithdrawal[]>>();
    expectTypeOf(client.balance$(alice)).toEqualTypeOf<Observable<AccountBalance>>();
    expectTypeOf(client.tokenomics$()).toEqualTypeOf<Observable<TokenomicsView>>();
    expectTypeOf(client.overview$(alice)).toEqualTypeOf<Observable<Overview>>();
    expectTypeOf(client.apr$(1n)).toEqualTypeOf<Observable<number>>();
    expectTypeOf(client.apr$(1n, 10n ** 20n)).toEqualTypeOf<Observable<number>>();
  });

  test('a subscriber sees the element type', () => {
    client.pool$(1n).subscribe((pool) => {
      expectTypeOf(pool).toEqualTypeOf<PoolInfo | undefined>();
      // @ts-expect-error the pool may not exist: narrow before reading it
      pool.owner;
    });
    client.workers$(1n).subscribe((workers) => {
      expectTypeOf(workers).items.toEqualTypeOf<WorkerView>();
      expectTypeOf(workers[0]).toEqualTypeOf<WorkerView | undefined>();
    });
  });

  test('arguments are checked', () => {
    // @ts-expect-error a pool id is a bigint or a number
    client.pool$('1');
    // @ts-expect-error the account comes second
    client.stake$(1n);
    // @ts-expect-error the account is an SS58 string
    client.balance$(1);
    // @ts-expect-error the filter is { owner }
    client.pools$(alice);
    // @ts-expect-error the network share is U64F64 bits (bigint), not a fraction
    client.apr$(1n, 0.5);
  });
});
