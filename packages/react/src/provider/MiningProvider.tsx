import type { LibraryLogger, MiningClient, NETWORKS, NetworkPreset, WaitFor } from '@phala-mining/core';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import type { WalletOptions } from '../wallet/walletStore.js';
import { MiningContext } from './context.js';
import { MiningRuntime } from './runtime.js';

/** Connection settings when the provider creates the client itself. */
export interface ProviderClientOptions {
  /** SS58 prefix of returned addresses; default the network's (30) */
  ss58Format?: number;
  /** when a sent transaction counts as done; default `finalized` */
  waitFor?: WaitFor;
  /** reconnect delay, ms; default 1000 */
  autoConnectMs?: number;
  /**
   * where @polkadot/api's own console lines go: `'console'` (default), `'silent'`, or a function receiving each
   * entry (`createMiningClient`'s `logger`)
   */
  logger?: LibraryLogger;
}

export interface MiningProviderProps {
  /** a client you created (`createMiningClient`); you disconnect it */
  client?: MiningClient;
  /** or: a node to connect to once mounted in the browser (never during server rendering) */
  endpoint?: string | string[];
  /** or: a network preset (`khala`, `phala`, `devchain`), alone or with `endpoint` */
  network?: NetworkPreset | keyof typeof NETWORKS;
  /** settings of the client the provider creates */
  clientOptions?: ProviderClientOptions;
  /** browser extension and dev accounts (read once, at mount) */
  wallet?: WalletOptions;
  /**
   * How long a query outlives its last component, ms. Default 0: the subscription is released right after the
   * last component unmounts.
   */
  keepAliveMs?: number;
  children?: ReactNode;
}

/**
 * Makes a mining client available to the hooks below it. With `client` the hooks use it as given; with
 * `endpoint`/`network` the provider connects in an effect — so server rendering never opens a socket — and
 * disconnects when it unmounts or the endpoint changes.
 */
export function MiningProvider({
  client,
  endpoint,
  network,
  clientOptions,
  wallet,
  keepAliveMs,
  children,
}: MiningProviderProps) {
  const settings = useRef({ wallet: wallet ?? {}, store: { keepAliveMs: keepAliveMs ?? 0 } });
  const endpointKey = endpoint === undefined ? '' : JSON.stringify(endpoint);
  const networkKey =
    typeof network === 'string' ? network : network === undefined ? '' : JSON.stringify(network);
  // a new runtime per client or per endpoint: queries of one chain never see values of another
  // biome-ignore lint/correctness/useExhaustiveDependencies: endpointKey and networkKey stand for endpoint and network
  const runtime = useMemo(
    () => new MiningRuntime(client, settings.current.wallet, settings.current.store),
    [client, endpointKey, networkKey],
  );
  const options = useRef(clientOptions);
  options.current = clientOptions;

  // biome-ignore lint/correctness/useExhaustiveDependencies: endpointKey and networkKey stand for endpoint and network
  useEffect(() => {
    if (client) return;
    if (endpoint === undefined && network === undefined) return;
    const base = options.current ?? {};
    return runtime.connect(
      endpoint === undefined
        ? { network: network!, ...base }
        : network === undefined
          ? { endpoint, ...base }
          : { endpoint, network, ...base },
    );
  }, [runtime, client, endpointKey, networkKey]);

  useEffect(() => () => runtime.wallet.close(), [runtime]);

  return <MiningContext.Provider value={runtime}>{children}</MiningContext.Provider>;
}
