import type { KeyringPair } from '@polkadot/keyring/types';
import type { SignerPayloadJSON, SignerResult } from '@polkadot/types/types';
import { describe, expect } from 'vitest';
import { createMiningClient, type MiningClient, StaleNonceError } from '../src/index.js';
import { test } from './chainTest.js';
import { rejection } from './helpers.js';

/**
 * An extension-like signer backed by the real key, counting how often its user would be asked; `whileAsked` runs
 * while the user is "approving" (after the nonce was taken, before the signature comes back).
 */
function extensionSigner(
  chain: { api: MiningClient['api'] },
  pair: KeyringPair,
  options: { local?: boolean } = {},
) {
  const signer = {
    asked: 0,
    whileAsked: undefined as (() => PromiseLike<unknown>) | undefined,
    address: pair.address,
    ...(options.local ? { local: true } : {}),
    signer: {
      signPayload: async (payload: SignerPayloadJSON): Promise<SignerResult> => {
        signer.asked++;
        const race = signer.whileAsked;
        signer.whileAsked = undefined;
        await race?.();
        const raw = chain.api.registry.createType('ExtrinsicPayload', payload, { version: payload.version });
        return { id: signer.asked, signature: raw.sign(pair).signature };
      },
    },
  };
  return signer;
}

describe('a nonce used meanwhile by the same account elsewhere', () => {
  test("another connection signed before this client's next send: it signs with the chain's next index, nothing refused", async ({
    chain,
    client,
  }) => {
    const { dave } = chain.accounts;
    const injected = extensionSigner(chain, dave);
    // this client signs once for dave, then another connection signs for dave
    await client.createPool().send(injected);
    const other = await createMiningClient({ endpoint: chain.endpoint, network: 'dev', waitFor: 'inBlock' });
    try {
      await other.createPool().send(dave);
      const r = await client.createPool().send(injected);
      expect(r.events.some((e) => e.method === 'PoolCreated')).toBe(true);
      // the extension's user was asked once per send: no refusal, no second request
      expect(injected.asked).toBe(2);
    } finally {
      await other.disconnect();
    }
  });

  test('taken while signing: re-signs a local key silently, but fails an injected signer with StaleNonceError (asked once)', async ({
    chain,
    client,
  }) => {
    const { charlie } = chain.accounts;
    const injected = extensionSigner(chain, charlie);
    const other = await createMiningClient({ endpoint: chain.endpoint, network: 'dev', waitFor: 'inBlock' });
    try {
      // while the user approves, another connection uses the nonce this send was given
      injected.whileAsked = () => other.createPool().send(charlie);
      const error = await rejection(client.createPool().send(injected));
      expect(error).toBeInstanceOf(StaleNonceError);
      expect(error).toMatchObject({ code: 'StaleNonce', account: charlie.address });
      expect(error.message).toMatch(/was used by another transaction meanwhile .* nothing was sent/);
      expect(injected.asked).toBe(1);
      // the next send signs with a fresh nonce
      await client.createPool().send(injected);
      expect(injected.asked).toBe(2);
      // a key the app holds is re-signed without a word
      const local = extensionSigner(chain, charlie, { local: true });
      local.whileAsked = () => other.createPool().send(charlie);
      const r = await client.createPool().send(local);
      expect(r.events.some((e) => e.method === 'PoolCreated')).toBe(true);
      expect(local.asked).toBe(2);
    } finally {
      await other.disconnect();
    }
  });
});
