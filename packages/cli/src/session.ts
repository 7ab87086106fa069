import {
  ConnectionFailedError,
  ConnectionTimeoutError,
  createMiningClient,
  DEVCHAIN,
  KHALA,
  type MiningClient,
  type NetworkPreset,
  PHALA,
  type WaitFor,
} from '@phala-mining/core';
import { firstValueFrom, type Observable, timeout } from 'rxjs';
import { KeyError, UsageError } from './errors.js';
import { toJson } from './format.js';
import type { CliIo } from './io.js';
import { ENV, type KeySource, loadKey, requireKey } from './keys.js';

/** `--network` names. */
export const NETWORK_NAMES = ['khala', 'phala', 'dev'] as const;
export type NetworkName = (typeof NETWORK_NAMES)[number];

const PRESETS: Record<NetworkName, NetworkPreset> = { khala: KHALA, phala: PHALA, dev: DEVCHAIN };

/** The options every command takes (commander's `optsWithGlobals()`). */
export interface GlobalOptions {
  endpoint?: string;
  network?: string;
  keystore?: string;
  account?: string;
  passwordFile?: string;
  json?: boolean;
  dryRun?: boolean;
  waitFor?: string;
  timeout?: string;
  quiet?: boolean;
  verbose?: boolean;
  /** `--proxy-for <real>`: act for this account as its proxy */
  proxyFor?: string;
  /** `--proxy-type <type>`: the proxy relation's type (default StakePoolManager) */
  proxyType?: string;
  /** `--multisig-threshold <n>`: sign as one signatory of a multisig */
  multisigThreshold?: string;
  /** `--multisig-others <a,b>`: the multisig's other signatories */
  multisigOthers?: string;
  /** `--announce`: with a delayed proxy, announce the operations instead of sending them */
  announce?: boolean;
}

/**
 * Where to connect: `--endpoint`, else `--network`, else `PHALA_ENDPOINT`, else `PHALA_NETWORK`, else the local dev
 * chain — Khala was shut down and stake pool v1 ended with runtime 1199, so no public endpoint serves it any more.
 */
