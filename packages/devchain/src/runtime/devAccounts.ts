import { DEV_PHRASE, Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import {
  keyExtractPath,
  keyFromPath,
  mnemonicToMiniSecret,
  sr25519PairFromSeed,
} from '@polkadot/util-crypto';
import type { Hex } from '../scale/types.js';

export const DEV_ACCOUNT_NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'] as const;
export type DevAccountName = (typeof DEV_ACCOUNT_NAMES)[number];

export interface DevAccount {
  name: DevAccountName;
  /** `//Alice` … */
  uri: string;
  pair: KeyringPair;
  publicKey: Hex;
  /** SS58 with Khala's prefix 30 */
  address: string;
}

let cached: DevAccount[] | undefined;

/** The well-known Substrate dev accounts (sr25519 from `//Alice` … `//Ferdie`), endowed at genesis. */
export function devAccounts(): DevAccount[] {
  if (!cached) {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 30 });
    // What `keyring.addFromUri('//Alice')` does, with the dev phrase's seed (a PBKDF2 of 2048 rounds) computed
    // once for all six instead of once per account: it was most of a cold start's key work.
    const root = sr25519PairFromSeed(mnemonicToMiniSecret(DEV_PHRASE));
    cached = DEV_ACCOUNT_NAMES.map((name) => {
      const uri = `//${name[0]!.toUpperCase()}${name.slice(1)}`;
      const pair = keyring.addFromPair(keyFromPath(root, keyExtractPath(uri).path, 'sr25519'));
      return { name, uri, pair, publicKey: u8aToHex(pair.publicKey) as Hex, address: pair.address };
    });
  }
  return cached;
}
