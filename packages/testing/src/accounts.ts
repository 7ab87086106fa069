import { DEV_PHRASE, Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { isHex, u8aToHex } from '@polkadot/util';
import {
  cryptoWaitReady,
  decodeAddress,
  keyExtractPath,
  keyFromPath,
  mnemonicToMiniSecret,
  sr25519PairFromSeed,
} from '@polkadot/util-crypto';
import { UnknownAccountError } from './errors.js';

/** Khala's SS58 prefix */
export const SS58_FORMAT = 30;

export const DEV_ACCOUNT_NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'] as const;
export type DevAccountName = (typeof DEV_ACCOUNT_NAMES)[number];
export type DevAccounts = Readonly<Record<DevAccountName, KeyringPair>>;

/** Anything that names an account: a dev name, an SS58 address, a 32-byte hex public key, or a pair. */
export type AccountLike = DevAccountName | string | Uint8Array | { address: string };

let accounts: Promise<DevAccounts> | undefined;

/**
 * Alice…Ferdie (sr25519, `//Name` from the dev phrase), made once per process and shared by every chain: they are
 * signers only and hold no chain state. Each pair is derived when first read — a chain that never signs as Eve
 * never derives her — from the dev phrase's seed computed once (a PBKDF2 of 2,048 rounds; `addFromUri` would
 * run it per account); the steps are `addFromUri`'s own (seed → sr25519 pair → hard junctions), so the pairs are
 * the same.
 */
export function devAccounts(): Promise<DevAccounts> {
  accounts ??= (async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58_FORMAT });
    let seed: Uint8Array | undefined;
    const out = {} as Record<DevAccountName, KeyringPair>;
    for (const name of DEV_ACCOUNT_NAMES) {
      let pair: KeyringPair | undefined;
      Object.defineProperty(out, name, {
        enumerable: true,
        get: () => {
          if (!pair) {
            seed ??= mnemonicToMiniSecret(DEV_PHRASE);
            const { path } = keyExtractPath(`//${name[0]!.toUpperCase()}${name.slice(1)}`);
            pair = keyring.addFromPair(keyFromPath(sr25519PairFromSeed(seed), path, 'sr25519'), { name });
          }
          return pair;
        },
      });
    }
    return Object.freeze(out) as DevAccounts;
  })();
  return accounts;
}

/** The account's 32-byte public key as lowercase hex; throws UnknownAccountError for anything else. */
export function accountId(account: AccountLike, dev: DevAccounts): `0x${string}` {
  if (typeof account === 'object' && !(account instanceof Uint8Array)) {
    if (account === null || typeof account.address !== 'string')
      throw new UnknownAccountError(String(account));
    return accountId(account.address, dev);
  }
  if (account instanceof Uint8Array) {
    if (account.length !== 32) throw new UnknownAccountError(u8aToHex(account));
    return u8aToHex(account);
  }
  const named = (dev as Record<string, KeyringPair | undefined>)[account.toLowerCase()];
  if (named) return u8aToHex(named.publicKey);
  if (isHex(account)) {
    if (account.length !== 66) throw new UnknownAccountError(account);
    return account.toLowerCase() as `0x${string}`;
  }
  try {
    return u8aToHex(decodeAddress(account));
  } catch {
    throw new UnknownAccountError(account);
  }
}
