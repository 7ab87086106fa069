/** Small helpers of the test chain's client: typed lookups that fail with the package's errors, and a clean close. */

import type { DevChain } from '@phala-mining/devchain';
import type { ApiPromise, WsProvider } from '@polkadot/api';
import type { QueryableStorageEntry, SubmittableExtrinsicFunction } from '@polkadot/api/types';
import { compactFromU8a } from '@polkadot/util';

/** 0x-prefixed hex, as chain.ts's `Hex` */
type Hex = `0x${string}`;

import { InvalidArgumentError, UnsupportedChainError } from './errors.js';

export function storage(api: ApiPromise, pallet: string, item: string): QueryableStorageEntry<'promise'> {
  const entry = api.query[pallet]?.[item];
  if (!entry) throw new UnsupportedChainError(`storage item ${pallet}.${item}`);
  return entry;
}

export function extrinsic(
  api: ApiPromise,
  pallet: string,
  call: string,
): SubmittableExtrinsicFunction<'promise'> | undefined {
  return api.tx[pallet]?.[call];
}

export function workerKey(worker: string): Hex {
  if (typeof worker !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(worker)) {
    throw new InvalidArgumentError(`expected a worker public key (32-byte hex), got ${String(worker)}`);
  }
  return worker.toLowerCase() as Hex;
}

/** @polkadot/rpc-provider prefixes messages with the JSON-RPC code (`-32602: …`). */
export function stripCode(message: string): string {
  return message.replace(/^-?\d+:\s*/, '');
}

export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Disconnects and waits for the socket to be gone, so no handle outlives `close()`. */
export async function disconnect(api: ApiPromise, provider: WsProvider): Promise<void> {
  if (!provider.isConnected) {
    await api.disconnect().catch(() => undefined);
    return;
  }
  // a round trip first: the client subscribes to runtime upgrades as it becomes ready, and closing before that
  // subscription is answered makes @polkadot/api log the dropped request
  await provider.send('system_health', []).catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const gone = new Promise<void>((resolve) => {
    provider.on('disconnected', () => resolve());
    timer = setTimeout(resolve, 2_000);
  });
  try {
    await api.disconnect();
    await gone;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The in-process chain's V15 metadata, handed to ApiPromise under the key it looks up
 * (`<genesis hash>-<spec version>`), so the client neither asks the node for it (two round trips and a
 * ~160 kB reply) nor waits for the node to encode it. It is what the node answers to
 * `Metadata_metadata_at_version(15)`, the call the client would make; a runtime without it is fetched as usual.
 * The bytes are handed as they are: `new Metadata` (which the client runs on them) takes bytes as well as hex,
 * and a hex round trip of 160 kB, on still-cold code, was milliseconds of every fresh process's start.
 */
export function ownMetadata(devchain: DevChain): Record<string, Uint8Array> | undefined {
  const { node } = devchain;
  const genesis = node.chain.genesis;
  try {
    const reply = node.runtime.call(
      genesis.state!,
      'Metadata_metadata_at_version',
      Uint8Array.of(15, 0, 0, 0),
      {
        number: 0,
        hash: genesis.hash,
      },
    );
    // Option<OpaqueMetadata>: 0x01, then the bytes with their compact length
    if (reply[0] !== 1) return undefined;
    const [offset, length] = compactFromU8a(reply.subarray(1));
    const bytes = reply.subarray(1 + offset, 1 + offset + length.toNumber());
    return { [`${genesis.hash}-${node.runtime.version.specVersion}`]: bytes };
  } catch {
    return undefined;
  }
}
