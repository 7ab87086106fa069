import type { MiningError, MiningSigner } from '@phala-mining/core';
import { useEffect, useState } from 'react';
import { asMiningError } from '../errors.js';
import { useMiningRuntime } from '../provider/context.js';
import { useAccounts } from './useAccounts.js';
import type { WalletAccount } from './walletStore.js';

export interface SignerState {
  /** undefined while loading, without an address, or on error */
  signer: MiningSigner | undefined;
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** e.g. `AccountUnavailable` when no extension holds the address */
  error: MiningError | undefined;
}

const IDLE: SignerState = { signer: undefined, status: 'idle', error: undefined };

/**
 * A signer to hand to the operation hooks, for an address or for an account of {@link useAccounts} (whose
 * `source` picks the extension — or `dev` — when several hold the address): the address with its extension's
 * injected signer (the extension shows its signing prompt on send), or a dev keyring pair.
 */
export function useSigner(
  account: string | Pick<WalletAccount, 'address' | 'source'> | undefined,
): SignerState {
  const runtime = useMiningRuntime('useSigner');
  const address = typeof account === 'string' ? account : account?.address;
  const source = typeof account === 'string' ? undefined : account?.source;
  const wallet = useAccounts();
  const [state, setState] = useState<SignerState>(IDLE);
  const walletReady = wallet.status === 'ready' || wallet.status === 'error';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the account list decides which source signs
  useEffect(() => {
    if (address === undefined) {
      setState(IDLE);
      return;
    }
    if (!walletReady) {
      setState({ signer: undefined, status: 'loading', error: undefined });
      return;
    }
    let current = true;
    setState((s) =>
      s.status === 'loading' ? s : { signer: undefined, status: 'loading', error: undefined },
    );
    runtime.wallet.signerFor(address, source).then(
      (signer) => current && setState({ signer, status: 'ready', error: undefined }),
      (error: unknown) =>
        current && setState({ signer: undefined, status: 'error', error: asMiningError(error) }),
    );
    return () => {
      current = false;
    };
  }, [runtime, address, source, walletReady, wallet.accounts]);
  return state;
}
