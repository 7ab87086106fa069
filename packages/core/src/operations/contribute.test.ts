import { describe, expect, it } from 'vitest';
import { ALICE, BOB, PHA, pool } from '../../test/stateFixtures.js';
import type { AccountBalance } from '../state/records.js';
import { capGap, checkContribute } from './contribute.js';

const bal = (delegable: bigint): AccountBalance => ({
  free: delegable,
  reserved: 0n,
  frozen: 0n,
  lockedByPools: 0n,
  delegable,
});
const MIN = 10_000_000_000n;

describe('checkContribute', () => {
  it('accepts what fits', () => {
    expect(() => checkContribute(0n, pool(), BOB, MIN, bal(MIN), MIN)).not.toThrow();
    expect(() =>
      checkContribute(0n, pool({ cap: 10n * PHA, totalStake: 4n * PHA }), BOB, 6n * PHA, bal(10n * PHA), MIN),
    ).not.toThrow();
  });
  it('fails in the chain order', () => {
    expect(() => checkContribute(0n, undefined, BOB, 1n, bal(0n), MIN)).toThrow(
      expect.objectContaining({ code: 'PoolNotFound' }),
    );
    expect(() => checkContribute(0n, pool({ whitelist: [ALICE] }), BOB, 1n, bal(0n), MIN)).toThrow(
      expect.objectContaining({ code: 'NotWhitelisted' }),
    );
    expect(() => checkContribute(0n, pool(), BOB, MIN - 1n, bal(0n), MIN)).toThrow(
      expect.objectContaining({ code: 'ContributionBelowMinimum', minimum: MIN }),
    );
    expect(() => checkContribute(0n, pool(), BOB, MIN, bal(MIN - 1n), MIN)).toThrow(
      expect.objectContaining({ code: 'InsufficientDelegableBalance', delegable: MIN - 1n }),
    );
    expect(() => checkContribute(0n, pool({ totalShares: 5n }), BOB, MIN, bal(MIN), MIN)).toThrow(
      expect.objectContaining({ code: 'PoolBankrupt' }),
    );
    expect(() =>
      checkContribute(
        0n,
        pool({ cap: 10n * PHA, totalStake: 4n * PHA }),
        BOB,
        6n * PHA + 1n,
        bal(100n * PHA),
        MIN,
      ),
    ).toThrow(expect.objectContaining({ code: 'ContributionExceedsCap', capGap: 6n * PHA }));
  });
  it('lets the owner into a whitelisted pool', () => {
    expect(() => checkContribute(0n, pool({ whitelist: [BOB] }), ALICE, MIN, bal(MIN), MIN)).not.toThrow();
  });
  it('computes the cap gap', () => {
    expect(capGap(pool())).toBeUndefined();
    expect(capGap(pool({ cap: 5n, totalStake: 7n }))).toBe(0n);
  });
});
