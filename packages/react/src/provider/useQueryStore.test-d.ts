import { describe, expectTypeOf, test } from 'vitest';
import { type QueryState, QueryStore, useQueryStore } from '../index.js';

describe('useQueryStore', () => {
  test('gives the store of the current client, undefined before it connects', () => {
    const store = useQueryStore();
    expectTypeOf(store).toEqualTypeOf<QueryStore | undefined>();
    expectTypeOf(store?.activeKeys()).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(store?.size).toEqualTypeOf<number | undefined>();
    expectTypeOf(store?.listenerCount('pool:1')).toEqualTypeOf<number | undefined>();
    expectTypeOf(new QueryStore().snapshot<bigint>('k')).toEqualTypeOf<QueryState<bigint>>();
  });

  test('the store is read through its methods', () => {
    const store = new QueryStore({ keepAliveMs: 1_000 });
    // @ts-expect-error the entries are private
    store.entries;
    // @ts-expect-error size is a getter only
    store.size = 0;
    // @ts-expect-error keepAliveMs is a number of ms
    new QueryStore({ keepAliveMs: '1s' });
  });
});
