import { assertType, describe, expectTypeOf, test } from 'vitest';
import {
  type CapBelowTotalStakeError,
  type ClientClosedError,
  ContributionBelowMinimumError,
  ContributionExceedsCapError,
  CooldownNotOverError,
  type EmptyChainError,
  InvalidAmountError,
  type InvalidAmountReason,
  type InvalidPercentError,
  isKnownMiningError,
  MiningError,
  type MiningErrorCode,
  NoRewardToClaimError,
  type NotPoolOwnerError,
  PalletError,
  PoolNotFoundError,
  StakeAboveMaximumError,
  type StakeBelowMinimumError,
  TransactionRejectedError,
  UnexpectedError,
  type UnsupportedRuntimeError,
  WorkerStateError,
} from '../index.js';

declare const error: unknown;
declare const mining: MiningError;

describe('codes are literal types', () => {
  test('each class declares its own code', () => {
    expectTypeOf<InvalidAmountError['code']>().toEqualTypeOf<'InvalidAmount'>();
    expectTypeOf<InvalidPercentError['code']>().toEqualTypeOf<'InvalidPercent'>();
    expectTypeOf<EmptyChainError['code']>().toEqualTypeOf<'EmptyChain'>();
    expectTypeOf<PoolNotFoundError['code']>().toEqualTypeOf<'PoolNotFound'>();
    expectTypeOf<NotPoolOwnerError['code']>().toEqualTypeOf<'NotPoolOwner'>();
    expectTypeOf<CapBelowTotalStakeError['code']>().toEqualTypeOf<'CapBelowTotalStake'>();
    expectTypeOf<WorkerStateError['code']>().toEqualTypeOf<'WorkerState'>();
    expectTypeOf<CooldownNotOverError['code']>().toEqualTypeOf<'CooldownNotOver'>();
    expectTypeOf<StakeBelowMinimumError['code']>().toEqualTypeOf<'StakeBelowMinimum'>();
    expectTypeOf<StakeAboveMaximumError['code']>().toEqualTypeOf<'StakeAboveMaximum'>();
    expectTypeOf<ContributionBelowMinimumError['code']>().toEqualTypeOf<'ContributionBelowMinimum'>();
    expectTypeOf<ContributionExceedsCapError['code']>().toEqualTypeOf<'ContributionExceedsCap'>();
    expectTypeOf<NoRewardToClaimError['code']>().toEqualTypeOf<'NoRewardToClaim'>();
    expectTypeOf<UnsupportedRuntimeError['code']>().toEqualTypeOf<'UnsupportedRuntime'>();
    expectTypeOf<PalletError['code']>().toEqualTypeOf<'PalletError'>();
    expectTypeOf<TransactionRejectedError['code']>().toEqualTypeOf<'TransactionRejected'>();
    expectTypeOf<UnexpectedError['code']>().toEqualTypeOf<'Unexpected'>();
    expectTypeOf<ClientClosedError['code']>().toEqualTypeOf<'ClientClosed'>();
  });

  test('the base class only promises a string; codes cannot be reassigned', () => {
    expectTypeOf(mining.code).toEqualTypeOf<string>();
    // the base promises a string name; every class spells out its own as a literal (it survives minification)
    expectTypeOf(mining.name).toEqualTypeOf<string>();
    expectTypeOf<PoolNotFoundError['name']>().toEqualTypeOf<'PoolNotFoundError'>();
    expectTypeOf<StakeBelowMinimumError['name']>().toEqualTypeOf<'StakeBelowMinimumError'>();
    expectTypeOf<PalletError['name']>().toEqualTypeOf<'PalletError'>();
    const e = new PoolNotFoundError(1n);
    // @ts-expect-error readonly
    e.code = 'PoolNotFound';
    // @ts-expect-error readonly figures
    e.pid = 2n;
  });
});

