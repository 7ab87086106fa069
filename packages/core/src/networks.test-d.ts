import type { ApiOptions } from '@polkadot/api/types';
import { assertType, describe, expectTypeOf, test } from 'vitest';
import { DEVCHAIN, KHALA, NETWORKS, type NetworkPreset, PHALA, PHALA_SIGNED_EXTENSIONS } from './index.js';

describe('network presets', () => {
  test('NETWORKS names exactly the three presets, and dev as the dev chain short name', () => {
    expectTypeOf<keyof typeof NETWORKS>().toEqualTypeOf<'khala' | 'phala' | 'devchain' | 'dev'>();
    expectTypeOf(NETWORKS.khala).toEqualTypeOf<NetworkPreset>();
    expectTypeOf(KHALA).toEqualTypeOf<NetworkPreset>();
    expectTypeOf(PHALA).toEqualTypeOf<NetworkPreset>();
    expectTypeOf(DEVCHAIN).toEqualTypeOf<NetworkPreset>();
    // @ts-expect-error there is no kusama preset
    NETWORKS.kusama;
  });

  test('a preset', () => {
    expectTypeOf<NetworkPreset['name']>().toEqualTypeOf<'khala' | 'phala' | 'devchain'>();
    expectTypeOf<NetworkPreset['endpoint']>().toEqualTypeOf<string>();
    expectTypeOf<NetworkPreset['ss58Format']>().toEqualTypeOf<number>();
    expectTypeOf<NetworkPreset['signedExtensions']>().toEqualTypeOf<
      NonNullable<ApiOptions['signedExtensions']>
    >();
    expectTypeOf(PHALA_SIGNED_EXTENSIONS).toEqualTypeOf<NonNullable<ApiOptions['signedExtensions']>>();
  });

  test('presets and their table are read-only', () => {
    // @ts-expect-error readonly
    KHALA.endpoint = 'ws://evil.example';
    // @ts-expect-error readonly
    NETWORKS.khala = DEVCHAIN;
    assertType<NetworkPreset>({ ...DEVCHAIN, endpoint: 'ws://10.0.0.2:9944' });
    // @ts-expect-error a preset's name is one of the known networks
    assertType<NetworkPreset>({ ...DEVCHAIN, name: 'kusama' });
  });
});
