/**
 * A dev chain on a free port and a stock @polkadot/api client connected over a real WebSocket, with the small
 * helpers the scenario tests share: submit-and-wait-for-inBlock with decoded events and module errors, raw RPC, sudo.
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { ISubmittableResult } from '@polkadot/types/types';
import { type DevChain, type DevChainOptions, startDevChain } from '../../src/node/devchain.js';

export const PHA = 10n ** 12n;

/**
 * The dev chain cannot depend on @phala-mining/types (generated from this chain), so calls and queries go through
 * the metadata-decorated API without compile-time augmentation.
 */
export type DecoratedApi = ApiPromise & { tx: any; query: any; consts: any; events: any };

export interface DecodedEvent {
  /** `section.method`, e.g. `phalaStakePool.Withdrawal` */
  name: string;
  /** the event's fields by their metadata (snake_case) names, as JSON */
  data: Record<string, unknown>;
}

export interface Outcome {
  /** `section.method` of every event of the extrinsic, in order */
  events: string[];
  decoded: DecodedEvent[];
  blockHash: string;
  raw: ISubmittableResult;
  /** `section.Name` of the module error when the extrinsic failed */
  error?: string;
}

export interface Scenario {
  chain: DevChain;
  api: DecoratedApi;
  keys: Record<'alice' | 'bob' | 'charlie' | 'dave' | 'eve' | 'ferdie', KeyringPair>;
  keyring: Keyring;
  send(tx: any, signer: KeyringPair): Promise<Outcome>;
  sudo(call: any): Promise<Outcome>;
  rpc<T = any>(method: string, params: unknown[]): Promise<T>;
  /** builds `count` empty blocks */
  newBlocks(count: number): Promise<string>;
  blockNumber(hash?: string): Promise<number>;
  /** the head's timestamp in unix ms */
  now(): Promise<number>;
  /** events of the block at `hash` (or the head) */
  blockEvents(hash?: string): Promise<DecodedEvent[]>;
  close(): Promise<void>;
}

function decodeEvent(event: any): DecodedEvent {
  const data: Record<string, unknown> = {};
  const names: string[] = event.meta.fields.map((f: any) => f.name.unwrapOr(undefined)?.toString() ?? '');
  event.data.forEach((value: any, i: number) => {
    data[names[i] || String(i)] = value.toJSON();
  });
  return { name: `${event.section}.${event.method}`, data };
}

export async function openScenario(options: DevChainOptions = {}): Promise<Scenario> {
  const chain = await startDevChain({ port: 0, ...options });
  const api = (await ApiPromise.create({
    provider: new WsProvider(chain.endpoint),
    signedExtensions: { CheckMqSequence: { extrinsic: {}, payload: {} } },
    noInitWarn: true,
  })) as DecoratedApi;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 30 });
  const names = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'] as const;
  const keys = Object.fromEntries(
    names.map((n) => [n, keyring.addFromUri(`//${n[0]!.toUpperCase()}${n.slice(1)}`)]),
  ) as Scenario['keys'];

  const send = (tx: any, signer: KeyringPair) =>
    new Promise<Outcome>((resolve, reject) => {
      tx.signAndSend(signer, (result: ISubmittableResult) => {
        if (result.isError) reject(new Error(`transaction ${result.status.type}`));
        // A watcher may hear `finalized` without the `inBlock` result when @polkadot/api's events fetch for inBlock
        // loses the race against the next status; the finalized result carries the same events.
        if (!result.status.isInBlock && !result.status.isFinalized) return;
        const decoded = result.events.map(({ event }) => decodeEvent(event));
        const failed = result.events.find(({ event }) => api.events.system.ExtrinsicFailed.is(event));
        const outcome: Outcome = {
          events: decoded.map((e) => e.name),
          decoded,
          blockHash: (result.status.isInBlock ? result.status.asInBlock : result.status.asFinalized).toHex(),
          raw: result,
        };
        if (failed) {
          const [dispatchError] = failed.event.data as unknown as [any];
          if (dispatchError.isModule) {
            const meta = api.registry.findMetaError(dispatchError.asModule);
            outcome.error = `${meta.section}.${meta.name}`;
          } else {
            outcome.error = dispatchError.type;
          }
        }
        resolve(outcome);
      }).catch(reject);
    });
  const rpc = <T>(method: string, params: unknown[]) =>
    (api as any)._rpcCore.provider.send(method, params) as Promise<T>;
  const blockNumber = async (hash?: string) => (await api.rpc.chain.getHeader(hash)).number.toNumber();
  const blockEvents = async (hash?: string) => {
    const at: any = await api.at(hash ?? (await api.rpc.chain.getBlockHash()));
    return ((await at.query.system.events()) as any[]).map(({ event }) => decodeEvent(event));
  };

  return {
    chain,
    api,
    keys,
    keyring,
    send,
    // The dev chain's sudo key is Alice (governance = root through Sudo, index 99).
    sudo: async (call) => {
      const outcome = await send(api.tx.sudo.sudo(call), keys.alice);
      const sudid = outcome.raw.events.find(({ event }) => api.events.sudo.Sudid.is(event));
      const result = sudid?.event.data[0] as any;
      if (result?.isErr) {
        const err = result.asErr;
        if (!err.isModule) return { ...outcome, error: err.type as string };
        const meta = api.registry.findMetaError(err.asModule);
        return { ...outcome, error: `${meta.section}.${meta.name}` };
      }
      return outcome;
    },
    rpc,
    newBlocks: (count) => rpc('dev_newBlock', [{ count }]),
    blockNumber,
    now: async () => (await api.query.timestamp.now()).toNumber(),
    blockEvents,
    close: async () => {
      await api.disconnect();
      await chain.close();
    },
  };
}

/** Registers a simulated worker through the dev control and returns its public key. */
export function registerWorker(s: Scenario, operator: KeyringPair, score = 2000): Promise<string> {
  return s.rpc('phala_registerWorker', [{ operator: operator.address, score }]);
}

/** The pid from a `create` outcome's PoolCreated event. */
export function createdPid(outcome: Outcome): number {
  const created = outcome.decoded.find((e) => e.name === 'phalaStakePool.PoolCreated');
  if (!created) throw new Error(`no PoolCreated event (error: ${outcome.error ?? 'none'})`);
  return Number(created.data.pid);
}

/** u128 fields come back from toJSON as numbers, hex or decimal strings depending on size: compare as bigint. */
export const big = (value: unknown): bigint => BigInt(value as string | number);
