/**
 * Deterministic keys of the dev chain's simulated gatekeeper. The seeds are public on purpose: anyone driving the
 * dev chain (tests, tools) can sign gatekeeper messages with them, which a real Khala key never allows.
 */
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, sr25519PairFromSeed } from '@polkadot/util-crypto';
import type { Hex } from '../../../scale/types.js';

export interface Sr25519Keys {
  publicKey: Hex;
  secretKey: Uint8Array;
  seed: Uint8Array;
}

export function devKeysFromSeedPhrase(phrase: string): Sr25519Keys {
  const seed = blake2AsU8a(phrase, 256);
  const pair = sr25519PairFromSeed(seed);
  return { publicKey: u8aToHex(pair.publicKey) as Hex, secretKey: pair.secretKey, seed };
}

/**
 * Identity, ECDH and master keys of the simulated gatekeeper (needs `cryptoWaitReady()` first). Derived on each
 * call from fixed seeds (cheap: no derivation path), so no process-wide cache holds secret keys.
 */
export function devGatekeeperKeys(): { identity: Sr25519Keys; ecdh: Sr25519Keys; master: Sr25519Keys } {
  return {
    identity: devKeysFromSeedPhrase('phala-devchain/gatekeeper/identity'),
    ecdh: devKeysFromSeedPhrase('phala-devchain/gatekeeper/ecdh'),
    master: devKeysFromSeedPhrase('phala-devchain/gatekeeper/master'),
  };
}
