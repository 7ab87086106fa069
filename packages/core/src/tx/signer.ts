import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer as InjectedSigner } from '@polkadot/types/types';

/**
 * Anything that can sign: a KeyringPair, or an address with an injected signer (the Polkadot{.js} extension's
 * `injector.signer`).
 */
export type MiningSigner =
  | KeyringPair
  | {
      /** The account to sign with, SS58 (any prefix); it must be one the injected signer holds. */
      address: string;
      /** The extension's signer, which asks the user to approve each transaction. */
      signer: InjectedSigner;
      /**
       * True when this signer is a key the app holds (no one is asked to approve): a transaction whose nonce was
       * taken meanwhile is then signed again with the next one. Otherwise that fails with `StaleNonceError`, so a
       * user is never asked to sign twice without the app knowing.
       */
      local?: boolean;
    };

/** A KeyringPair (the app holds the key), or a signer the app marked `{ local: true }`: may be re-signed silently. */
export function isLocalSigner(signer: MiningSigner): boolean {
  if (typeof (signer as KeyringPair).sign === 'function' && !('signer' in signer && signer.signer))
    return true;
  return 'local' in signer && signer.local === true;
}

/** The signer's address (as given; normalise with `normalizeAddress`). */
export function signerAddress(signer: MiningSigner): string {
  return signer.address;
}

/** Arguments for `signAsync`: the pair itself, or the address plus `{ signer }` in the options. */
export function signingArgs(signer: MiningSigner): {
  account: KeyringPair | string;
  options: { signer?: InjectedSigner };
} {
  if ('signer' in signer && signer.signer && !('sign' in signer && typeof signer.sign === 'function')) {
    return { account: signer.address, options: { signer: signer.signer } };
  }
  return { account: signer as KeyringPair, options: {} };
}
