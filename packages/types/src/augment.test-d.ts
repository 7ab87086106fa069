import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Event } from '@polkadot/types/interfaces';
import type { AccountId32, Permill } from '@polkadot/types/interfaces/runtime';
import type { Option, u64, u128, Vec } from '@polkadot/types-codec';
import type { ITuple } from '@polkadot/types-codec/types';
import { describe, expectTypeOf, test } from 'vitest';
import {
  khalaApiOptions,
  type PhalaPalletsMiningPalletMinerInfo,
  type PhalaPalletsMiningPalletMinerState,
  type PhalaPalletsRegistryPalletWorkerInfo,
  type PhalaPalletsStakepoolPalletPoolInfo,
  type PhalaPalletsStakepoolPalletUserStakeInfo,
  type PhalaPalletsStakepoolPalletWithdrawInfo,
  type PhalaTypesMessagingTokenomicParameters,
  type SpCoreSr25519Public,
  type WorkerPublicKey,
} from './index.js';

declare const api: ApiPromise;
declare const event: Event;
const worker = `0x${'11'.repeat(32)}`;
const alice = '5GrwvaDbBKf6QmhcYB8VmZS4DJdkfqD5SuLMnG7exemzkz4C';

describe('api.tx', () => {
  test('stake pool calls take their arguments', () => {
    expectTypeOf(api.tx.phalaStakePool.contribute(0, 10n ** 12n)).toEqualTypeOf<
      SubmittableExtrinsic<'promise'>
    >();
    api.tx.phalaStakePool.create();
    api.tx.phalaStakePool.setCap(0, '1000000000000');
    api.tx.phalaStakePool.setPayoutPref(0, 50_000);
    api.tx.phalaStakePool.addWorker(0, worker);
    api.tx.phalaStakePool.startMining(0, worker, 3_000n * 10n ** 12n);
    api.tx.phalaStakePool.withdraw(0, 1n);
    api.tx.phalaStakePool.claimRewards(0, alice);
    api.tx.phalaRegistry.forceRegisterWorker(worker, worker, null);
    expectTypeOf(api.tx.phalaStakePool.contribute.meta.args).not.toBeAny();
  });

  test('wrong calls do not compile', () => {
    // @ts-expect-error amount is a number, not a boolean
    api.tx.phalaStakePool.contribute(0, true);
    // @ts-expect-error pid is a number, not an object
    api.tx.phalaStakePool.contribute({ pid: 0 }, 1n);
    // @ts-expect-error amount is missing
    api.tx.phalaStakePool.contribute(0);
    // @ts-expect-error there is no such call (strict typegen: no `[key: string]` catch-all)
    api.tx.phalaStakePool.stake(0, 1n);
    // @ts-expect-error create takes no arguments
    api.tx.phalaStakePool.create(0);
  });
});

describe('api.query', () => {
  test('storage items return the named lookup types', async () => {
    expectTypeOf(await api.query.phalaStakePool.stakePools(0)).toEqualTypeOf<
      Option<PhalaPalletsStakepoolPalletPoolInfo>
    >();
    expectTypeOf(await api.query.phalaStakePool.poolStakers([0, alice])).toEqualTypeOf<
      Option<PhalaPalletsStakepoolPalletUserStakeInfo>
    >();
    expectTypeOf(await api.query.phalaStakePool.poolCount()).toEqualTypeOf<u64>();
    expectTypeOf(await api.query.phalaMining.miners(alice)).toEqualTypeOf<
      Option<PhalaPalletsMiningPalletMinerInfo>
    >();
    expectTypeOf(await api.query.phalaMining.tokenomicParameters()).toEqualTypeOf<
      Option<PhalaTypesMessagingTokenomicParameters>
    >();
    expectTypeOf(await api.query.phalaRegistry.workers(worker)).toEqualTypeOf<
      Option<PhalaPalletsRegistryPalletWorkerInfo>
    >();
    expectTypeOf(await api.query.system.account(alice)).toHaveProperty('data');
  });

  test('the lookup types have their fields', () => {
    expectTypeOf<PhalaPalletsStakepoolPalletPoolInfo['pid']>().toEqualTypeOf<u64>();
    expectTypeOf<PhalaPalletsStakepoolPalletPoolInfo['owner']>().toEqualTypeOf<AccountId32>();
    expectTypeOf<PhalaPalletsStakepoolPalletPoolInfo['payoutCommission']>().toEqualTypeOf<Option<Permill>>();
    expectTypeOf<PhalaPalletsStakepoolPalletPoolInfo['cap']>().toEqualTypeOf<Option<u128>>();
    expectTypeOf<PhalaPalletsStakepoolPalletPoolInfo['workers']>().toEqualTypeOf<Vec<SpCoreSr25519Public>>();
    expectTypeOf<PhalaPalletsStakepoolPalletPoolInfo['withdrawQueue']>().toEqualTypeOf<
      Vec<PhalaPalletsStakepoolPalletWithdrawInfo>
    >();
    expectTypeOf<PhalaPalletsStakepoolPalletUserStakeInfo['shares']>().toEqualTypeOf<u128>();
    expectTypeOf<
      PhalaPalletsMiningPalletMinerInfo['state']
    >().toEqualTypeOf<PhalaPalletsMiningPalletMinerState>();
    expectTypeOf<PhalaPalletsMiningPalletMinerState['isMiningIdle']>().toEqualTypeOf<boolean>();
    // App-level alias and lookup type are the same shape (both a 32-byte U8aFixed).
    expectTypeOf<WorkerPublicKey>().toMatchTypeOf<SpCoreSr25519Public>();
  });

  test('unknown storage items do not compile', () => {
    // @ts-expect-error there is no such storage item
    api.query.phalaStakePool.pools(0);
    // @ts-expect-error the key is a pool id, not a boolean
    api.query.phalaStakePool.stakePools(true);
  });
});

describe('api.events / consts / errors', () => {
  test('event guards narrow to typed data', () => {
    if (api.events.phalaStakePool.PoolCreated.is(event)) {
      expectTypeOf(event.data.owner).toEqualTypeOf<AccountId32>();
      expectTypeOf(event.data.pid).toEqualTypeOf<u64>();
      expectTypeOf(event.data[1]).toEqualTypeOf<u64>();
    }
    if (api.events.phalaStakePool.Contribution.is(event)) {
      expectTypeOf(event.data.amount).toEqualTypeOf<u128>();
    }
    // @ts-expect-error there is no such event
    api.events.phalaStakePool.PoolDestroyed.is(event);
  });

  test('constants and errors', () => {
    expectTypeOf(api.consts.phalaStakePool.minContribution).toMatchTypeOf<u128>();
    expectTypeOf(api.errors.phalaStakePool.InsufficientContribution.is).toBeFunction();
    // @ts-expect-error there is no such constant
    api.consts.phalaStakePool.maxContribution;
  });

  test('tuple keys of double maps', async () => {
    const keys = await api.query.phalaStakePool.poolStakers.keys();
    expectTypeOf(keys[0]!.args).toEqualTypeOf<[ITuple<[u64, AccountId32]>]>();
  });
});

describe('khalaApiOptions', () => {
  test('returns ApiOptions', () => {
    expectTypeOf(khalaApiOptions).parameter(0).not.toBeAny();
    expectTypeOf(khalaApiOptions).returns.toHaveProperty('signedExtensions');
  });
});
