import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, sr25519PairFromSeed } from '@polkadot/util-crypto';
import { isReady } from '@polkadot/wasm-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { devGatekeeperKeys } from '../../src/pallets/phala/registry/devKeys.js';
import { devAccounts } from '../../src/runtime/devAccounts.js';

beforeAll(() => cryptoWaitReady());

describe('dev accounts', () => {
  it('are exactly the keyring’s //Alice … //Ferdie (the seed derived once, not per account)', () => {
    // the public keys come from the WASM derivation once it is loaded (what a node start uses)
    expect(isReady()).toBe(true);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 30 });
    const accounts = devAccounts();
    expect(accounts.map((a) => a.uri)).toEqual([
      '//Alice',
      '//Bob',
      '//Charlie',
      '//Dave',
      '//Eve',
      '//Ferdie',
    ]);
    for (const account of accounts) {
      const expected = keyring.addFromUri(account.uri);
      expect(account.publicKey).toBe(u8aToHex(expected.publicKey));
      expect(account.address).toBe(expected.address);
      // the pair signs as the keyring's does (sr25519 signatures are randomized: verify, don't compare)
      const message = new TextEncoder().encode(`signed by ${account.name}`);
      expect(expected.verify(message, account.pair.sign(message), account.pair.publicKey)).toBe(true);
    }
    // Substrate's well-known Alice
    expect(accounts[0]!.publicKey).toBe('0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d');
    // no process-wide cache: another call gives the same keys but its own pairs (one caller locking its pair
    // leaves another's alone)
    const again = devAccounts();
    expect(again.map((a) => a.publicKey)).toEqual(accounts.map((a) => a.publicKey));
    expect(again[0]!.pair).not.toBe(accounts[0]!.pair);
    expect(accounts[0]!.pair).toBe(accounts[0]!.pair);
  });

  it('the simulated gatekeeper keys are util-crypto’s sr25519 pairs of their seeds', () => {
    const keys = devGatekeeperKeys();
    for (const [which, phrase] of [
      ['identity', 'phala-devchain/gatekeeper/identity'],
      ['ecdh', 'phala-devchain/gatekeeper/ecdh'],
      ['master', 'phala-devchain/gatekeeper/master'],
    ] as const) {
      const pair = sr25519PairFromSeed(blake2AsU8a(phrase, 256));
      expect(keys[which].publicKey).toBe(u8aToHex(pair.publicKey));
      expect(keys[which].secretKey).toEqual(pair.secretKey);
    }
  });
});
