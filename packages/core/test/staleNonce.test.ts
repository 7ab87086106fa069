import type { SignerPayloadJSON, SignerResult } from '@polkadot/types/types';
import { describe, expect } from 'vitest';
import { createMiningClient, StaleNonceError } from '../src/index.js';
import { test } from './chainTest.js';
import { rejection } from './helpers.js';

describe('a nonce used meanwhile by the same account elsewhere', () => {
  test('re-signs a local key silently, but fails an injected signer with StaleNonceError (asked once)', async ({
    chain,
    client,
  }) => {
    const { charlie } = chain.accounts;
    // an extension-like signer backed by the real key, counting how often its user would be asked
    let asked = 0;
    const injected = {
      address: charlie.address,
      signer: {
        signPayload: async (payload: SignerPayloadJSON): Promise<SignerResult> => {
          asked++;
          const raw = chain.api.registry.createType('ExtrinsicPayload', payload, {
            version: payload.version,
          });
          return { id: asked, signature: raw.sign(charlie).signature };
        },
      },
    };
    // this client learns charlie's nonce, then another connection uses the next one
    await client.createPool().send(charlie);
    const other = await createMiningClient({ endpoint: chain.endpoint, network: 'dev', waitFor: 'inBlock' });
    try {
      await other.createPool().send(charlie);
      const error = await rejection(client.createPool().send(injected));
      expect(error).toBeInstanceOf(StaleNonceError);
      expect(error).toMatchObject({ code: 'StaleNonce', account: charlie.address });
      expect(error.message).toMatch(/was used by another transaction meanwhile .* nothing was sent/);
      expect(asked).toBe(1);
      // the next send signs with a fresh nonce
      await client.createPool().send(injected);
      expect(asked).toBe(2);
      // a local key is re-signed without a word
      await other.createPool().send(charlie);
      const r = await client.createPool().send(charlie);
      expect(r.events.some((e) => e.method === 'PoolCreated')).toBe(true);
    } finally {
      await other.disconnect();
    }
  });
});
