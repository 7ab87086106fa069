import { DEV_PHRASE, Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import {
  encodeAddress,
  keyExtractPath,
  keyFromPath,
  mnemonicToMiniSecret,
  sr25519PairFromSeed,
} from '@polkadot/util-crypto';
import {
  sr25519DeriveKeypairHard,
  sr25519KeypairFromSeed,
  isReady as wasmReady,
} from '@polkadot/wasm-crypto';
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
 *
 * A cold start needs only their public keys. Those come from the WASM schnorrkel (hard derivation of the dev
 * phrase's seed, the same HDKD `keyring.addFromUri` runs; ~5 ms for all six): @polkadot/util-crypto's pure-JS
 * sr25519 spends ~100 ms building curve tables on its first use. Each account's keyring pair is made when first
 * asked for, and belongs to the array this call returned.
 */
export function devAccounts(prebuilt: readonly string[] | undefined = PREBUILT_PUBLIC_KEYS): DevAccount[] {
  // the dev phrase's seed (a PBKDF2 of 2048 rounds, ~15 ms) computed once for all six, and only when needed: the
  // package build bakes the six public keys (see `prebuiltDevPublicKeys`), so a cold start derives nothing
  let seed: Uint8Array | undefined;
  const seedOf = () => (seed ??= mnemonicToMiniSecret(DEV_PHRASE));
  const baked = prebuilt?.length === DEV_ACCOUNT_NAMES.length ? prebuilt : undefined;
  let keyring: Keyring | undefined;
  return DEV_ACCOUNT_NAMES.map((name, i) => {
    const uri = `//${name[0]!.toUpperCase()}${name.slice(1)}`;
    // the path, the SS58 address and the pair are made when first read: a genesis needs the public keys only, and
    // parsing six paths and encoding six addresses (blake2 checksums, base58) was milliseconds of a cold start
    let path: ReturnType<typeof keyExtractPath>['path'] | undefined;
    const pathOf = () => (path ??= keyExtractPath(uri).path);
    const publicKey = (
      baked ? baked[i]!.toLowerCase() : u8aToHex(derivedPublicKey(seedOf(), pathOf()))
    ) as Hex;
    let pair: KeyringPair | undefined;
    let address: string | undefined;
    return {
      name,
      uri,
      get pair(): KeyringPair {
        keyring ??= new Keyring({ type: 'sr25519', ss58Format: 30 });
        pair ??= keyring.addFromPair(keyFromPath(sr25519PairFromSeed(seedOf()), pathOf(), 'sr25519'));
        return pair;
      },
      publicKey,
      get address(): string {
        address ??= encodeAddress(hexToU8a(publicKey), 30);
        return address;
      },
    };
  });
}

/** The six public keys in `DEV_ACCOUNT_NAMES` order, derived afresh: what the package build bakes. */
export function prebuiltDevPublicKeys(): string[] {
  return devAccounts([]).map((account) => account.publicKey);
}

// Set by the package build (tsup.config.ts); undefined when running from source, where the keys are derived.
declare const __PHALA_DEVCHAIN_DEV_PUBLIC_KEYS__: string | undefined;
const PREBUILT_PUBLIC_KEYS: readonly string[] | undefined =
  typeof __PHALA_DEVCHAIN_DEV_PUBLIC_KEYS__ === 'string'
    ? (JSON.parse(__PHALA_DEVCHAIN_DEV_PUBLIC_KEYS__) as string[])
    : undefined;

function derivedPublicKey(seed: Uint8Array, path: ReturnType<typeof keyExtractPath>['path']): Uint8Array {
  if (!wasmReady() || path.some((j) => !j.isHard))
    return keyFromPath(sr25519PairFromSeed(seed), path, 'sr25519').publicKey;
  // a keypair is secret (64 bytes) ++ public (32 bytes)
  let keypair = sr25519KeypairFromSeed(seed);
  for (const junction of path) keypair = sr25519DeriveKeypairHard(keypair, junction.chainCode);
  return keypair.slice(64);
}
