import { type DevChain, type DevChainOptions, startDevChain } from '@phala-mining/devchain';
import { ApiPromise, type SubmittableResult, WsProvider } from '@polkadot/api';
import type { AddressOrPair, ApiOptions, SubmittableExtrinsic } from '@polkadot/api/types';
import type { Codec } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { type AccountLike, accountId, type DevAccounts, devAccounts, SS58_FORMAT } from './accounts.js';
import { disconnect, extrinsic, ownMetadata, storage, stripCode, turn, workerKey } from './chainHelpers.js';
import {
  ChainClosedError,
  ConnectionFailedError,
  DevRpcError,
  DevRpcUnavailableError,
  InvalidArgumentError,
  SnapshotNotFoundError,
  TimeTravelBackwardsError,
  TimeTravelRejectedError,
  UnsupportedChainError,
} from './errors.js';
import { type Duration, durationMs } from './time.js';
import { type SendTxOptions, sendTx } from './tx.js';

export type Hex = `0x${string}`;

/** Names of the dev RPC methods the helpers call (chopsticks' names for the generic ones). */
export const DEV_RPC = {
  newBlock: 'dev_newBlock',
  timeTravel: 'dev_timeTravel',
  setStorage: 'dev_setStorage',
  setHead: 'dev_setHead',
  snapshot: 'dev_snapshot',
  revert: 'dev_revert',
  registerWorker: 'phala_registerWorker',
  setWorkerOnline: 'phala_setWorkerOnline',
  settle: 'phala_settle',
} as const;

/** Khala's signed extension beyond Substrate's standard set; it carries no data. */
const SIGNED_EXTENSIONS: NonNullable<ApiOptions['signedExtensions']> = {
  CheckMqSequence: { extrinsic: {}, payload: {} },
};

const METHOD_NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;

export interface TestChainOptions {
  /**
   * Connect to this node (`ws://…`: a `phala-node --dev`, a chopsticks fork, a running `phala-devchain`) instead of
   * starting an in-process dev chain. Helpers then drive it through dev RPC methods and throw
   * {@link DevRpcUnavailableError} where it lacks them.
   */
  endpoint?: string;
  /** options for the in-process dev chain (ignored with `endpoint`); the port is always a free one */
  devchain?: Omit<DevChainOptions, 'port'>;
  /** extra @polkadot/api options (types, rpc, signedExtensions merged over Khala's) */
  api?: Omit<ApiOptions, 'provider' | 'source'>;
  /** per-request timeout of the client, ms (default 60 000) */
  requestTimeoutMs?: number;
}

export interface RegisterWorkerOptions {
  /** the account that may add the worker to its pool */
  operator: AccountLike;
  /** benchmark score (`initial_score`); default: the node's */
  score?: number;
  /** CPU cores (`features[0]`); default: the node's */
  cores?: number;
  /** attestation confidence level 1–5; default: the node's */
  confidence?: number;
  /** the worker's public key (32-byte hex); default: a fresh one from the node */
  pubkey?: string;
}

export interface TestChain {
  /** `ws://…` of the chain */
  readonly endpoint: string;
  /** a ready client, configured for Khala (ss58 30, `CheckMqSequence`) */
  readonly api: ApiPromise;
  /** Alice…Ferdie: sr25519 dev accounts, funded at genesis on the dev chain */
  readonly accounts: DevAccounts;
  /** the in-process dev chain, or undefined when connected to an external endpoint */
  readonly devchain: DevChain | undefined;
  /** registers a simulated worker (operator bound, benchmark done); returns its public key */
  registerWorker(options: RegisterWorkerOptions): Promise<Hex>;
  /** builds `count` blocks (default 1); returns the new head's hash */
  newBlocks(count?: number): Promise<Hex>;
  /**
   * Moves the chain's clock forward — by a duration from the head's time, or to a date — and builds a block
   * carrying it. Returns the new head's time. Never goes backwards ({@link TimeTravelBackwardsError}).
   */
  timeTravel(to: Duration | Date): Promise<Date>;
  /** the head block's time (`Timestamp.Now`) */
  now(): Promise<Date>;
  /** makes a simulated worker answer (true) or miss (false) its heartbeat challenges */
  setWorkerOnline(worker: Hex | string, online: boolean): Promise<void>;
  /** runs a gatekeeper settlement round now */
  settle(): Promise<void>;
  /**
   * Turns the stake pool's mining switch (`PhalaStakePool.MiningEnabled`) on or off as root, through Alice's sudo.
   * A fresh dev chain starts with it on (as live Khala at 1192); a chain started with `miningEnabled: false` needs it
   * turned on before a worker can be stopped.
   */
  setMiningEnabled(enabled: boolean): Promise<void>;
  /** sets the account's free balance (planck) */
  fund(account: AccountLike, amount: bigint): Promise<void>;
  /** the account's free balance (planck) */
  balanceOf(account: AccountLike): Promise<bigint>;
  /** captures the chain; `revert(id)` returns to it */
  snapshot(): Promise<string>;
  /** restores a snapshot (consuming it and every later one) */
  revert(id: string): Promise<void>;
  /** {@link sendTx} with an account name allowed as signer */
  sendTx(
    tx: SubmittableExtrinsic<'promise'>,
    signer: AddressOrPair | keyof DevAccounts,
    options?: SendTxOptions,
  ): Promise<SubmittableResult>;
  /** calls an RPC method, mapping "method not found" to {@link DevRpcUnavailableError} */
  rpc<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  /** disconnects the client and stops the in-process chain; idempotent */
  close(): Promise<void>;
  readonly closed: boolean;
}

