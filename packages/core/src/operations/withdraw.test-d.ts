import { assertType, describe, expectTypeOf, test } from 'vitest';
import {
  checkWithdraw,
  type PoolInfo,
  type StakerInfo,
  sharesToWithdraw,
  type WithdrawInput,
} from '../index.js';

declare const pool: PoolInfo;
declare const staker: StakerInfo;
declare const input: WithdrawInput;
const alice = '5GrwvaDbBKf6QmhcYB8VmZS4DJdkfqD5SuLMnG7exemzkz4C';

describe('WithdrawInput', () => {
  test('is shares, a planck amount, or everything', () => {
    expectTypeOf<WithdrawInput>().toEqualTypeOf<
      | { shares: bigint; amount?: never; all?: never }
      | { amount: bigint; shares?: never; all?: never }
      | { all: true; shares?: never; amount?: never }
    >();
    assertType<WithdrawInput>({ shares: 5_000n });
    assertType<WithdrawInput>({ amount: 10n ** 12n });
    assertType<WithdrawInput>({ all: true });
  });

  test('narrows on the field that is set', () => {
    if (input.shares !== undefined) expectTypeOf(input.shares).toEqualTypeOf<bigint>();
    else if (input.amount !== undefined) expectTypeOf(input.amount).toEqualTypeOf<bigint>();
    else expectTypeOf(input.all).toEqualTypeOf<true>();
  });

  test('wrong inputs do not compile', () => {
    // @ts-expect-error shares are a bigint
    assertType<WithdrawInput>({ shares: 5000 });
    // @ts-expect-error planck amounts are a bigint
    assertType<WithdrawInput>({ amount: '10' });
    // @ts-expect-error `all` is literally true
    assertType<WithdrawInput>({ all: false });
    // @ts-expect-error empty
    assertType<WithdrawInput>({});
    // @ts-expect-error shares and everything at once is ambiguous
    assertType<WithdrawInput>({ shares: 5_000n, all: true });
    // @ts-expect-error shares and an amount at once is ambiguous
    assertType<WithdrawInput>({ shares: 5_000n, amount: 10n });
  });
});

test('the pure helpers work in shares (bigint)', () => {
  expectTypeOf(sharesToWithdraw(input, pool, staker)).toEqualTypeOf<bigint>();
  expectTypeOf(checkWithdraw(1n, pool, alice, staker, 5_000n)).toEqualTypeOf<void>();
  // @ts-expect-error shares are a bigint
  checkWithdraw(1n, pool, alice, staker, 5000);
});
