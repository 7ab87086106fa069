import { encodeAddress } from '@polkadot/util-crypto';
import { accountId, SS58_FORMAT } from './accounts.js';
import type { Hex, RegisterWorkerOptions, TestChain } from './chain.js';
import { workerKey } from './chainHelpers.js';
import { InvalidArgumentError } from './errors.js';

/** The dev chain's batched worker controls (phala-devchain only: a `--dev` node has none). */
export const BULK_DEV_RPC = {
  registerWorkers: 'phala_registerWorkers',
  setWorkersOnline: 'phala_setWorkersOnline',
} as const;

/** Actions per RPC call: the node takes up to 1,000; 500 keeps each block and response small. */
const CALL_SIZE = 500;

export interface RegisterWorkersOptions extends Omit<RegisterWorkerOptions, 'pubkey'> {
  /** the workers' public keys (one per worker); default: fresh ones from the node */
  pubkeys?: readonly string[];
}

/**
 * Registers `count` simulated workers with the same options, 500 per block instead of one block each: what
 * `count` calls of {@link TestChain.registerWorker} leave (same keys, same registry and simulated records) save
 * the block numbers and times, in `count / 500` blocks. For benchmark and large-scenario set-up.
 */
export async function registerWorkers(
  chain: TestChain,
  count: number,
  options: RegisterWorkersOptions,
): Promise<Hex[]> {
  if (!Number.isSafeInteger(count) || count < 1)
    throw new InvalidArgumentError(`registerWorkers: count must be a positive integer, got ${String(count)}`);
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError('registerWorkers: expected { operator, score?, cores?, confidence? }');
  if (options.pubkeys !== undefined && options.pubkeys.length !== count)
    throw new InvalidArgumentError(
      `registerWorkers: ${options.pubkeys.length} pubkeys for ${count} workers (one each, or none)`,
    );
  const base: Record<string, unknown> = {
    operator: encodeAddress(accountId(options.operator, chain.accounts), SS58_FORMAT),
  };
  for (const key of ['score', 'cores', 'confidence'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0)
      throw new InvalidArgumentError(
        `registerWorkers: ${key} must be a non-negative integer, got ${String(value)}`,
      );
    base[key] = value;
  }
  const pubkeys = options.pubkeys?.map(workerKey);
  const keys: Hex[] = [];
  for (let from = 0; from < count; from += CALL_SIZE) {
    const to = Math.min(count, from + CALL_SIZE);
    const workers = Array.from({ length: to - from }, (_, i) =>
      pubkeys ? { ...base, pubkey: pubkeys[from + i] } : base,
    );
    const got = await chain.rpc<string[]>(BULK_DEV_RPC.registerWorkers, [workers]);
    keys.push(...got.map((k) => k.toLowerCase() as Hex));
  }
  return keys;
}

/**
 * Makes simulated workers answer (true) or miss (false) their heartbeat challenges, 500 per block: what one
 * {@link TestChain.setWorkerOnline} call per worker leaves, in `keys.length / 500` blocks.
 */
export async function setWorkersOnline(
  chain: TestChain,
  workers: readonly (Hex | string)[],
  online = true,
): Promise<void> {
  if (!Array.isArray(workers) || workers.length === 0)
    throw new InvalidArgumentError('setWorkersOnline: expected a non-empty list of worker keys');
  if (typeof online !== 'boolean')
    throw new InvalidArgumentError('setWorkersOnline: online must be a boolean');
  const keys = workers.map(workerKey);
  for (let from = 0; from < keys.length; from += CALL_SIZE) {
    await chain.rpc(BULK_DEV_RPC.setWorkersOnline, [keys.slice(from, from + CALL_SIZE), online]);
  }
}
