import type { PalletRuleCode } from '@phala-mining/errors';
import { describe, expectTypeOf, test } from 'vitest';
import type {
  ContributeErrorType,
  MiningError,
  RestartMiningErrorType,
  RuleErrorCode,
  SendErrorType,
  StartMiningErrorType,
  WithdrawErrorType,
} from '../index.js';

describe('per-operation error unions', () => {
  test('hold the operation’s own rules and what sending can end in, nothing else', () => {
    expectTypeOf<'ContributionBelowMinimum'>().toExtend<ContributeErrorType['code']>();
    expectTypeOf<'ContributionExceedsCap'>().toExtend<ContributeErrorType['code']>();
    expectTypeOf<'PalletError'>().toExtend<ContributeErrorType['code']>();
    expectTypeOf<'StakeBelowMinimum'>().not.toExtend<ContributeErrorType['code']>();
    expectTypeOf<'StakeBelowMinimum'>().toExtend<StartMiningErrorType['code']>();
    expectTypeOf<'ContributionBelowMinimum'>().not.toExtend<StartMiningErrorType['code']>();
    expectTypeOf<'RestartStakeNotHigher' | 'MiningDisabled' | 'StakeAboveMaximum'>().toExtend<
      RestartMiningErrorType['code']
    >();
    expectTypeOf<'NoStake' | 'InvalidWithdrawal' | 'InvalidWithdrawalInput'>().toExtend<
      WithdrawErrorType['code']
    >();
    expectTypeOf<SendErrorType>().toExtend<MiningError>();
  });

  test('narrow by code to the class and its figures', () => {
    const handle = (error: ContributeErrorType) => {
      switch (error.code) {
        case 'ContributionExceedsCap':
          expectTypeOf(error.capGap).toEqualTypeOf<bigint>();
          return error.capGap;
        case 'ContributionBelowMinimum':
          expectTypeOf(error.minimum).toEqualTypeOf<bigint>();
          return error.minimum;
        case 'PalletError':
          // the codes the pallet error table maps to (@phala-mining/errors), every one of them a rule code of core's
          expectTypeOf(error.rule).toEqualTypeOf<PalletRuleCode | undefined>();
          expectTypeOf(error.rule).toExtend<RuleErrorCode | undefined>();
          return 0n;
        default:
          // @ts-expect-error only the rules of contribute are left; a stake range is not among them
          error.code === 'StakeBelowMinimum';
          return 0n;
      }
    };
    expectTypeOf(handle).returns.toEqualTypeOf<bigint>();
  });
});
