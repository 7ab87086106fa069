/**
 * Two runtimes in one process — Khala 1190 and 1192 side by side, as a client testing a runtime upgrade needs them:
 * each owns its outer enums, metadata and state roots, answers its own version and metadata over its own socket,
 * and produces its own blocks.
 */
import { Metadata, TypeRegistry } from '@polkadot/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevChain, startDevChain } from '../../src/node/devchain.js';
import { sr25519Ready } from '../../src/runtime/executive.js';
import { createKhalaRuntime, type KhalaRuntime } from '../../src/runtime/khala.js';
import { RpcClient } from './rpcClient.js';

/** `System.Version` (spec_version) as the metadata served over RPC declares it. */
function specVersionInMetadata(hex: `0x${string}`): number {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, hex);
  registry.setMetadata(metadata);
  const system = metadata.asLatest.pallets.find((p) => p.name.toString() === 'System')!;
  const version = system.constants.find((c) => c.name.toString() === 'Version')!;
  const decoded = registry.createType('RuntimeVersion', version.value.toU8a(true));
  return (decoded as unknown as { specVersion: { toNumber(): number } }).specVersion.toNumber();
}

describe('two runtimes in one process', () => {
  let old: KhalaRuntime;
  let current: KhalaRuntime;
  const chains: DevChain[] = [];
  const clients: RpcClient[] = [];

  beforeAll(async () => {
    await sr25519Ready();
    old = createKhalaRuntime({ specVersion: 1190, genesisTimestamp: 1_700_000_004_000 });
    current = createKhalaRuntime({ genesisTimestamp: 1_700_000_004_000 });
    for (const runtime of [old, current]) {
      const chain = await startDevChain({ port: 0, runtime, blockMode: 'manual' });
      chains.push(chain);
      clients.push(await RpcClient.connect(chain.endpoint));
    }
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    for (const chain of chains) await chain.close();
  });

  it('keeps what each runtime owns apart: outer enums, bound pallets, metadata', () => {
    expect(old.outer.RuntimeCall).not.toBe(current.outer.RuntimeCall);
    expect(old.pallet('Utility').callType).not.toBe(current.pallet('Utility').callType);
    expect(old.pallet('System').constants.Version?.value.spec_version).toBe(1190);
    expect(current.pallet('System').constants.Version?.value.spec_version).toBe(1192);
    // the same pallets, so the metadata differs only where the version is embedded
    expect(old.metadata()).not.toEqual(current.metadata());
    expect(old.metadata().length).toBe(current.metadata().length);
  });

  it('answers state_getRuntimeVersion and state_getMetadata with its own spec version', async () => {
    const [oldClient, currentClient] = clients as [RpcClient, RpcClient];
    expect((await oldClient.call('state_getRuntimeVersion')).specVersion).toBe(1190);
    expect((await currentClient.call('state_getRuntimeVersion')).specVersion).toBe(1192);
    expect(specVersionInMetadata(await oldClient.call('state_getMetadata'))).toBe(1190);
    expect(specVersionInMetadata(await currentClient.call('state_getMetadata'))).toBe(1192);
  });

  it('tells the runtimes apart by their :code, so clients keying metadata by code hash do too', async () => {
    const [oldClient, currentClient] = clients as [RpcClient, RpcClient];
    const code = '0x3a636f6465';
    const oldCode = await oldClient.call('state_getStorage', [code]);
    const currentCode = await currentClient.call('state_getStorage', [code]);
    expect(oldCode).toMatch(/^0x/);
    expect(oldCode).not.toBe(currentCode);
  });

  it('both produce blocks, each on its own chain', async () => {
    const [oldClient, currentClient] = clients as [RpcClient, RpcClient];
    await oldClient.call('dev_newBlock', [{ count: 2 }]);
    await currentClient.call('dev_newBlock', [{ count: 3 }]);
    const oldHead = await oldClient.call('chain_getHeader');
    const currentHead = await currentClient.call('chain_getHeader');
    expect(Number.parseInt(oldHead.number, 16)).toBe(2);
    expect(Number.parseInt(currentHead.number, 16)).toBe(3);
    // the runtimes' genesis differs (:code), so their chains never share a block
    expect(await oldClient.call('chain_getBlockHash', [0])).not.toBe(
      await currentClient.call('chain_getBlockHash', [0]),
    );
    expect((await oldClient.call('state_getRuntimeVersion', [oldHead.parentHash])).specVersion).toBe(1190);
  });
});
