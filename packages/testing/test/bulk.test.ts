/**
 * The batched worker set-up leaves what one call per worker leaves: the same keys (derived from the history, so a
 * batch must see its own earlier registrations), the same registry entries and simulated records — in one block.
 */
import { u8aToHex } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';
import { describe, expect } from 'vitest';
import {
  DevRpcError,
  type Hex,
  InvalidArgumentError,
  registerWorkers,
  setWorkersOnline,
  type TestChain,
} from '../src/index.js';
import { createChainTest } from '../src/vitest.js';

const REGISTRY = u8aToHex(xxhashAsU8a('PhalaRegistry', 128));
const SIMULATED = u8aToHex(Buffer.from(':phala_dev_sim:w', 'utf8'));

/** The package's own chain fixture: one chain for the file, its tests in order. */
const test = createChainTest();

async function head(chain: TestChain): Promise<number> {
  return (await chain.api.rpc.chain.getHeader()).number.toNumber();
}

/** Every storage pair under `prefix` at the head. */
async function pairs(chain: TestChain, prefix: string): Promise<Map<string, string>> {
  const keys = await chain.rpc<string[]>('state_getKeysPaged', [prefix, 1000]);
  const out = new Map<string, string>();
  for (const key of keys) out.set(key, await chain.rpc<string>('state_getStorage', [key]));
  return out;
}

/** The registry entries, less the registration time (one block per call against one block for all). */
async function registryEntries(chain: TestChain, keys: readonly Hex[]): Promise<unknown[]> {
  return Promise.all(
    keys.map(async (k) => {
      const info = (await chain.api.query.phalaRegistry.workers(k)).toJSON() as Record<string, unknown>;
      const { lastUpdated: _, ...rest } = info;
      return rest;
    }),
  );
}

interface Run {
  keys: Hex[];
  blocks: number;
  registry: unknown[];
  registryKeys: string[];
  simulated: Map<string, string>;
  offline: Map<string, string>;
  backOnline: Map<string, string>;
}

async function run(chain: TestChain, bulk: boolean): Promise<Run> {
  const { alice } = chain.accounts;
  const before = await head(chain);
  const keys = bulk
    ? await registerWorkers(chain, 3, { operator: alice, score: 150, cores: 2 })
    : [
        await chain.registerWorker({ operator: alice, score: 150, cores: 2 }),
        await chain.registerWorker({ operator: alice, score: 150, cores: 2 }),
        await chain.registerWorker({ operator: alice, score: 150, cores: 2 }),
      ];
  const blocks = (await head(chain)) - before;
  const simulated = await pairs(chain, SIMULATED);
  const registryKeys = [...(await pairs(chain, REGISTRY)).keys()].sort();
  if (bulk) await setWorkersOnline(chain, keys, false);
  else for (const k of keys) await chain.setWorkerOnline(k, false);
  const offline = await pairs(chain, SIMULATED);
  if (bulk) await setWorkersOnline(chain, keys);
  else for (const k of keys) await chain.setWorkerOnline(k, true);
  const backOnline = await pairs(chain, SIMULATED);
  return {
    keys,
    blocks,
    registry: await registryEntries(chain, keys),
    registryKeys,
    simulated,
    offline,
    backOnline,
  };
}

describe('registerWorkers / setWorkersOnline', () => {
  test('leave the state one call per worker leaves, in one block per 500 workers', async ({ chain }) => {
    const id = await chain.snapshot();
    const single = await run(chain, false);
    await chain.revert(id);
    const bulk = await run(chain, true);

    expect(single.blocks).toBe(3);
    expect(bulk.blocks).toBe(1);
    expect(new Set(bulk.keys).size).toBe(3);
    expect(bulk.keys).toEqual(single.keys);
    expect(bulk.registry).toEqual(single.registry);
    expect(bulk.registry[0]).toMatchObject({ initialScore: 150, confidenceLevel: 1, features: [2, 4] });
    expect(bulk.registryKeys).toEqual(single.registryKeys);
    expect([...bulk.simulated.keys()]).toEqual([...single.simulated.keys()]);
    expect(bulk.simulated.size).toBe(3);
    for (const r of [single, bulk]) {
      // offline changes each record; back online restores it exactly (the same record a single call writes)
      for (const [key, value] of r.simulated) {
        expect(r.offline.get(key)).not.toBe(value);
        expect(r.backOnline.get(key)).toBe(value);
      }
    }
    // the same record bytes but the registration time (counted_at: each single call is one block later)
    const [k0] = [...single.simulated.keys()];
    expect(bulk.simulated.get(k0!)!.length).toBe(single.simulated.get(k0!)!.length);
  });

  test('refuse bad input before building anything', async ({ chain }) => {
    const before = await head(chain);
    await expect(registerWorkers(chain, 0, { operator: 'alice' })).rejects.toThrow(InvalidArgumentError);
    await expect(registerWorkers(chain, 2, { operator: 'alice', score: -1 })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(setWorkersOnline(chain, ['0x12'])).rejects.toThrow(InvalidArgumentError);
    // one unknown worker in the list: the node refuses the whole call and builds no block
    const [known] = await registerWorkers(chain, 1, { operator: 'alice' });
    const unknown = `0x${'ab'.repeat(32)}`;
    const error = await setWorkersOnline(chain, [known!, unknown], false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevRpcError);
    expect((error as Error).message).toMatch(/\[1\]: .*is not a simulated worker/);
    expect(await head(chain)).toBe(before + 1);
  });
});
