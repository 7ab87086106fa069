/**
 * The generated names are only useful if @polkadot/types resolves them at run time from the same metadata: every
 * exported lookup type must be creatable, and the decorated calls must take the arguments the augmentation types.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expandMetadata, Metadata, TypeRegistry } from '@polkadot/types';
import { describe, expect, test, vi } from 'vitest';
import { khalaChainProperties, khalaSignedExtensions, khalaTypes } from '../src/index.js';

const METADATA = fileURLToPath(new URL('../metadata/devchain.json', import.meta.url));
const LOOKUP_EXPORTS = fileURLToPath(new URL('../src/interfaces/lookup-exports.ts', import.meta.url));

function devchainRegistry() {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, JSON.parse(readFileSync(METADATA, 'utf8')).result);
  registry.setMetadata(metadata, undefined, khalaSignedExtensions);
  registry.register(khalaTypes);
  registry.setChainProperties(registry.createType('ChainProperties', khalaChainProperties));
  return { registry, metadata };
}

describe('run-time registry built from the dev chain metadata', () => {
  test('every exported lookup type name resolves', () => {
    const { registry } = devchainRegistry();
    const names = [...readFileSync(LOOKUP_EXPORTS, 'utf8').matchAll(/^\s+(\w+),?$/gm)].map((m) => m[1]!);
    expect(names).toContain('PhalaPalletsStakepoolPalletPoolInfo');
    const unresolved = names.filter((name) => {
      try {
        registry.createType(name as 'Null');
        return false;
      } catch {
        return true;
      }
    });
    expect(unresolved).toEqual([]);
  });

  test('declaring CheckMqSequence silences the unknown-extension warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const bare = new TypeRegistry();
      bare.setMetadata(new Metadata(bare, JSON.parse(readFileSync(METADATA, 'utf8')).result));
      expect(warn.mock.calls.flat().join(' ')).toMatch(/Unknown signed extensions CheckMqSequence/);
      warn.mockClear();
      const { registry } = devchainRegistry();
      expect(registry.signedExtensions).toContain('CheckMqSequence');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test('app-level types and lookup types agree on encoding', () => {
    const { registry } = devchainRegistry();
    const key = `0x${'42'.repeat(32)}`;
    expect(registry.createType('WorkerPublicKey', key).toHex()).toBe(
      registry.createType('SpCoreSr25519Public', key).toHex(),
    );
    expect(registry.createType('PoolId', 5).toU8a()).toEqual(registry.createType('u64', 5).toU8a());
  });

  test('decorated calls, storage and events carry the generated argument types', () => {
    const { registry, metadata } = devchainRegistry();
    const decorated = expandMetadata(registry, metadata);
    const contribute = decorated.tx.phalaStakePool!.contribute!;
    expect(contribute.meta.args.map((a) => [a.name.toString(), a.type.toString()])).toEqual([
      ['pid', 'u64'],
      ['amount', 'u128'],
    ]);
    const call = contribute(7, 1_000_000_000_000n);
    expect(call.args.map((a) => a.toString())).toEqual(['7', '1000000000000']);
    const stakePools = decorated.query.phalaStakePool!.stakePools!;
    expect(registry.lookup.getTypeDef(stakePools.meta.type.asMap.value).lookupName).toBe(
      'PhalaPalletsStakepoolPalletPoolInfo',
    );
    const poolCreated = decorated.events.phalaStakePool!.PoolCreated!;
    expect(poolCreated.meta.fields.map((f) => f.name.toString())).toEqual(['owner', 'pid']);
  });
});