describe('errors are Errors and narrow by instanceof', () => {
  test('every class extends MiningError and Error', () => {
    expectTypeOf<PoolNotFoundError>().toExtend<MiningError>();
    expectTypeOf<UnexpectedError>().toExtend<MiningError>();
    expectTypeOf<MiningError>().toExtend<Error>();
    expectTypeOf<Error>().not.toExtend<MiningError>();
  });

  test('instanceof gives the figures behind the decision', () => {
    if (error instanceof ContributionExceedsCapError) {
      expectTypeOf(error.code).toEqualTypeOf<'ContributionExceedsCap'>();
      expectTypeOf(error.amount).toEqualTypeOf<bigint>();
      expectTypeOf(error.capGap).toEqualTypeOf<bigint>();
      expectTypeOf(error.cap).toEqualTypeOf<bigint>();
      expectTypeOf(error.totalStake).toEqualTypeOf<bigint>();
    }
    if (error instanceof StakeAboveMaximumError) {
      expectTypeOf(error.stake).toEqualTypeOf<bigint>();
      expectTypeOf(error.maximum).toEqualTypeOf<bigint | undefined>();
    }
    if (error instanceof InvalidAmountError) {
      expectTypeOf(error.reason).toEqualTypeOf<InvalidAmountReason>();
      expectTypeOf<InvalidAmountReason>().toEqualTypeOf<
        'NotANumber' | 'Negative' | 'NotPositive' | 'TooManyDecimals'
      >();
      expectTypeOf(error.input).toBeUnknown();
    }
    if (error instanceof NoRewardToClaimError) {
      expectTypeOf(error.which).toEqualTypeOf<'owner' | 'staker' | 'both'>();
    }
    if (error instanceof WorkerStateError) {
      expectTypeOf(error.expected).toEqualTypeOf<readonly string[]>();
    }
    if (error instanceof PalletError) {
      expectTypeOf(error.section).toEqualTypeOf<string>();
      expectTypeOf(error.errorName).toEqualTypeOf<string>();
      expectTypeOf(error.index).toEqualTypeOf<number>();
    }
    if (error instanceof CooldownNotOverError) {
      expectTypeOf(error.cooldownEnd).toEqualTypeOf<bigint>();
    }
    if (error instanceof TransactionRejectedError) {
      expectTypeOf(error.hash).toEqualTypeOf<string | undefined>();
    }
  });

  test('a concrete class compares its code against its literal only', () => {
    const e = new PoolNotFoundError(1n);
    expectTypeOf(e.code).toEqualTypeOf<'PoolNotFound'>();
    // @ts-expect-error the code of a PoolNotFoundError is never another one
    if (e.code === 'NotPoolOwner') throw e;
  });
});

describe('constructors', () => {
  test('take the figures with their types', () => {
    new PoolNotFoundError(1n);
    new ContributionBelowMinimumError(1n, 2n);
    new InvalidAmountError('1.2.3', 'NotANumber');
    new UnexpectedError('rpc failed', { cause: new Error('socket') });
    new NoRewardToClaimError(1n, 'alice', 'owner');
    // @ts-expect-error pool ids are bigint
    new PoolNotFoundError(1);
    // @ts-expect-error planck amounts are bigint
    new ContributionBelowMinimumError(1, 2);
    // @ts-expect-error no such reason
    new InvalidAmountError('x', 'Overflow');
    // @ts-expect-error the claim kinds are owner, staker, both
    new NoRewardToClaimError(1n, 'alice', 'all');
  });

  test('the base class is abstract', () => {
    // @ts-expect-error abstract: throw one of the concrete classes
    new MiningError('boom');
  });
});

describe('KnownMiningError', () => {
  test('switching on code narrows to the class', () => {
    const handle = (error: unknown): string => {
      if (!isKnownMiningError(error)) return 'other';
      switch (error.code) {
        case 'StakeBelowMinimum':
          expectTypeOf(error).toEqualTypeOf<StakeBelowMinimumError>();
          return `${error.minimum}`;
        case 'PalletError':
          expectTypeOf(error.errorName).toEqualTypeOf<string>();
          return error.errorName;
        default:
          return error.code;
      }
    };
    expectTypeOf(handle).returns.toEqualTypeOf<string>();
  });

  test('MiningErrorCode is the closed set of codes', () => {
    expectTypeOf<'StakeBelowMinimum'>().toExtend<MiningErrorCode>();
    expectTypeOf<'ConnectionTimeout'>().toExtend<MiningErrorCode>();
    // @ts-expect-error not a code of this package
    assertType<MiningErrorCode>('NoSuchCode');
  });
});
