import {
  type MiningClient,
  type MiningError,
  type MiningSigner,
  normalizeAddress,
  sameAccount,
} from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import { AccountUnavailableError, asMiningError, WalletUnavailableError } from '../errors.js';

/** An account the user can sign with. */
export interface WalletAccount {
  address: string;
  name: string | undefined;
  /** the extension holding it (`polkadot-js`, `talisman` …), or `dev` for a development keyring account */
  source: string;
}

/** `idle` until a component asks for accounts; `ready` once the extensions (and dev accounts) answered. */
export type WalletStatus = 'idle' | 'connecting' | 'ready' | 'error';

export interface WalletState {
  status: WalletStatus;
  accounts: WalletAccount[];
  /** names of the enabled extensions */
  extensions: string[];
  error: MiningError | undefined;
}

/** Wallet settings of `<MiningProvider wallet={…}>`. */
export interface WalletOptions {
  /** the name the extension shows when asking the user for access; default `Phala Mining` */
  appName?: string;
  /**
   * Offer the development accounts //Alice … //Ferdie (sr25519 keyring): `true` always, `false` never, `'auto'`
   * (default) when the connected chain reports chain type Development or Local — never on Khala.
   */
  devAccounts?: boolean | 'auto';
}

export const DEV_ACCOUNT_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'] as const;

const DEV_SOURCE = 'dev';

/**
 * Accounts of the Polkadot{.js}-compatible browser extensions plus, on a dev chain, the keyring's dev accounts.
 * `@polkadot/extension-dapp` touches `window` when it loads, so it is imported only once a mounted component asks.
 */
export class WalletStore {
  private state: WalletState = { status: 'idle', accounts: [], extensions: [], error: undefined };
  private readonly listeners = new Set<() => void>();
  private extension: WalletAccount[] = [];
  private dev: KeyringPair[] = [];
  private extensionStarted = false;
  private devClient: MiningClient | undefined;
  private extensionDone = false;
  private devDone = false;
  private unsubscribeExtension: (() => void) | undefined;

  constructor(private readonly options: WalletOptions = {}) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): WalletState => this.state;

  /** Starts the extension (once) and the dev accounts (once per client). */
  connect(client: MiningClient | undefined): void {
    if (!this.extensionStarted) {
      this.extensionStarted = true;
      this.update({ status: 'connecting' });
      void this.loadExtension(client?.ss58 ?? 30);
    }
    if (client && this.devClient !== client) {
      this.devClient = client;
      this.devDone = false;
      void this.loadDev(client);
    } else if (!client && this.options.devAccounts === true && !this.devClient && this.dev.length === 0) {
      void this.loadDevPairs(30).then(() => this.publish());
    }
  }

  /**
   * A signer for `address`: the address with its extension's injected signer, or the dev pair itself. An
   * extension account wins over a dev account of the same address (the user put it there); `source` picks one.
   */
  async signerFor(address: string, source?: string): Promise<MiningSigner> {
    normalizeAddress(address);
    const fromDev = source === undefined || source === DEV_SOURCE;
    const account =
      source === DEV_SOURCE
        ? undefined
        : this.extension.find(
            (a) => sameAccount(a.address, address) && (source === undefined || a.source === source),
          );
    if (account) {
      const dapp = await import('@polkadot/extension-dapp');
      const injected = await dapp.web3FromSource(account.source);
      return { address: account.address, signer: injected.signer };
    }
    const pair = fromDev ? this.dev.find((p) => sameAccount(p.address, address)) : undefined;
    if (pair) return pair;
    throw new AccountUnavailableError(address);
  }

  /** Stops following the extension's accounts; a later `connect` starts again. */
  close(): void {
    this.unsubscribeExtension?.();
    this.unsubscribeExtension = undefined;
    this.extensionStarted = false;
    this.extensionDone = false;
  }

  private async loadExtension(ss58Format: number): Promise<void> {
    try {
      const dapp = await import('@polkadot/extension-dapp');
      const enabled = await dapp.web3Enable(this.options.appName ?? 'Phala Mining');
      this.update({ extensions: enabled.map((e) => e.name) });
      if (enabled.length > 0) {
        this.unsubscribeExtension = await dapp.web3AccountsSubscribe(
          (accounts) => {
            this.extension = accounts.map((a) => ({
              address: a.address,
              name: a.meta.name,
              source: a.meta.source,
            }));
            this.publish();
          },
          { ss58Format },
        );
      }
    } catch (error) {
      this.update({ error: new WalletUnavailableError(asMiningError(error).message, { cause: error }) });
    }
    this.extensionDone = true;
    this.publish();
  }

  private async loadDev(client: MiningClient): Promise<void> {
    try {
      const wanted = this.options.devAccounts ?? 'auto';
      let offer = wanted === true;
      if (wanted === 'auto') {
        const type = await client.api.rpc.system.chainType();
        offer = type.isDevelopment || type.isLocal;
      }
      if (offer) await this.loadDevPairs(client.ss58);
      else this.dev = [];
    } catch (error) {
      this.update({ error: asMiningError(error) });
    }
    if (this.devClient === client) this.devDone = true;
    this.publish();
  }

  private async loadDevPairs(ss58Format: number): Promise<void> {
    const [{ Keyring }, { cryptoWaitReady }] = await Promise.all([
      import('@polkadot/keyring'),
      import('@polkadot/util-crypto'),
    ]);
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format });
    this.dev = DEV_ACCOUNT_NAMES.map((name) => keyring.addFromUri(`//${name}`, { name }));
  }

  private publish(): void {
    const accounts = [
      ...this.extension,
      ...this.dev.map((p) => ({
        address: p.address,
        name: p.meta.name as string | undefined,
        source: DEV_SOURCE,
      })),
    ];
    const done = this.extensionDone && (this.devClient === undefined || this.devDone);
    const status: WalletStatus = done
      ? accounts.length === 0 && this.state.error
        ? 'error'
        : 'ready'
      : 'connecting';
    this.update({ accounts, status });
  }

  private update(patch: Partial<WalletState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }
}
