import type { Overview, OverviewTotals, PoolOverview } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import { type QueryState, type SuspenseQueryState, useOverview } from '../index.js';

declare const selected: string | undefined;
const alice = '5GrwvaDbBKf6QmhcYB8VmZS4DJdkfqD5SuLMnG7exemzkz4C';

describe('useOverview', () => {
  test("data is the owner's pools and workers with totals", () => {
    const overview = useOverview(alice);
    expectTypeOf(overview).toEqualTypeOf<QueryState<Overview>>();
    expectTypeOf(overview.data?.pools).toEqualTypeOf<PoolOverview[] | undefined>();
    expectTypeOf(overview.data?.totals).toEqualTypeOf<OverviewTotals | undefined>();
    expectTypeOf(useOverview(selected)).toEqualTypeOf<QueryState<Overview>>();
  });

  test('suspense: the overview is there', () => {
    const overview = useOverview(alice, { suspense: true });
    expectTypeOf(overview).toEqualTypeOf<SuspenseQueryState<Overview>>();
    expectTypeOf(overview.data.totals.totalStake).toEqualTypeOf<bigint>();
  });

  test('arguments', () => {
    // @ts-expect-error the owner is an SS58 string
    useOverview(1n);
    // @ts-expect-error with suspense the account must be there
    useOverview(selected, { suspense: true });
  });
});
