import { useEffect, useSyncExternalStore } from 'react';
import { useMiningRuntime } from '../provider/context.js';
import type { WalletState } from './walletStore.js';

const SERVER_STATE: WalletState = Object.freeze({
  status: 'idle',
  accounts: [],
  extensions: [],
  error: undefined,
});
const serverSnapshot = () => SERVER_STATE;

/**
 * The accounts the user can sign with: those of the enabled Polkadot{.js}-compatible extensions (the first mount
 * asks the extension for access) and, on a development chain, //Alice … //Ferdie. Shared by every component.
 */
export function useAccounts(): WalletState {
  const runtime = useMiningRuntime('useAccounts');
  const { client } = useSyncExternalStore(runtime.subscribe, runtime.getSnapshot, runtime.getServerSnapshot);
  useEffect(() => runtime.wallet.connect(client), [runtime, client]);
  return useSyncExternalStore(runtime.wallet.subscribe, runtime.wallet.getSnapshot, serverSnapshot);
}
