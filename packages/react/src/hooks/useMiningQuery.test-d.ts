import type { MiningClient, MiningError, PoolInfo } from '@phala-mining/core';
import { type Observable, of } from 'rxjs';
import { describe, expectTypeOf, test } from 'vitest';
import {
  type QueryArg,
  type QueryOptions,
  type QueryResult,
  type QueryState,
  type QueryStatus,
  type SuspenseQueryState,
  useMiningQuery,
} from '../index.js';

declare const maybeKey: string | undefined;
declare const options: QueryOptions;

describe('useMiningQuery', () => {
  test('the state follows the source observable', () => {
    const apr = useMiningQuery('apr:1', (client) => client.apr$(1n));
    expectTypeOf(apr).toEqualTypeOf<QueryState<number>>();
    expectTypeOf(apr.data).toEqualTypeOf<number | undefined>();
    expectTypeOf(apr.error).toEqualTypeOf<MiningError | undefined>();
    expectTypeOf(apr.status).toEqualTypeOf<QueryStatus>();
    expectTypeOf<QueryStatus>().toEqualTypeOf<'idle' | 'loading' | 'success' | 'error'>();
    expectTypeOf(useMiningQuery('pool:1', (client) => client.pool$(1n))).toEqualTypeOf<
      QueryState<PoolInfo | undefined>
    >();
    expectTypeOf(useMiningQuery('n', () => of(1n, 2n))).toEqualTypeOf<QueryState<bigint>>();
  });

  test('the source gets the client and must return an Observable', () => {
    useMiningQuery('x', (client) => {
      expectTypeOf(client).toEqualTypeOf<MiningClient>();
      return client.connection$;
    });
    // @ts-expect-error a Promise is not an Observable
    useMiningQuery('x', async (client) => client.ss58);
    // @ts-expect-error nor a plain value
    useMiningQuery('x', (client) => client.ss58);
    // @ts-expect-error the key is text
    useMiningQuery(1, (client) => client.apr$(1n));
  });

  test('an undefined key is an idle query', () => {
    expectTypeOf(useMiningQuery(maybeKey, (client) => client.apr$(1n))).toEqualTypeOf<QueryState<number>>();
    expectTypeOf(useMiningQuery(undefined, (client) => client.apr$(1n), options)).toEqualTypeOf<
      QueryState<number>
    >();
  });

  test('{ suspense: true } promises the value', () => {
    const apr = useMiningQuery('apr:1', (client) => client.apr$(1n), { suspense: true });
    expectTypeOf(apr).toEqualTypeOf<SuspenseQueryState<number>>();
    expectTypeOf(apr.data).toEqualTypeOf<number>();
    expectTypeOf(apr.status).toEqualTypeOf<'success'>();
    // with options typed as QueryOptions, suspense is not known to be on
    expectTypeOf(useMiningQuery('apr:1', (client) => client.apr$(1n), options)).toEqualTypeOf<
      QueryState<number>
    >();
    expectTypeOf(useMiningQuery('apr:1', (client) => client.apr$(1n), { suspense: false })).toEqualTypeOf<
      QueryState<number>
    >();
  });

  test('{ suspense: true } with a key that may be undefined promises nothing: an idle query has no value', () => {
    expectTypeOf(useMiningQuery(maybeKey, (client) => client.apr$(1n), { suspense: true })).toEqualTypeOf<
      QueryState<number>
    >();
    expectTypeOf(useMiningQuery(undefined, (client) => client.apr$(1n), { suspense: true })).toEqualTypeOf<
      QueryState<number>
    >();
  });
});

describe('QueryResult and QueryArg', () => {
  test('pick the state and the argument from the options', () => {
    expectTypeOf<QueryResult<number, { suspense: true }>>().toEqualTypeOf<SuspenseQueryState<number>>();
    expectTypeOf<QueryResult<number, { suspense: false }>>().toEqualTypeOf<QueryState<number>>();
    expectTypeOf<QueryResult<number, QueryOptions>>().toEqualTypeOf<QueryState<number>>();
    expectTypeOf<QueryResult<number, undefined>>().toEqualTypeOf<QueryState<number>>();
    expectTypeOf<QueryArg<bigint, { suspense: true }>>().toEqualTypeOf<bigint>();
    expectTypeOf<QueryArg<bigint, QueryOptions>>().toEqualTypeOf<bigint | undefined>();
    expectTypeOf<QueryArg<bigint, undefined>>().toEqualTypeOf<bigint | undefined>();
  });

  test('a suspense state is a success with its data', () => {
    expectTypeOf<SuspenseQueryState<bigint>['data']>().toEqualTypeOf<bigint>();
    expectTypeOf<SuspenseQueryState<bigint>['status']>().toEqualTypeOf<'success'>();
    expectTypeOf<SuspenseQueryState<bigint>>().toExtend<QueryState<bigint>>();
    expectTypeOf<QueryState<bigint>>().not.toExtend<SuspenseQueryState<bigint>>();
  });

  test('QueryOptions', () => {
    expectTypeOf<QueryOptions>().toEqualTypeOf<{ suspense?: boolean }>();
    // @ts-expect-error suspense is a boolean
    useMiningQuery('x', (client) => client.apr$(1n), { suspense: 'yes' });
  });
});

declare const source: Observable<number>;
test('the element type is not widened', () => {
  expectTypeOf(useMiningQuery('k', () => source).data).toEqualTypeOf<number | undefined>();
  expectTypeOf(useMiningQuery('k', () => source).data).not.toBeAny();
});
