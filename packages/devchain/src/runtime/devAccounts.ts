import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
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

/**
 * The well-known Substrate dev accounts (sr25519 from `//Alice` … `//Ferdie`), endowed at genesis. Derived afresh
 * on every call (no process-wide cache: a key pair can be locked or unlocked by whoever holds it), so callers that
 * need them repeatedly keep the result.
 */
export function devAccounts(): DevAccount[] {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 30 });
  return DEV_ACCOUNT_NAMES.map((name) => {
    const uri = `//${name[0]!.toUpperCase()}${name.slice(1)}`;
    const pair = keyring.addFromUri(uri);
    return { name, uri, pair, publicKey: u8aToHex(pair.publicKey) as Hex, address: pair.address };
  });
}
