import type { AccountBalance } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import { type QueryState, type SuspenseQueryState, useBalance } from '../index.js';

declare const selected: string | undefined;
const alice = '5GrwvaDbBKf6QmhcYB8VmZS4DJdkfqD5SuLMnG7exemzkz4C';

describe('useBalance', () => {
  test('data is the balance in bigint planck', () => {
    const balance = useBalance(alice);
    expectTypeOf(balance).toEqualTypeOf<QueryState<AccountBalance>>();
    expectTypeOf(balance.data?.delegable).toEqualTypeOf<bigint | undefined>();
    expectTypeOf(useBalance(selected)).toEqualTypeOf<QueryState<AccountBalance>>();
  });

  test('suspense: the balance is there', () => {
    const balance = useBalance(alice, { suspense: true });
    expectTypeOf(balance).toEqualTypeOf<SuspenseQueryState<AccountBalance>>();
    expectTypeOf(balance.data.free).toEqualTypeOf<bigint>();
  });

  test('arguments', () => {
    // @ts-expect-error the account is an SS58 string
    useBalance(new Uint8Array(32));
    // @ts-expect-error with suspense the account must be there
    useBalance(selected, { suspense: true });
  });
});
