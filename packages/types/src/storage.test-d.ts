import { describe, expectTypeOf, test } from 'vitest';
import type {
  KhalaStorage,
  PlainPhalaPalletsMiningPalletMinerInfo,
  PlainPhalaPalletsMiningPalletMinerState,
  PlainPhalaPalletsStakepoolPalletPoolInfo,
  StorageKeyArgs,
  StorageRequestOf,
  StorageValue,
} from './index.js';

describe('KhalaStorage: the plain shapes of the raw-storage codecs', () => {
  test('PoolInfo has the metadata field names and plain JavaScript values', () => {
    expectTypeOf<PlainPhalaPalletsStakepoolPalletPoolInfo['free_stake']>().toEqualTypeOf<bigint>();
    expectTypeOf<PlainPhalaPalletsStakepoolPalletPoolInfo['owner']>().toEqualTypeOf<string>();
    // Option<Permill>: a one-field struct collapses into its u32
    expectTypeOf<PlainPhalaPalletsStakepoolPalletPoolInfo['payout_commission']>().toEqualTypeOf<
      number | undefined
    >();
    expectTypeOf<PlainPhalaPalletsStakepoolPalletPoolInfo['workers']>().toEqualTypeOf<string[]>();
    // @ts-expect-error the decoders keep snake_case: there is no camelCase field
    expectTypeOf<PlainPhalaPalletsStakepoolPalletPoolInfo['freeStake']>();
  });

  test('enums are { type, value } unions', () => {
    expectTypeOf<PlainPhalaPalletsMiningPalletMinerState['type']>().toEqualTypeOf<
      // 1192 keeps index 2 as `_Unused` (it was MiningActive)
      'Ready' | 'MiningIdle' | '_Unused' | 'MiningUnresponsive' | 'MiningCoolingDown'
    >();
    expectTypeOf<
      PlainPhalaPalletsMiningPalletMinerInfo['state']
    >().toEqualTypeOf<PlainPhalaPalletsMiningPalletMinerState>();
  });

  test('items map to their key arguments and optional or default values', () => {
    expectTypeOf<StorageKeyArgs<'PhalaStakePool', 'StakePools'>>().toEqualTypeOf<[bigint]>();
    expectTypeOf<StorageValue<'PhalaStakePool', 'StakePools'>>().toEqualTypeOf<
      PlainPhalaPalletsStakepoolPalletPoolInfo | undefined
    >();
    // ValueQuery with a default: never undefined
    expectTypeOf<StorageValue<'PhalaStakePool', 'PoolCount'>>().toEqualTypeOf<bigint>();
    expectTypeOf<StorageKeyArgs<'PhalaStakePool', 'PoolCount'>>().toEqualTypeOf<[]>();
    expectTypeOf<StorageValue<'PhalaStakePool', 'PoolDescriptions'>>().toEqualTypeOf<
      Uint8Array | undefined
    >();
    expectTypeOf<KhalaStorage['System']['Account']['value']['data']['free']>().toEqualTypeOf<bigint>();
    // @ts-expect-error no such storage item
    expectTypeOf<StorageValue<'PhalaStakePool', 'Pools'>>();
  });

  test('requests are checked against the item and its key', () => {
    expectTypeOf<readonly ['PhalaStakePool', 'StakePools', bigint]>().toExtend<StorageRequestOf>();
    expectTypeOf<readonly ['PhalaStakePool', 'PoolCount']>().toExtend<StorageRequestOf>();
    expectTypeOf<readonly ['PhalaStakePool', 'StakePools', string]>().not.toExtend<StorageRequestOf>();
    expectTypeOf<readonly ['PhalaStakePool', 'StakePools']>().not.toExtend<StorageRequestOf>();
  });
});
