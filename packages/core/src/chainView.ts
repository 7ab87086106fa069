import type { TokenomicParameters } from '@phala-mining/math';
import type { ApiPromise } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { accountBalance } from './balance.js';
import {
  big,
  decodeBalanceOption,
  decodeMiner,
  decodePool,
  decodeRegistryWorker,
  decodeStaker,
  decodeTokenomics,
  unwrap,
} from './codec.js';
import type { AccountBalance, MinerInfo, PoolInfo, RegistryWorkerInfo, StakerInfo } from './state.js';
import { poolSubAccount } from './subAccount.js';

/** Chain constants the validations use (from metadata, with Khala's values as fallback for older runtimes). */
export interface PoolConstants {
  minContribution: bigint;
  maxPoolWorkers: number;
  /** seconds */
  gracePeriod: bigint;
  /** not exposed by the runtime: Khala's `MaxWhitelistLen` */
  maxWhitelistLength: number;
  /** not exposed by the runtime: Khala's description bound */
  maxDescriptionLength: number;
}

export function poolConstants(api: ApiPromise): PoolConstants {
  const c = (api.consts as Record<string, Record<string, any> | undefined>).phalaStakePool ?? {};
  return {
    minContribution: c.minContribution ? big(c.minContribution) : 10_000_000_000n,
    maxPoolWorkers: c.maxPoolWorkers ? Number(c.maxPoolWorkers.toString()) : 200,
    gracePeriod: c.gracePeriod ? big(c.gracePeriod) : 604_800n,
    maxWhitelistLength: 100,
    maxDescriptionLength: 4400,
  };
}

const q = (api: ApiPromise) => api.query as unknown as Record<string, Record<string, any>>;

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

  /** The pool (mutable copy; later operations see earlier ones' effects). */
  pool(pid: bigint): Promise<PoolInfo | undefined> {
    return this.once(`pool:${pid}`, async () => {
      const sp = q(this.api).phalaStakePool!;
      const [pool, wl, desc] = await this.api.queryMulti([
        [sp.stakePools, pid],
        [sp.poolContributionWhitelists, pid],
        [sp.poolDescriptions, pid],
      ] as never);
      return decodePool(pool as never, wl as never, desc as never, this.ss58);
    });
  }

  staker(pid: bigint, account: string): Promise<StakerInfo | undefined> {
    return this.once(`staker:${pid}:${account}`, async () =>
      decodeStaker(await q(this.api).phalaStakePool!.poolStakers!([pid, account]), this.ss58),
    );
  }

  registryWorker(worker: string): Promise<RegistryWorkerInfo | undefined> {
    return this.once(`reg:${worker}`, async () =>
      decodeRegistryWorker(await q(this.api).phalaRegistry!.workers!(worker), this.ss58),
    );
  }

  /** The mining record of the pool's sub-account for this worker. */
  miner(pid: bigint, worker: string): Promise<MinerInfo | undefined> {
    return this.once(`miner:${pid}:${worker}`, async () =>
      decodeMiner(await q(this.api).phalaMining!.miners!(poolSubAccount(pid, worker, this.ss58))),
    );
  }

  /** `PhalaMining.Stakes` of the pool's sub-account (0 when not mining). */
  minerStake(pid: bigint, worker: string): Promise<bigint> {
    return this.once(`stake:${pid}:${worker}`, async () =>
      decodeBalanceOption(await q(this.api).phalaMining!.stakes!(poolSubAccount(pid, worker, this.ss58))),
    );
  }

  /** The pool the worker is assigned to, if any. */
  workerAssignment(worker: string): Promise<bigint | undefined> {
    return this.once(`assign:${worker}`, async () => {
      const v = unwrap(await q(this.api).phalaStakePool!.workerAssignments!(worker));
      return v ? big(v) : undefined;
    });
  }

  /** The miner account the worker is bound to, if any. */
  workerBinding(worker: string): Promise<string | undefined> {
    return this.once(`binding:${worker}`, async () => {
      const v = unwrap(await q(this.api).phalaMining!.workerBindings!(worker));
      return v ? u8aToHex(v.toU8a(true)) : undefined;
    });
  }

  balance(account: string): Promise<AccountBalance> {
    return this.once(`balance:${account}`, async () => {
      const [acc, locks, ledger] = await this.api.queryMulti([
        [q(this.api).system!.account, account],
        [q(this.api).balances!.locks, account],
        [q(this.api).phalaStakePool!.stakeLedger, account],
      ] as never);
      return accountBalance(acc as never, locks as never, ledger as never);
    });
  }

  tokenomics(): Promise<TokenomicParameters | undefined> {
    return this.once('tokenomics', async () =>
      decodeTokenomics(await q(this.api).phalaMining!.tokenomicParameters!()),
    );
  }

  miningEnabled(): Promise<boolean> {
    return this.once(
      'miningEnabled',
      async () => (await q(this.api).phalaStakePool!.miningEnabled!()).isTrue as boolean,
    );
  }

  /** seconds */
  coolDownPeriod(): Promise<bigint> {
    return this.once('coolDown', async () => big(await q(this.api).phalaMining!.coolDownPeriod!()));
  }

  /** Chain time of the head, unix seconds. */
  now(): Promise<bigint> {
    return this.once('now', async () => big(await q(this.api).timestamp!.now!()) / 1000n);
  }
}

/** 0x-hex account id of an address (for comparisons and map keys). */
export function accountKey(address: string): string {
  return u8aToHex(decodeAddress(address));
}
