import type { QueuedWithdrawal, StakeView } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import { type QueryState, type SuspenseQueryState, useStake } from '../index.js';

declare const routePid: bigint | undefined;
declare const selected: string | undefined;
const alice = '5GrwvaDbBKf6QmhcYB8VmZS4DJdkfqD5SuLMnG7exemzkz4C';

describe('useStake', () => {
  test("data is the account's stake info, undefined for no such pool", () => {
    const stake = useStake(1n, alice);
    expectTypeOf(stake).toEqualTypeOf<QueryState<StakeView | undefined>>();
    expectTypeOf(stake.data?.locked).toEqualTypeOf<bigint | undefined>();
    expectTypeOf(stake.data?.queuedWithdrawal).toEqualTypeOf<QueuedWithdrawal | undefined>();
    expectTypeOf(useStake(routePid, selected)).toEqualTypeOf<QueryState<StakeView | undefined>>();
  });

  test('suspense', () => {
    const stake = useStake(1n, alice, { suspense: true });
    expectTypeOf(stake).toEqualTypeOf<SuspenseQueryState<StakeView | undefined>>();
  });

  test('arguments', () => {
    // @ts-expect-error the account comes second
    useStake(1n);
    // @ts-expect-error the account is an SS58 string
    useStake(1n, 42);
    // @ts-expect-error pool first, then account
    useStake(alice, 1n);
    // @ts-expect-error with suspense the account must be there
    useStake(1n, selected, { suspense: true });
    // @ts-expect-error with suspense the pool id must be there
    useStake(routePid, alice, { suspense: true });
  });
});
