/**
 * Deterministic keys of the dev chain's simulated gatekeeper. The seeds are public on purpose: anyone driving the
 * dev chain (tests, tools) can sign gatekeeper messages with them, which a real Khala key never allows.
 */
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, sr25519PairFromSeed } from '@polkadot/util-crypto';
import { sr25519KeypairFromSeed, isReady as wasmReady } from '@polkadot/wasm-crypto';
import type { Hex } from '../../../scale/types.js';

export interface Sr25519Keys {
  publicKey: Hex;
  secretKey: Uint8Array;
  seed: Uint8Array;
}

/**
 * The public key as the package build baked it, else through the WASM schnorrkel when loaded (the pure-JS sr25519
 * spends ~100 ms building curve tables on first use, a large part of a cold start); the secret key, in
 * @polkadot/util-crypto's format, when first asked for.
 */
export function devKeysFromSeedPhrase(phrase: string): Sr25519Keys {
  const seed = blake2AsU8a(phrase, 256);
  let secretKey: Uint8Array | undefined;
  return {
    publicKey: PREBUILT_PUBLIC_KEYS?.[phrase] ?? derivedPublicKey(seed),
    get secretKey() {
      secretKey ??= sr25519PairFromSeed(seed).secretKey;
      return secretKey;
    },
    seed,
  };
}

/** The public key of a seed through the WASM schnorrkel when loaded, else the pure-JS sr25519. */
function derivedPublicKey(seed: Uint8Array): Hex {
  // a WASM keypair is secret (64 bytes) ++ public (32 bytes)
  const publicKey = wasmReady()
    ? sr25519KeypairFromSeed(seed).slice(64)
    : sr25519PairFromSeed(seed).publicKey;
  return u8aToHex(publicKey) as Hex;
}

export const GATEKEEPER_PHRASES = {
  identity: 'phala-devchain/gatekeeper/identity',
  ecdh: 'phala-devchain/gatekeeper/ecdh',
  master: 'phala-devchain/gatekeeper/master',
} as const;

/** The gatekeeper's public keys by seed phrase, derived afresh: what the package build bakes. */
export function prebuiltGatekeeperPublicKeys(): Record<string, Hex> {
  return Object.fromEntries(
    Object.values(GATEKEEPER_PHRASES).map((phrase) => [phrase, derivedPublicKey(blake2AsU8a(phrase, 256))]),
  );
}

// Set by the package build (tsup.config.ts): a genesis registers these keys, and deriving them was ~3 ms of every
// cold start. Undefined when running from source, where they are derived.
declare const __PHALA_DEVCHAIN_GATEKEEPER_PUBLIC_KEYS__: string | undefined;
const PREBUILT_PUBLIC_KEYS: Readonly<Record<string, Hex>> | undefined =
  typeof __PHALA_DEVCHAIN_GATEKEEPER_PUBLIC_KEYS__ === 'string'
    ? (JSON.parse(__PHALA_DEVCHAIN_GATEKEEPER_PUBLIC_KEYS__) as Record<string, Hex>)
    : undefined;

/**
 * Identity, ECDH and master keys of the simulated gatekeeper (needs `cryptoWaitReady()` first). Derived on each
 * call from fixed seeds (cheap: no derivation path), so no process-wide cache holds secret keys.
 */
export function devGatekeeperKeys(): { identity: Sr25519Keys; ecdh: Sr25519Keys; master: Sr25519Keys } {
  return {
    identity: devKeysFromSeedPhrase(GATEKEEPER_PHRASES.identity),
    ecdh: devKeysFromSeedPhrase(GATEKEEPER_PHRASES.ecdh),
    master: devKeysFromSeedPhrase(GATEKEEPER_PHRASES.master),
  };
}
