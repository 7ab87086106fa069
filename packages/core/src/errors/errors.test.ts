import { describe, expect, it } from 'vitest';
import { pha } from '../amount.js';
import {
  ContributionExceedsCapError,
  InvalidWithdrawalError,
  isKnownMiningError,
  MiningError,
  StakeAboveMaximumError,
  StakeBelowMinimumError,
} from './index.js';

describe('error messages', () => {
  it('name the rule and give the amounts in exact PHA, keeping planck on the fields', () => {
    const low = new StakeBelowMinimumError(pha('4000'), 4_472_135_954_999_579n);
    expect(low.message).toBe(
      "a worker's stake must be at least Smin: stake 4,000 PHA < Smin 4,472.135954999579 PHA",
    );
    expect(low).toMatchObject({
      name: 'StakeBelowMinimumError',
      code: 'StakeBelowMinimum',
      minimum: 4_472_135_954_999_579n,
    });
    expect(new StakeAboveMaximumError(1n, undefined).message).toBe(
      "a worker's stake must be at most Smax: this worker accepts no stake (stake 0.000000000001 PHA)",
    );
    expect(
      new ContributionExceedsCapError(pha('2000'), pha('1500.5'), pha('50000'), pha('48499.5')).message,
    ).toBe(
      'a contribution must fit the pool cap gap: 2,000 PHA > gap 1,500.5 PHA (cap 50,000 PHA − total stake 48,499.5 PHA)',
    );
    expect(new InvalidWithdrawalError(900n, pha('16000')).message).toBe(
      'a withdrawal must be more than 1000 share units (dust) and at most the shares held: 900 share units requested, 16,000 shares held',
    );
  });
});

describe('MINING_ERROR_CLASSES', () => {
  it('lists every concrete error class the module exports', async () => {
    const errors = await import('./index.js');
    const exported = Object.values(errors as Record<string, unknown>).filter(
      (value) => typeof value === 'function' && value.prototype instanceof errors.MiningError,
    );
    expect(new Set(errors.MINING_ERROR_CLASSES)).toEqual(new Set(exported));
  });

  it('narrows this package’s errors only', () => {
    expect(isKnownMiningError(new StakeBelowMinimumError(1n, 2n))).toBe(true);
    class ElsewhereError extends MiningError {
      readonly code = 'Elsewhere' as const;
    }
    expect(isKnownMiningError(new ElsewhereError('x'))).toBe(false);
    expect(isKnownMiningError(new Error('x'))).toBe(false);
  });
});
