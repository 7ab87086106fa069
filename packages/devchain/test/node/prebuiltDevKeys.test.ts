/**
 * The package build bakes the six dev accounts' public keys (tsup.config.ts), so a cold start skips the dev phrase's
 * PBKDF2. Whatever the source of a key, it must be the one `keyring.addFromUri('//Alice')` derives.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { DEV_ACCOUNT_NAMES, devAccounts, prebuiltDevPublicKeys } from '../../src/runtime/devAccounts.js';

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
  });

  it.runIf(built)('the build baked the keyring’s keys, and its devAccounts() serves them', async () => {
    const expected = await derived();
    const lib = (await import(`${dist}index.js`)) as { devAccounts: typeof devAccounts };
    const accounts = lib.devAccounts();
    expect(accounts.map((a) => a.publicKey)).toEqual(expected);
    expect(accounts.map((a) => u8aToHex(a.pair.publicKey))).toEqual(expected);
  });
});
