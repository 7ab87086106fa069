import { describe, expectTypeOf, test } from 'vitest';
import type {
  AccountBalance,
  MinerInfo,
  MinerStateName,
  Overview,
  OverviewTotals,
  PoolDescriptionContent,
  PoolInfo,
  QueuedWithdrawal,
  StakeView,
  TokenomicsView,
  WithdrawRequestInfo,
  WorkerDisplayState,
  WorkerView,
} from '../index.js';

describe('the plain state shapes', () => {
  test('PoolInfo: bigint planck and ids, SS58 text, optional cap and whitelist', () => {
    expectTypeOf<PoolInfo['pid']>().toEqualTypeOf<bigint>();
    expectTypeOf<PoolInfo['owner']>().toEqualTypeOf<string>();
    expectTypeOf<PoolInfo['commission']>().toEqualTypeOf<number>();
    expectTypeOf<PoolInfo['cap']>().toEqualTypeOf<bigint | undefined>();
    expectTypeOf<PoolInfo['totalStake']>().toEqualTypeOf<bigint>();
    expectTypeOf<PoolInfo['freeStake']>().toEqualTypeOf<bigint>();
    expectTypeOf<PoolInfo['totalShares']>().toEqualTypeOf<bigint>();
    expectTypeOf<PoolInfo['workers']>().toEqualTypeOf<string[]>();
    expectTypeOf<PoolInfo['withdrawQueue']>().toEqualTypeOf<WithdrawRequestInfo[]>();
    expectTypeOf<PoolInfo['whitelist']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<PoolInfo['description']>().toEqualTypeOf<PoolDescriptionContent>();
    expectTypeOf<PoolInfo>().not.toHaveProperty('stakers');
  });

  test('workers: display states and chain states are closed unions', () => {
    expectTypeOf<WorkerDisplayState>().toEqualTypeOf<
      'Ready' | 'Mining' | 'Unresponsive' | 'CoolingDown' | 'Unbound'
    >();
    expectTypeOf<MinerStateName>().toEqualTypeOf<
      'Ready' | 'MiningIdle' | 'MiningUnresponsive' | 'MiningCoolingDown'
    >();
    expectTypeOf<WorkerView['state']>().toEqualTypeOf<WorkerDisplayState>();
    expectTypeOf<WorkerView['minerState']>().toEqualTypeOf<MinerStateName | undefined>();
    expectTypeOf<MinerInfo['state']>().toEqualTypeOf<MinerStateName>();
    expectTypeOf<WorkerView['stake']>().toEqualTypeOf<bigint>();
    // the guide's names: Smin and Smax
    expectTypeOf<WorkerView['smin']>().toEqualTypeOf<bigint | undefined>();
    expectTypeOf<WorkerView['smax']>().toEqualTypeOf<bigint | undefined>();
    expectTypeOf<WorkerView>().not.toHaveProperty('minStake');
    expectTypeOf<WorkerView['cooldownEnd']>().toEqualTypeOf<bigint | undefined>();
    expectTypeOf<WorkerView['reclaimable']>().toEqualTypeOf<boolean>();
  });

  test('stake, queue, balance, tokenomics', () => {
    expectTypeOf<StakeView['locked']>().toEqualTypeOf<bigint>();
    expectTypeOf<StakeView['claimableRewards']>().toEqualTypeOf<bigint>();
    expectTypeOf<StakeView['queuedWithdrawal']>().toEqualTypeOf<QueuedWithdrawal | undefined>();
    expectTypeOf<QueuedWithdrawal>().toExtend<WithdrawRequestInfo>();
    expectTypeOf<QueuedWithdrawal['countdown']>().toEqualTypeOf<bigint>();
    expectTypeOf<AccountBalance['delegable']>().toEqualTypeOf<bigint>();
    expectTypeOf<TokenomicsView['coolDownPeriod']>().toEqualTypeOf<bigint>();
    expectTypeOf<TokenomicsView['miningEnabled']>().toEqualTypeOf<boolean>();
    expectTypeOf<TokenomicsView['params']>().not.toBeAny();
    expectTypeOf<TokenomicsView['params']>().toExtend<object | undefined>();
  });

  test('overview totals count workers by display state', () => {
    expectTypeOf<Overview['totals']>().toEqualTypeOf<OverviewTotals>();
    expectTypeOf<OverviewTotals['workersByState']>().toEqualTypeOf<Record<WorkerDisplayState, number>>();
    expectTypeOf<OverviewTotals['totalStake']>().toEqualTypeOf<bigint>();
  });
});
