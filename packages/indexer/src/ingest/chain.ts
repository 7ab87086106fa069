import { ApiPromise, WsProvider } from '@polkadot/api';
import { ConnectionFailedError, StatePrunedError } from '../errors.js';
import type { BlockReader, ChainEvent, PoolOnChain } from './extract.js';

export interface FetchedBlock {
  number: number;
  hash: string;
  timestamp: number;
  events: ChainEvent[];
}

type Codec = any;

/** Reads blocks, their events and the few storage items the extractor needs, at each block's own hash. */
export class ChainSource {
  private constructor(
    readonly api: ApiPromise,
    private readonly owned: boolean,
    /** Named in connection errors: the URL connected to, or the client handed in. */
    private readonly endpoint = 'the given ApiPromise',
  ) {}

  static async connect(endpoint: string, timeoutMs = 30_000): Promise<ChainSource> {
    const provider = new WsProvider(endpoint, false);
    const api = new ApiPromise({ provider, noInitWarn: true, throwOnConnect: true });
    let timer: NodeJS.Timeout | undefined;
    try {
      await provider.connect();
      await Promise.race([
        api.isReadyOrError,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      await api.disconnect().catch(() => undefined);
      throw new ConnectionFailedError(endpoint, (error as Error).message, { cause: error });
    } finally {
      clearTimeout(timer);
    }
    return new ChainSource(api, true, endpoint);
  }

  /** Wraps a ready client the caller keeps ownership of. */
  static fromApi(api: ApiPromise): ChainSource {
    return new ChainSource(api, false);
  }

  async finalizedNumber(): Promise<number> {
    const hash = await this.api.rpc.chain.getFinalizedHead();
    const header = await this.api.rpc.chain.getHeader(hash);
    return header.number.toNumber();
  }

  async hashOf(number: number): Promise<string> {
    return (await this.api.rpc.chain.getBlockHash(number)).toHex();
  }

  async fetch(number: number): Promise<FetchedBlock> {
    return this.fetchByHash(await this.hashOf(number), number);
  }

  /** A block's number and parent (the best chain is walked back by parents: a fork has no number → hash mapping). */
  async header(hash: string): Promise<{ number: number; parentHash: string }> {
    const header = await this.api.rpc.chain.getHeader(hash);
    return { number: header.number.toNumber(), parentHash: header.parentHash.toHex() };
  }

  async fetchByHash(hash: string, knownNumber?: number): Promise<FetchedBlock> {
    const number = knownNumber ?? (await this.header(hash)).number;
    let at: Codec;
    try {
      at = await this.api.at(hash);
    } catch (error) {
      throw new StatePrunedError(
        `the node has no state for block #${number} (${hash}); index from an archive node`,
        { cause: error },
      );
    }
    let records: Codec;
    let now: Codec;
    try {
      [records, now] = await Promise.all([at.query.system.events(), at.query.timestamp.now()]);
    } catch (error) {
      // only the node's own answer means pruned; a timeout or a dropped socket is not (and retrying may do)
      if (!/discarded|pruned|unknown ?block|not found/i.test((error as Error).message)) {
        throw new ConnectionFailedError(
          this.endpoint,
          `reading block #${number}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      throw new StatePrunedError(
        `the node discarded the state of block #${number}: index from an archive node (dev chain: --archive)`,
        { cause: error },
      );
    }
    const events: ChainEvent[] = [];
    for (const record of records as Codec[]) {
      const { event, phase } = record;
      const names: string[] = event.data.names ?? [];
      const fields: Record<string, unknown> = {};
      event.data.forEach((value: Codec, i: number) => {
        // @polkadot/api hands out camelCase names; the extractor reads the metadata's snake_case
        const name = (names[i] ?? String(i)).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
        fields[name] = value.toString();
      });
      events.push({
        section: event.section.charAt(0).toUpperCase() + event.section.slice(1),
        method: event.method,
        extrinsic: phase.isApplyExtrinsic ? phase.asApplyExtrinsic.toNumber() : undefined,
        fields,
      });
    }
    return { number, hash, timestamp: Number(now.toString()), events };
  }

  reader(hash: string): BlockReader {
    const atP = this.api.at(hash);
    return {
      pool: async (pid): Promise<PoolOnChain | undefined> => {
        const at: Codec = await atP;
        const info: Codec = await at.query.phalaStakePool.stakePools(pid);
        if (info.isNone) return undefined;
        const p = info.unwrap();
        return {
          owner: p.owner.toString(),
          rewardAcc: BigInt(p.rewardAcc.toString()),
          totalStake: BigInt(p.totalStake.toString()),
          totalShares: BigInt(p.totalShares.toString()),
        };
      },
      stakerShares: async (pid, account) => {
        const at: Codec = await atP;
        const info: Codec = await at.query.phalaStakePool.poolStakers([pid, account]);
        return info.isNone ? 0n : BigInt(info.unwrap().shares.toString());
      },
    };
  }

  /** Calls `onHead` with each new finalized block number until the returned function is called. */
  async followFinalized(onHead: (number: number) => void): Promise<() => void> {
    return this.api.rpc.chain.subscribeFinalizedHeads((header) => onHead(header.number.toNumber()));
  }

  /** Calls `onHead` with each new best block hash (it may be on another fork than the last one). */
  async followBest(onHead: (hash: string) => void): Promise<() => void> {
    return this.api.rpc.chain.subscribeNewHeads((header) => onHead(header.hash.toHex()));
  }

  async close(): Promise<void> {
    if (this.owned) await this.api.disconnect();
  }
}