export function resolveEndpoint(
  options: GlobalOptions,
  env: CliIo['env'],
): { endpoint: string; preset: NetworkPreset } {
  const network = options.network ?? (options.endpoint === undefined ? env[ENV.network] : undefined);
  let preset = DEVCHAIN;
  if (network !== undefined && network !== '') {
    if (!(NETWORK_NAMES as readonly string[]).includes(network)) {
      throw new UsageError(
        `unknown network ${JSON.stringify(network)}: one of ${NETWORK_NAMES.join(', ')} (or --endpoint URL)`,
      );
    }
    preset = PRESETS[network as NetworkName];
  }
  const fromEnv = options.network === undefined ? env[ENV.endpoint] || undefined : undefined;
  const endpoint = options.endpoint ?? fromEnv ?? preset.endpoint;
  if ((preset === KHALA || preset === PHALA) && endpoint === preset.endpoint) {
    // nothing answers there for stake pool v1 any more: say so at once instead of waiting for a timeout
    throw new ConnectionFailedError(
      endpoint,
      `${preset === KHALA ? 'Khala' : 'Phala'} stake pool v1 is gone (Khala was shut down; v1 ended with runtime 1199) — use a dev chain: --network dev (start one with \`npx -p @phala-mining/devchain phala-devchain\`), or --endpoint ws://… of a node you run`,
    );
  }
  if (!/^wss?:\/\//.test(endpoint))
    throw new UsageError(`the endpoint must be a ws:// or wss:// URL, got ${JSON.stringify(endpoint)}`);
  return { endpoint, preset };
}

/**
 * One invocation's connection, key and output mode. The connection and the key are made on first use, so usage
 * errors are reported before anything touches the network or a secret.
 */
export class Session {
  readonly json: boolean;
  readonly dryRun: boolean;
  readonly quiet: boolean;
  readonly waitFor: WaitFor;
  readonly timeoutMs: number;
  private readonly target: { endpoint: string; preset: NetworkPreset };
  private clientPromise: Promise<MiningClient> | undefined;
  private keyPromise: Promise<KeySource | undefined> | undefined;

  constructor(
    readonly io: CliIo,
    readonly options: GlobalOptions,
  ) {
    this.json = options.json === true;
    this.dryRun = options.dryRun === true;
    this.quiet = options.quiet === true || this.json;
    const waitFor = options.waitFor ?? 'finalized';
    if (waitFor !== 'inBlock' && waitFor !== 'finalized')
      throw new UsageError(`--wait-for must be inBlock or finalized, got ${JSON.stringify(waitFor)}`);
    this.waitFor = waitFor;
    const seconds = Number(options.timeout ?? '30');
    if (!Number.isFinite(seconds) || seconds <= 0)
      throw new UsageError(
        `--timeout must be a positive number of seconds, got ${JSON.stringify(options.timeout)}`,
      );
    this.timeoutMs = seconds * 1000;
    this.target = resolveEndpoint(options, io.env);
  }

  get endpoint(): string {
    return this.target.endpoint;
  }

  get ss58(): number {
    return this.target.preset.ss58Format;
  }

  /** The mining client, connected on first call. */
  client(): Promise<MiningClient> {
    this.clientPromise ??= this.connect();
    return this.clientPromise;
  }

  private async connect(): Promise<MiningClient> {
    const { endpoint, preset } = this.target;
    try {
      return await createMiningClient({
        endpoint,
        network: preset,
        waitFor: this.waitFor,
        // a first connection that fails must fail fast; later drops (watch) are reconnected by the client
        connectTimeoutMs: this.timeoutMs,
      });
    } catch (error) {
      // a failure is core's ConnectionFailedError / ConnectionTimeoutError: transport errors, exit code 5; for the
      // default dev chain endpoint, say how to start one
      if (!(preset === DEVCHAIN && endpoint === preset.endpoint)) throw error;
      const gone =
        ' — is a dev chain running? start one with `npx -p @phala-mining/devchain phala-devchain` (or `pnpm devchain` in the SDK repo)';
      if (error instanceof ConnectionFailedError)
        throw new ConnectionFailedError(endpoint, `${error.reason}${gone}`, { cause: error });
      if (error instanceof ConnectionTimeoutError)
        throw new ConnectionFailedError(endpoint, `no answer within ${this.timeoutMs / 1000} s${gone}`, {
          cause: error,
        });
      throw error;
    }
  }

  /** The key from the options and environment, or undefined (read-only commands that can use one). */
  key(): Promise<KeySource | undefined> {
    this.keyPromise ??= loadKey(this.options, this.io, this.ss58);
    return this.keyPromise;
  }

  /** The key, required; dev accounts only on a dev chain. */
  async signingKey(): Promise<KeySource> {
    const key = (await this.key()) ?? (await requireKey(this.options, this.io, this.ss58));
    if (key.dev) await this.requireDevChain(key);
    return key;
  }

  private async requireDevChain(key: KeySource): Promise<void> {
    const client = await this.client();
    const type = await client.api.rpc.system.chainType();
    if (!type.isDevelopment && !type.isLocal) {
      throw new KeyError(
        'DevAccountOffDevChain',
        `${key.origin} is a well-known key: --account works on a dev chain only (this chain is ${type.toString()})`,
      );
    }
  }

  /** First value of a live state observable, within the timeout. */
  first<T>(source: Observable<T>): Promise<T> {
    return firstValueFrom(source.pipe(timeout(this.timeoutMs)));
  }

  /** Prints the human text, or the JSON value with `--json`. */
  print(human: () => string, json: () => unknown): void {
    if (this.json) this.io.stdout.write(`${toJson(json(), 2)}\n`);
    else this.io.stdout.write(`${human()}\n`);
  }

  async close(): Promise<void> {
    const client = this.clientPromise ? await this.clientPromise.catch(() => undefined) : undefined;
    await client?.disconnect().catch(() => undefined);
  }
}
