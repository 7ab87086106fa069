import {
  createMiningClient,
  type MiningClient,
  type MiningClientOptions,
  type MiningError,
} from '@phala-mining/core';
import { asMiningError } from '../errors.js';
import { type WalletOptions, WalletStore } from '../wallet/walletStore.js';
import { QueryStore, type QueryStoreOptions } from './queryStore.js';

/** `connecting` until the provider's client is ready (always, during server rendering). */
export type ClientStatus = 'connecting' | 'ready' | 'error';

export interface ClientState {
  client: MiningClient | undefined;
  status: ClientStatus;
  error: MiningError | undefined;
}

const CONNECTING: ClientState = Object.freeze({ client: undefined, status: 'connecting', error: undefined });

/**
 * What `<MiningProvider>` shares with its hooks: the client (given, or created in an effect so that server
 * rendering opens no socket), one query store per client and the wallet.
 */
export class MiningRuntime {
  private state: ClientState;
  private readonly listeners = new Set<() => void>();
  private readonly stores = new WeakMap<MiningClient, QueryStore>();
  private waiters: { resolve: (client: MiningClient) => void; promise: Promise<MiningClient> } | undefined;
  readonly wallet: WalletStore;

  constructor(
    client: MiningClient | undefined,
    wallet: WalletOptions,
    private readonly storeOptions: QueryStoreOptions,
  ) {
    this.state = client ? { client, status: 'ready', error: undefined } : CONNECTING;
    this.wallet = new WalletStore(wallet);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ClientState => this.state;

  readonly getServerSnapshot = (): ClientState => this.state;

  /** The query store of `client`. */
  store(client: MiningClient): QueryStore {
    let store = this.stores.get(client);
    if (!store) {
      store = new QueryStore(this.storeOptions);
      this.stores.set(client, store);
    }
    return store;
  }

  /** Resolves with the client once it is ready (for Suspense). */
  whenReady(): Promise<MiningClient> {
    if (this.state.client) return Promise.resolve(this.state.client);
    if (!this.waiters) {
      let resolve!: (client: MiningClient) => void;
      const promise = new Promise<MiningClient>((r) => {
        resolve = r;
      });
      this.waiters = { resolve, promise };
    }
    return this.waiters.promise;
  }

  /**
   * Creates a client; the returned cleanup disconnects it, or, while it is still connecting, calls the attempt off at
   * once (socket closed, logger released) instead of leaving it to run until the connect timeout.
   */
  connect(options: MiningClientOptions): () => void {
    let cancelled = false;
    let created: MiningClient | undefined;
    const attempt = new AbortController();
    this.set(CONNECTING);
    createMiningClient({ ...options, signal: attempt.signal }).then(
      (client) => {
        if (cancelled) {
          void client.disconnect();
          return;
        }
        created = client;
        this.set({ client, status: 'ready', error: undefined });
      },
      (error: unknown) => {
        if (!cancelled) this.set({ client: undefined, status: 'error', error: asMiningError(error) });
      },
    );
    return () => {
      cancelled = true;
      attempt.abort();
      if (created) {
        void created.disconnect();
        if (this.state.client === created) this.set(CONNECTING);
      }
    };
  }

  private set(state: ClientState): void {
    this.state = state;
    if (state.client && this.waiters) {
      this.waiters.resolve(state.client);
      this.waiters = undefined;
    }
    for (const listener of [...this.listeners]) listener();
  }
}
