/**
 * The package build bakes the six dev accounts' public keys (tsup.config.ts), so a cold start skips the dev phrase's
 * PBKDF2. Whatever the source of a key, it must be the one `keyring.addFromUri('//Alice')` derives.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, encodeAddress, sr25519PairFromSeed } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import {
  devGatekeeperKeys,
  GATEKEEPER_PHRASES,
  prebuiltGatekeeperPublicKeys,
} from '../../src/pallets/phala/registry/devKeys.js';
import { DEV_ACCOUNT_NAMES, devAccounts, prebuiltDevPublicKeys } from '../../src/runtime/devAccounts.js';
import type { KhalaRuntime, KhalaRuntimeOptions } from '../../src/runtime/khala.js';
import { storagePrefix } from '../../src/runtime/storage.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const built = existsSync(`${dist}index.js`);

async function derived(): Promise<string[]> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 30 });
  return devAccounts([]).map((a) => u8aToHex(keyring.addFromUri(a.uri).publicKey));
}

describe('dev account public keys', () => {
  it('derived (from source nothing is baked) or handed in, they are the keyring’s, and so are the pairs', async () => {
    const expected = await derived();
    expect(expected).toHaveLength(DEV_ACCOUNT_NAMES.length);
    expect(prebuiltDevPublicKeys()).toEqual(expected);
    expect(devAccounts().map((a) => a.publicKey)).toEqual(expected);
    const baked = devAccounts(expected);
    expect(baked.map((a) => a.publicKey)).toEqual(expected);
    // the pair is derived when asked for, and matches the baked key
    expect(baked.map((a) => u8aToHex(a.pair.publicKey))).toEqual(expected);
    // a bake of the wrong length is not used: the keys are derived
    expect(devAccounts(['0x00']).map((a) => a.publicKey)).toEqual(expected);
    // the addresses, made when first read, are the keyring's too (Khala's SS58 prefix 30)
    expect(baked.map((a) => a.address)).toEqual(expected.map((key) => encodeAddress(key, 30)));
  });

  it('the gatekeeper keys (baked by the build) are the pure-JS sr25519 keys of their seeds', async () => {
    await cryptoWaitReady();
    const phrases = Object.values(GATEKEEPER_PHRASES);
    const reference = Object.fromEntries(
      phrases.map((p) => [p, u8aToHex(sr25519PairFromSeed(blake2AsU8a(p, 256)).publicKey)]),
    );
    expect(prebuiltGatekeeperPublicKeys()).toEqual(reference);
    const keys = devGatekeeperKeys();
    expect(keys.identity.publicKey).toBe(reference[GATEKEEPER_PHRASES.identity]);
    expect(keys.master.publicKey).toBe(reference[GATEKEEPER_PHRASES.master]);
    // the secret key is the seed's: it signs for the baked public key
    expect(u8aToHex(sr25519PairFromSeed(keys.ecdh.seed).publicKey)).toBe(reference[GATEKEEPER_PHRASES.ecdh]);
  });

  it.runIf(built)('the build baked the keyring’s keys, and its devAccounts() serves them', async () => {
    const expected = await derived();
    const lib = (await import(`${dist}index.js`)) as { devAccounts: typeof devAccounts };
    const accounts = lib.devAccounts();
    expect(accounts.map((a) => a.publicKey)).toEqual(expected);
    expect(accounts.map((a) => u8aToHex(a.pair.publicKey))).toEqual(expected);
  });

  it.runIf(built)('the build baked the gatekeeper keys its genesis registers', async () => {
    await cryptoWaitReady();
    const lib = (await import(`${dist}index.js`)) as {
      createKhalaRuntime(options: KhalaRuntimeOptions): KhalaRuntime;
    };
    const state = lib.createKhalaRuntime({ genesisTimestamp: 0 }).genesis();
    const key = (phrase: string) => u8aToHex(sr25519PairFromSeed(blake2AsU8a(phrase, 256)).publicKey);
    const gatekeepers = state.get(storagePrefix('PhalaRegistry', 'Gatekeeper'));
    expect(u8aToHex(gatekeepers)).toBe(`0x04${key(GATEKEEPER_PHRASES.identity).slice(2)}`);
    const master = state.get(storagePrefix('PhalaRegistry', 'GatekeeperMasterPubkey'));
    expect(u8aToHex(master)).toBe(key(GATEKEEPER_PHRASES.master));
    // and the bake itself is in the bundle (not derived at start)
    const bundle = readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(`${dist}${f}`, 'utf8'))
      .join('');
    expect(bundle).toContain(key(GATEKEEPER_PHRASES.ecdh).slice(2));
  });
});
