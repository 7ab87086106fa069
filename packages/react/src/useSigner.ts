import type { MiningError, MiningSigner } from '@phala-mining/core';
import { useEffect, useState } from 'react';
import { useMiningRuntime } from './context.js';
import { asMiningError } from './errors.js';
import { useAccounts } from './useAccounts.js';

export interface SignerState {
  /** undefined while loading, without an address, or on error */
  signer: MiningSigner | undefined;
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** e.g. `AccountUnavailable` when no extension holds the address */
  error: MiningError | undefined;
}

const IDLE: SignerState = { signer: undefined, status: 'idle', error: undefined };

/**
 * A signer for `address` to hand to the operation hooks: a dev keyring pair, or the address with its extension's
 * injected signer (the extension then shows its signing prompt on send).
 */
export function useSigner(address: string | undefined): SignerState {
  const runtime = useMiningRuntime('useSigner');
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
    runtime.wallet.signerFor(address).then(
      (signer) => current && setState({ signer, status: 'ready', error: undefined }),
      (error: unknown) =>
        current && setState({ signer: undefined, status: 'error', error: asMiningError(error) }),
    );
    return () => {
      current = false;
    };
  }, [runtime, address, walletReady, wallet.accounts]);
  return state;
}