/**
 * Starts an isolated Khala dev chain in this process on a free port (or connects to `options.endpoint`) and
 * returns it with a ready client, the dev accounts and the helpers.
 */
export async function createTestChain(options: TestChainOptions = {}): Promise<TestChain> {
  const accountsReady = devAccounts();
  let devchain: DevChain | undefined;
  let endpoint: string;
  if (options.endpoint === undefined) {
    devchain = await startDevChain({ devRpc: true, ...options.devchain, port: 0 });
    endpoint = devchain.endpoint;
  } else {
    endpoint = options.endpoint;
  }
  try {
    const metadata = devchain ? ownMetadata(devchain) : undefined;
    const [{ api, provider }, accounts] = await Promise.all([
      connect(
        endpoint,
        metadata
          ? {
              ...options,
              // bytes where ApiOptions' type says hex: ApiPromise passes the value to `new Metadata`, which takes both
              api: {
                ...options.api,
                metadata: { ...(metadata as unknown as Record<string, Hex>), ...options.api?.metadata },
              },
            }
          : options,
      ),
      accountsReady,
    ]);
    return new Chain(endpoint, api, provider, accounts, devchain);
  } catch (error) {
    await devchain?.close();
    throw error;
  }
}

async function connect(
  endpoint: string,
  options: TestChainOptions,
): Promise<{ api: ApiPromise; provider: WsProvider }> {
  let provider: WsProvider;
  try {
    // no auto-reconnect: a test chain that goes away is an error, and a retry timer would keep the process alive
    provider = new WsProvider(endpoint, false, {}, options.requestTimeoutMs ?? 60_000);
  } catch (error) {
    throw new ConnectionFailedError(endpoint, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  await new Promise<void>((resolve, reject) => {
    const offConnected = provider.on('connected', () => {
      offConnected();
      offError();
      resolve();
    });
    const offError = provider.on('error', (error: unknown) => {
      offConnected();
      offError();
      provider.disconnect().catch(() => undefined);
      const reason = error instanceof Error && error.message ? error.message : 'the connection failed';
      reject(new ConnectionFailedError(endpoint, reason, { cause: error }));
    });
    provider.connect().catch((error: unknown) => {
      offConnected();
      offError();
      reject(
        new ConnectionFailedError(endpoint, error instanceof Error ? error.message : String(error), {
          cause: error,
        }),
      );
    });
  });
  try {
    const api = await ApiPromise.create({
      noInitWarn: true,
      ...options.api,
      provider,
      throwOnConnect: true,
      signedExtensions: { ...SIGNED_EXTENSIONS, ...options.api?.signedExtensions },
    });
    return { api, provider };
  } catch (error) {
    await provider.disconnect().catch(() => undefined);
    throw new ConnectionFailedError(endpoint, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
}

class Chain implements TestChain {
  #closed = false;
  #closing: Promise<void> | undefined;
  /** `rpc_methods` of the node, fetched on first need */
  #methods: Promise<ReadonlySet<string> | undefined> | undefined;

  constructor(
    readonly endpoint: string,
    readonly api: ApiPromise,
    private readonly provider: WsProvider,
    readonly accounts: DevAccounts,
    readonly devchain: DevChain | undefined,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  async rpc<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    if (this.#closed) throw new ChainClosedError(`call ${method}`);
    try {
      return (await this.provider.send(method, params)) as T;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const message = error instanceof Error ? error.message : String(error);
      if (code === METHOD_NOT_FOUND || /method not found/i.test(message)) {
        throw new DevRpcUnavailableError(method, this.endpoint, { cause: error });
      }
      throw new DevRpcError(method, typeof code === 'number' ? code : undefined, stripCode(message), {
        cause: error,
      });
    }
  }

  async registerWorker(options: RegisterWorkerOptions): Promise<Hex> {
    if (typeof options !== 'object' || options === null)
      throw new InvalidArgumentError('registerWorker: expected { operator, score?, cores?, confidence? }');
    const operator = encodeAddress(accountId(options.operator, this.accounts), SS58_FORMAT);
    const params: Record<string, unknown> = { operator };
    for (const key of ['score', 'cores', 'confidence'] as const) {
      const value = options[key];
      if (value === undefined) continue;
      if (!Number.isSafeInteger(value) || value < 0)
        throw new InvalidArgumentError(
          `registerWorker: ${key} must be a non-negative integer, got ${String(value)}`,
        );
      params[key] = value;
    }
    if (options.pubkey !== undefined) params.pubkey = workerKey(options.pubkey);
    const pubkey = await this.rpc<string>(DEV_RPC.registerWorker, [params]);
    return pubkey.toLowerCase() as Hex;
  }

  async newBlocks(count = 1): Promise<Hex> {
    if (!Number.isSafeInteger(count) || count < 1)
      throw new InvalidArgumentError(`newBlocks: count must be a positive integer, got ${String(count)}`);
    return this.rpc<Hex>(DEV_RPC.newBlock, [{ count }]);
  }

  async now(): Promise<Date> {
    return new Date(await this.#chainTime());
  }

  async timeTravel(to: Duration | Date): Promise<Date> {
    const chainTime = await this.#chainTime();
    let target: number;
    if (to instanceof Date) {
      target = to.getTime();
      if (Number.isNaN(target)) throw new InvalidArgumentError('timeTravel: invalid Date');
    } else if (typeof to === 'object' && to !== null) {
      target = chainTime + durationMs(to);
    } else {
      throw new InvalidArgumentError('timeTravel: expected a Date or a duration like { days: 7 }');
    }
    if (target <= chainTime) throw new TimeTravelBackwardsError(target, chainTime);
    try {
      await this.rpc(DEV_RPC.timeTravel, [target]);
    } catch (error) {
      if (error instanceof DevRpcError && error.rpcCode === INVALID_PARAMS) {
        throw new TimeTravelRejectedError(
          target,
          stripCode(error.message.replace(/^dev_timeTravel failed: /, '')),
          { cause: error },
        );
      }
      throw error;
    }
    await this.newBlocks(1);
    return this.now();
  }

  async setWorkerOnline(worker: Hex | string, online: boolean): Promise<void> {
    if (typeof online !== 'boolean')
      throw new InvalidArgumentError('setWorkerOnline: online must be a boolean');
    await this.rpc(DEV_RPC.setWorkerOnline, [workerKey(worker), online]);
  }

  async settle(): Promise<void> {
    await this.rpc(DEV_RPC.settle, []);
  }

  async setMiningEnabled(enabled: boolean): Promise<void> {
    if (typeof enabled !== 'boolean')
      throw new InvalidArgumentError('setMiningEnabled: enabled must be a boolean');
    const switchItem = storage(this.api, 'phalaStakePool', 'miningEnabled');
    if (((await switchItem()) as unknown as { isTrue: boolean }).isTrue === enabled) return;
    const sudo = extrinsic(this.api, 'sudo', 'sudo');
    const setMiningEnable = extrinsic(this.api, 'phalaStakePool', 'setMiningEnable');
    if (!sudo || !setMiningEnable)
      throw new UnsupportedChainError('Sudo.sudo and PhalaStakePool.set_mining_enable');
    await sendTx(sudo(setMiningEnable(enabled)), this.accounts.alice);
    // sudo reports the inner call's failure in an event, not as a failed extrinsic: check the outcome itself
    if (((await switchItem()) as unknown as { isTrue: boolean }).isTrue !== enabled)
      throw new UnsupportedChainError('Alice as the sudo key (PhalaStakePool.MiningEnabled did not change)');
  }

  async balanceOf(account: AccountLike): Promise<bigint> {
    const info = (await storage(
      this.api,
      'system',
      'account',
    )(accountId(account, this.accounts))) as AccountInfo;
    return info.data.free.toBigInt();
  }

  async fund(account: AccountLike, amount: bigint): Promise<void> {
    if (typeof amount !== 'bigint' || amount < 0n)
      throw new InvalidArgumentError(
        `fund: amount must be a non-negative bigint (planck), got ${String(amount)}`,
      );
    const who = accountId(account, this.accounts);
    try {
      await this.#fundByStorage(who, amount);
    } catch (error) {
      // a real `--dev` node has no dev_setStorage but does have sudo (Alice)
      if (!(error instanceof DevRpcUnavailableError) || !extrinsic(this.api, 'sudo', 'sudo')) throw error;
      await this.#fundBySudo(who, amount);
    }
  }

  async #fundByStorage(who: Hex, amount: bigint): Promise<void> {
    const { api } = this;
    const account = storage(api, 'system', 'account');
    const totalIssuance = storage(api, 'balances', 'totalIssuance');
    const [info, issuance] = await Promise.all([account(who), totalIssuance()]);
    const current = info.toJSON() as { providers?: number; data: Record<string, unknown> };
    const oldFree = (info as AccountInfo).data.free.toBigInt();
    const typeId = account.creator.meta.type.asMap.value;
    const updated = api.registry.createType(api.registry.createLookupType(typeId), {
      ...current,
      // an account holding a balance is provided for by Balances; without a provider it could not send anything
      providers: Math.max(1, current.providers ?? 0),
      data: { ...current.data, free: amount },
    });
    const newIssuance = (issuance as unknown as { toBigInt(): bigint }).toBigInt() - oldFree + amount;
    await this.rpc(DEV_RPC.setStorage, [
      [
        [account.key(who), u8aToHex(updated.toU8a())],
        [totalIssuance.key(), u8aToHex(api.createType('u128', newIssuance).toU8a())],
      ],
    ]);
  }

  async #fundBySudo(who: Hex, amount: bigint): Promise<void> {
    const { api } = this;
    const sudo = extrinsic(api, 'sudo', 'sudo');
    const setBalance =
      extrinsic(api, 'balances', 'setBalance') ?? extrinsic(api, 'balances', 'forceSetBalance');
    if (!sudo || !setBalance) throw new DevRpcUnavailableError(DEV_RPC.setStorage, this.endpoint);
    // Khala's Balances (FRAME v0.9) takes the reserved balance too; newer FRAME's force_set_balance does not
    const call =
      setBalance.meta.args.length === 3
        ? setBalance(
            who,
            amount,
            ((await storage(api, 'system', 'account')(who)) as AccountInfo).data.reserved,
          )
        : setBalance(who, amount);
    await sendTx(sudo(call), this.accounts.alice);
  }

  async snapshot(): Promise<string> {
    try {
      return await this.rpc<string>(DEV_RPC.snapshot, []);
    } catch (error) {
      // chopsticks has no snapshots but can move its head back to any block it built
      if (!(error instanceof DevRpcUnavailableError) || !(await this.#serves(DEV_RPC.setHead))) throw error;
      const head = await this.api.rpc.chain.getHeader();
      return `${SET_HEAD_SNAPSHOT}${head.hash.toHex()}`;
    }
  }

  async revert(id: string): Promise<void> {
    if (typeof id !== 'string' || id.length === 0)
      throw new InvalidArgumentError('revert: expected a snapshot id');
    if (id.startsWith(SET_HEAD_SNAPSHOT)) {
      await this.rpc(DEV_RPC.setHead, [id.slice(SET_HEAD_SNAPSHOT.length)]);
      return;
    }
    const reverted = await this.rpc<boolean>(DEV_RPC.revert, [id]);
    if (!reverted) throw new SnapshotNotFoundError(id);
  }

  sendTx(
    tx: SubmittableExtrinsic<'promise'>,
    signer: AddressOrPair | keyof DevAccounts,
    options?: SendTxOptions,
  ): Promise<SubmittableResult> {
    if (this.#closed) return Promise.reject(new ChainClosedError('send a transaction'));
    const pair =
      typeof signer === 'string' && signer in this.accounts
        ? this.accounts[signer as keyof DevAccounts]
        : signer;
    return sendTx(tx, pair, options);
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#closed = true;
      try {
        await disconnect(this.api, this.provider);
      } finally {
        await this.devchain?.close();
        // libuv releases closed sockets and servers in the close phase of a later loop turn: wait for it, so
        // nothing is left once close() resolves
        await turn();
        await turn();
      }
    })();
    return this.#closing;
  }

  async #chainTime(): Promise<number> {
    if (this.#closed) throw new ChainClosedError('read the chain time');
    const now = await storage(this.api, 'timestamp', 'now')();
    return Number((now as unknown as { toBigInt(): bigint }).toBigInt());
  }

  async #serves(method: string): Promise<boolean> {
    this.#methods ??= this.rpc<{ methods: string[] }>('rpc_methods').then(
      (reply) => new Set(reply.methods),
      () => undefined,
    );
    const methods = await this.#methods;
    return methods?.has(method) ?? false;
  }
}

const SET_HEAD_SNAPSHOT = 'head:';

interface AccountInfo extends Codec {
  data: { free: { toBigInt(): bigint }; reserved: Codec };
}
