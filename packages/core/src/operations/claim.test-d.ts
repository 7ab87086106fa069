import { assertType, describe, expectTypeOf, test } from 'vitest';
import {
  type ClaimableRewards,
  type ClaimKind,
  checkClaim,
  claimableRewards,
  type PoolInfo,
  type StakerInfo,
} from '../index.js';

declare const pool: PoolInfo;
declare const staker: StakerInfo | undefined;
const alice = '5GrwvaDbBKf6QmhcYB8VmZS4DJdkfqD5SuLMnG7exemzkz4C';

describe('claim', () => {
  test('the kinds', () => {
    expectTypeOf<ClaimKind>().toEqualTypeOf<'owner' | 'staker' | 'both'>();
    assertType<ClaimKind>('owner');
    // @ts-expect-error not a claim kind
    assertType<ClaimKind>('all');
  });

  test('claimable rewards are bigint planck, per part', () => {
    expectTypeOf(claimableRewards(pool, alice, staker)).toEqualTypeOf<ClaimableRewards>();
    expectTypeOf<ClaimableRewards>().toEqualTypeOf<{ owner: bigint; staker: bigint }>();
    expectTypeOf(checkClaim(1n, pool, alice, staker, 'both')).toEqualTypeOf<ClaimableRewards>();
  });

  test('checkClaim refuses a number pool id and an unknown kind', () => {
    // @ts-expect-error the pool id is a bigint here (already normalised)
    checkClaim(1, pool, alice, staker, 'both');
    // @ts-expect-error not a claim kind
    checkClaim(1n, pool, alice, staker, 'everything');
    // @ts-expect-error the staker record may be undefined, not omitted
    checkClaim(1n, pool, alice);
  });
});
