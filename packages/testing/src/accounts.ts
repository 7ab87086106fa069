import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { isHex, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';
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
 * Alice…Ferdie (sr25519, `//Name` from the dev phrase). Derivation runs PBKDF2 per account, so the pairs are made
 * once per process and shared by every chain: they are signers only and hold no chain state.
 */
export function devAccounts(): Promise<DevAccounts> {
  accounts ??= (async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58_FORMAT });
    const entries = DEV_ACCOUNT_NAMES.map((name) => {
      const pair = keyring.addFromUri(`//${name[0]!.toUpperCase()}${name.slice(1)}`, { name });
      return [name, pair] as const;
    });
    return Object.freeze(Object.fromEntries(entries)) as DevAccounts;
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
