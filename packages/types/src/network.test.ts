import { ApiPromise, WsProvider } from '@polkadot/api';
import { TypeRegistry } from '@polkadot/types';
import { describe, expect, test } from 'vitest';
import {
  KHALA_SS58_FORMAT,
  KHALA_TOKEN_DECIMALS,
  KHALA_TOKEN_SYMBOL,
  khalaApiOptions,
  khalaChainProperties,
  khalaSignedExtensions,
  PHA,
} from './index.js';

describe('network constants', () => {
  test('Khala: SS58 30, 12 decimals, PHA', () => {
    expect(KHALA_SS58_FORMAT).toBe(30);
    expect(KHALA_TOKEN_DECIMALS).toBe(12);
    expect(KHALA_TOKEN_SYMBOL).toBe('PHA');
    expect(PHA).toBe(1_000_000_000_000n);
    expect(khalaChainProperties).toEqual({ ss58Format: 30, tokenDecimals: 12, tokenSymbol: 'PHA' });
  });
});

describe('khalaApiOptions', () => {
  test('declares CheckMqSequence, the app-level types and noInitWarn', () => {
    const provider = new WsProvider('ws://127.0.0.1:1', false);
    const options = khalaApiOptions(provider);
    expect(options.provider).toBe(provider);
    expect(options.noInitWarn).toBe(true);
    expect(options.signedExtensions).toEqual({ CheckMqSequence: { extrinsic: {}, payload: {} } });
    expect(options.types).toMatchObject({ WorkerPublicKey: '[u8; 32]', PoolId: 'u64' });
  });

  test('merges caller options instead of dropping the Khala ones', () => {
    const provider = new WsProvider('ws://127.0.0.1:1', false);
    const options = khalaApiOptions(provider, {
      noInitWarn: false,
      signedExtensions: { Other: { extrinsic: { tip: 'u8' }, payload: {} } },
      types: { Extra: 'u32' },
    });
    expect(options.noInitWarn).toBe(false);
    expect(Object.keys(options.signedExtensions ?? {})).toEqual(['CheckMqSequence', 'Other']);
    expect(options.types).toMatchObject({ WorkerPublicKey: '[u8; 32]', Extra: 'u32' });
  });

  test('the registry accepts them: app-level types resolve, the extension adds no payload', () => {
    const registry = new TypeRegistry();
    const options = khalaApiOptions(new WsProvider('ws://127.0.0.1:1', false));
    registry.register(options.types ?? {});
    registry.setSignedExtensions(['CheckMqSequence'], khalaSignedExtensions);
    expect(registry.createType('WorkerPublicKey', `0x${'ab'.repeat(32)}`).toU8a()).toHaveLength(32);
    expect(registry.createType('PoolId', 7).toNumber()).toBe(7);
    expect(registry.getSignedExtensionTypes()).toEqual({});
  });

  test('ApiPromise accepts the options object', () => {
    expect(typeof ApiPromise.create).toBe('function');
    const options: Parameters<typeof ApiPromise.create>[0] = khalaApiOptions(
      new WsProvider('ws://127.0.0.1:1', false),
    );
    expect(options?.signedExtensions).toBe(options?.signedExtensions);
  });
});
