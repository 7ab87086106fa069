import type { TokenomicParameters } from '@phala-mining/math';
import type { ApiPromise } from '@polkadot/api';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import {
  decodeBalanceOption,
  decodeMiner,
  decodeNowSeconds,
  decodePool,
  decodeRegistryWorker,
  decodeStaker,
  decodeTokenomics,
} from '../storage/decode.js';
import { type DecodedValue, poolStakerKey, readDecoded, type StorageRequest } from '../storage/source.js';
import { poolSubAccountHex } from '../subAccount.js';
import { accountBalance } from './accountBalance.js';
import { poolRequests } from './pool.js';
import type {
  AccountBalance,
  MinerInfo,
  PoolConstants,
  PoolInfo,
  RegistryWorkerInfo,
  StakerInfo,
} from './records.js';

export type { PoolConstants };

export function poolConstants(api: ApiPromise): PoolConstants {
  // typed from the dev chain's metadata; an older runtime may lack the pallet's constants, hence Partial
  const c: Partial<ApiPromise['consts']['phalaStakePool']> = api.consts.phalaStakePool ?? {};
  return {
    minContribution: c.minContribution ? c.minContribution.toBigInt() : 10_000_000_000n,
    maxPoolWorkers: c.maxPoolWorkers ? c.maxPoolWorkers.toNumber() : 200,
    gracePeriod: c.gracePeriod ? c.gracePeriod.toBigInt() : 604_800n,
    maxWhitelistLength: 100,
    maxDescriptionLength: 4400,
  };
}

/**
 * The chain state a batch of operations is validated against: read lazily, cached, and updated in place by each
 * validated operation with its expected effect, so `setCap(x).contribute(y)` checks the contribution against x.
 */
export class ChainView {
  readonly constants: PoolConstants;
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(
    readonly api: ApiPromise,
    readonly ss58: number,
  ) {
    this.constants = poolConstants(api);
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.cache.set(key, p);
    }
    return p;
  }

  /** Replaces a cached read with the value an earlier operation of the batch will leave behind. */
  assume(key: 'miner' | 'assign', id: string, value: unknown): void {
    this.cache.set(`${key}:${id}`, Promise.resolve(value));
  }

  private read<const R extends StorageRequest>(request: R): Promise<DecodedValue<R>> {
    return readDecoded(this.api, [request] as const).then(([value]) => value);
  }

  /** The pool (mutable copy; later operations see earlier ones' effects). */
  pool(pid: bigint): Promise<PoolInfo | undefined> {
    return this.once(`pool:${pid}`, async () => {
      const [pool, whitelist, description] = await readDecoded(this.api, poolRequests(pid));
      return decodePool(pool, whitelist, description, this.ss58);
    });
  }

  staker(pid: bigint, account: string): Promise<StakerInfo | undefined> {
    return this.once(`staker:${pid}:${account}`, async () =>
      decodeStaker(
        await this.read(['PhalaStakePool', 'PoolStakers', poolStakerKey(pid, account)]),
        this.ss58,
      ),
    );
  }

  registryWorker(worker: string): Promise<RegistryWorkerInfo | undefined> {
    return this.once(`reg:${worker}`, async () =>
      decodeRegistryWorker(await this.read(['PhalaRegistry', 'Workers', hexToU8a(worker)]), this.ss58),
    );
  }

  /** The mining record of the pool's sub-account for this worker. */
  miner(pid: bigint, worker: string): Promise<MinerInfo | undefined> {
    return this.once(`miner:${pid}:${worker}`, async () =>
      decodeMiner(await this.read(['PhalaMining', 'Miners', hexToU8a(poolSubAccountHex(pid, worker))])),
    );
  }

  /** `PhalaMining.Stakes` of the pool's sub-account (0 when not mining). */
  minerStake(pid: bigint, worker: string): Promise<bigint> {
    return this.once(`stake:${pid}:${worker}`, async () =>
      decodeBalanceOption(
        await this.read(['PhalaMining', 'Stakes', hexToU8a(poolSubAccountHex(pid, worker))]),
      ),
    );
  }

  /** The pool the worker is assigned to, if any. */
  workerAssignment(worker: string): Promise<bigint | undefined> {
    return this.once(`assign:${worker}`, async () => {
      return this.read(['PhalaStakePool', 'WorkerAssignments', hexToU8a(worker)]);
    });
  }

  /** The miner account the worker is bound to, if any (0x-hex). */
  workerBinding(worker: string): Promise<string | undefined> {
    return this.once(`binding:${worker}`, async () => {
      const account = await this.read(['PhalaMining', 'WorkerBindings', hexToU8a(worker)]);
      return account === undefined ? undefined : u8aToHex(decodeAddress(account));
    });
  }

  balance(account: string): Promise<AccountBalance> {
    return this.once(`balance:${account}`, async () => {
      const id = decodeAddress(account);
      const [acc, locks, ledger] = await readDecoded(this.api, [
        ['System', 'Account', id],
        ['Balances', 'Locks', id],
        ['PhalaStakePool', 'StakeLedger', id],
      ]);
      return accountBalance(acc, locks, ledger);
    });
  }

  tokenomics(): Promise<TokenomicParameters | undefined> {
    return this.once('tokenomics', async () =>
      decodeTokenomics(await this.read(['PhalaMining', 'TokenomicParameters'])),
    );
  }

  miningEnabled(): Promise<boolean> {
    return this.once('miningEnabled', async () => this.read(['PhalaStakePool', 'MiningEnabled']));
  }

  /** seconds */
  coolDownPeriod(): Promise<bigint> {
    return this.once('coolDown', async () => this.read(['PhalaMining', 'CoolDownPeriod']));
  }

  /** Chain time of the head, unix seconds. */
  now(): Promise<bigint> {
    return this.once('now', async () => decodeNowSeconds(await this.read(['Timestamp', 'Now'])));
  }
}

/** 0x-hex account id of an address (for comparisons and map keys). */
export function accountKey(address: string): string {
  return u8aToHex(decodeAddress(address));
}
