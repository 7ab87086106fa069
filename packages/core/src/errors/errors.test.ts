import { describe, expect, it } from 'vitest';
import { pha } from '../amount.js';
import * as errors from './index.js';
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
    const categories = new Set<unknown>(errors.MINING_ERROR_CATEGORIES);
    const exported = Object.values(errors as Record<string, unknown>).filter(
      (value) =>
        typeof value === 'function' &&
        value.prototype instanceof errors.MiningError &&
        !categories.has(value),
    );
    expect(new Set(errors.MINING_ERROR_CLASSES)).toEqual(new Set(exported));
  });

  it('narrows this package’s errors only', () => {
    expect(isKnownMiningError(new StakeBelowMinimumError(1n, 2n))).toBe(true);
    class ElsewhereError extends MiningError {
      override readonly name = 'ElsewhereError' as const;
      readonly code = 'Elsewhere' as const;
      readonly category = 'unexpected' as const;
    }
    expect(isKnownMiningError(new ElsewhereError('x'))).toBe(false);
    expect(isKnownMiningError(new Error('x'))).toBe(false);
  });
});

describe('categories', () => {
  const byCategory = {
    input: errors.InputError,
    rule: errors.RuleError,
    chain: errors.ChainError,
    transport: errors.TransportError,
    compatibility: errors.CompatibilityError,
    signer: errors.SignerError,
    aborted: errors.AbortedError,
  } as const;

  it('every error is an instance of exactly the base class its category names', () => {
    for (const errorClass of errors.MINING_ERROR_CLASSES) {
      const instance = new (errorClass as unknown as new (...args: unknown[]) => errors.MiningError)(
        ...sampleArgs(errorClass),
      );
      const matching = Object.entries(byCategory).filter(([, base]) => instance instanceof base);
      if (instance.category === 'unexpected') expect(matching, errorClass.name).toEqual([]);
      else
        expect(
          matching.map(([name]) => name),
          errorClass.name,
        ).toEqual([instance.category]);
      expect(instance).toBeInstanceOf(MiningError);
    }
  });

  it('puts bad input, broken rules, chain refusals and transport failures apart', () => {
    expect(new errors.InvalidAmountError('-5', 'Negative')).toBeInstanceOf(errors.InputError);
    expect(new errors.InvalidPoolIdError(-1)).toBeInstanceOf(errors.InputError);
    expect(new errors.DescriptionTooLongError(4401, 4400)).toBeInstanceOf(errors.RuleError);
    expect(new StakeBelowMinimumError(1n, 2n)).toBeInstanceOf(errors.RuleError);
    expect(new errors.PoolNotFoundError(1n)).toBeInstanceOf(errors.RuleError);
    expect(new errors.PalletError('phalaStakePool', 'PoolDoesNotExist', '', 88, 9)).toBeInstanceOf(
      errors.ChainError,
    );
    expect(new errors.TransactionExpiredError('0x01', 9)).toBeInstanceOf(errors.ChainError);
    expect(new errors.ConnectionFailedError('ws://x', 'refused')).toBeInstanceOf(errors.TransportError);
    expect(new errors.UnsupportedRuntimeError('x', 'khala', 1)).toBeInstanceOf(errors.CompatibilityError);
    expect(new errors.UnexpectedError('x')).not.toBeInstanceOf(errors.RuleError);
  });
});

/** Arguments any error constructor accepts (figures of the first type that does not throw). */
function sampleArgs(errorClass: abstract new (...args: never[]) => unknown): unknown[] {
  for (const filler of [1n, 1, 'x', ['x']]) {
    const args = Array.from({ length: Math.max(errorClass.length, 1) }, () => filler);
    try {
      new (errorClass as unknown as new (...a: unknown[]) => unknown)(...args);
      return args;
    } catch {
      // another type: next
    }
  }
  throw new Error(`no arguments for ${errorClass.name}`);
}

describe('pallet errors and the rules they enforce', () => {
  it('a failure on chain names the SDK rule it enforces', () => {
    const error = new errors.PalletError('phalaStakePool', 'InsufficientContribution', '', 88, 11);
    expect(error.rule).toBe('ContributionBelowMinimum');
    expect(new errors.PalletError('phalaMining', 'TooMuchStake', '', 87, 13).rule).toBe('StakeAboveMaximum');
    expect(new errors.PalletError('balances', 'InsufficientBalance', '', 3, 2).rule).toBeUndefined();
    expect(
      new errors.PalletError('phalaStakePool', 'InternalSubsidyPoolCannotWithdraw', '', 88, 17).rule,
    ).toBe(undefined);
  });

  it('maps only to codes of rule errors, and reads both spellings of the pallet', () => {
    const ruleCodes = new Set(
      errors.MINING_ERROR_CLASSES.map(
        (errorClass) =>
          new (errorClass as unknown as new (...a: unknown[]) => MiningError)(...sampleArgs(errorClass)),
      )
        .filter((error) => error instanceof errors.RuleError)
        .map((error) => error.code),
    );
    for (const pallet of Object.values(errors.PALLET_ERROR_RULES))
      for (const code of Object.values(pallet)) expect(ruleCodes).toContain(code);
    expect(errors.palletErrorRule('PhalaStakePool', 'PoolDoesNotExist')).toBe('PoolNotFound');
    expect(errors.palletErrorRule('phalaStakePool', 'PoolDoesNotExist')).toBe('PoolNotFound');
    expect(errors.palletErrorRule('phalaStakePool', 'toString')).toBeUndefined();
  });
});
