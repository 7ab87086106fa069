import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, signatureVerify } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { DEV_ACCOUNT_NAMES, devAccounts, SS58_FORMAT } from '../src/index.js';

describe('devAccounts', () => {
  it("gives each dev account the pair keyring.addFromUri('//Name') makes, and the same object on every read", async () => {
    await cryptoWaitReady();
    const accounts = await devAccounts();
    expect(Object.keys(accounts)).toEqual([...DEV_ACCOUNT_NAMES]);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58_FORMAT });
    const message = new TextEncoder().encode('phala dev account');
    for (const name of DEV_ACCOUNT_NAMES) {
      const pair = accounts[name];
      const reference = keyring.addFromUri(`//${name[0]!.toUpperCase()}${name.slice(1)}`);
      expect(u8aToHex(pair.publicKey)).toBe(u8aToHex(reference.publicKey));
      expect(pair.address).toBe(reference.address);
      expect(pair.meta.name).toBe(name);
      // the secret is the same too: each verifies the other's signature under its key
      expect(signatureVerify(message, pair.sign(message), reference.address).isValid).toBe(true);
      expect(signatureVerify(message, reference.sign(message), pair.address).isValid).toBe(true);
      expect(accounts[name]).toBe(pair);
    }
    expect(await devAccounts()).toBe(accounts);
  });
});
