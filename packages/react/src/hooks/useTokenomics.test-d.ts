import type { TokenomicsView } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import { type QueryState, type SuspenseQueryState, useTokenomics } from '../index.js';

describe('useTokenomics', () => {
  test('data is the chain-wide mining parameters', () => {
    const tokenomics = useTokenomics();
    expectTypeOf(tokenomics).toEqualTypeOf<QueryState<TokenomicsView>>();
    expectTypeOf(tokenomics.data?.miningEnabled).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(tokenomics.data?.coolDownPeriod).toEqualTypeOf<bigint | undefined>();
    expectTypeOf(useTokenomics({ suspense: true })).toEqualTypeOf<SuspenseQueryState<TokenomicsView>>();
    expectTypeOf(useTokenomics({ suspense: true }).data.onlineMiners).toEqualTypeOf<number>();
  });

  test('arguments', () => {
    // @ts-expect-error the only argument is the options
    useTokenomics(1n);
  });
});
