/**
 * The generated types must describe the real chain: the dev chain's Phala pallets are compared, through the files
 * typegen made from them, with what the same typegen makes from live Khala's runtime 1190 metadata (read from
 * ../shared, never copied), plus the documented 1192 deltas.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generate } from '../scripts/generate.js';
import { khalaSignedExtensions } from '../src/index.js';
import ours from '../src/interfaces/lookup.js';

const KHALA_1190 = fileURLToPath(
  new URL('../../../../shared/khala/metadata/khala-1190.json', import.meta.url),
);
const TYPES_LOOKUP = fileURLToPath(new URL('../src/interfaces/types-lookup.ts', import.meta.url));
const PALLETS = ['Mq', 'Registry', 'Mining', 'Stakepool'] as const;

/** The storage structs the SDK reads, by their Rust path in the metadata. */
const STRUCT_PATHS = {
  PoolInfo: 'phala_pallets::stakepool::pallet::PoolInfo',
  UserStakeInfo: 'phala_pallets::stakepool::pallet::UserStakeInfo',
  WithdrawInfo: 'phala_pallets::stakepool::pallet::WithdrawInfo',
  MinerInfo: 'phala_pallets::mining::pallet::MinerInfo',
  WorkerInfo: 'phala_pallets::registry::pallet::WorkerInfo',
  TokenomicParameters: 'phala_types::messaging::TokenomicParameters',
} as const;

type Defs = Record<string, unknown>;

/** Runtime 1192 = 1190 + PhalaMining call 6 and PhalaStakePool errors 29 and 30 (shared/khala/metadata/README.md). */
function with1192Deltas(defs1190: Defs): Defs {
  const defs = structuredClone(defs1190) as Record<string, { _enum: unknown }>;
  const miningCalls = defs.PhalaPalletsMiningPalletCall!._enum as Record<string, unknown>;
  miningCalls.set_heartbeat_paused = { paused: 'bool' };
  const stakePoolErrors = defs.PhalaPalletsStakepoolPalletError!._enum as string[];
  stakePoolErrors.push('MinerDoesNotExist', 'WorkerIsNotReady');
  return defs;
}

/** The names and every named lookup type they reach, so a nested struct or enum is compared too. */
function closure(roots: string[], defs: Defs): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name) || !(name in defs)) continue;
    seen.add(name);
    for (const [ref] of JSON.stringify(defs[name]).matchAll(/[A-Z][A-Za-z0-9]+/g))
      if (ref in defs) queue.push(ref);
  }
  return [...seen].sort();
}

/** `interface X … { … }` blocks of a types-lookup.ts, without doc comments (they carry registry ids). */
function interfaces(source: string): Map<string, string> {
  const blocks = new Map<string, string>();
  const withoutDocs = source.replace(/\/\*\*[\s\S]*?\*\//g, '');
  for (const m of withoutDocs.matchAll(
    /^ {2}(?:interface|type) (\w+)[\s\S]*?(?=^ {2}(?:interface|type) |^}$)/gm,
  )) {
    blocks.set(m[1]!, m[0].replace(/\n\s*\n/g, '\n').trim());
  }
  return blocks;
}

describe('generated Phala types match live Khala (runtime 1190 + 1192 deltas)', () => {
  let dir: string;
  let real: Defs;
  let realTypesLookup: Map<string, string>;
  const registry = new TypeRegistry();

  beforeAll(async () => {
    const metadata = new Metadata(registry, JSON.parse(readFileSync(KHALA_1190, 'utf8')).result);
    registry.setMetadata(metadata, undefined, khalaSignedExtensions);
    dir = mkdtempSync(join(tmpdir(), 'phala-types-khala1190-'));
    const { outDir } = await generate({ endpoint: KHALA_1190, root: dir, quiet: true, lookupOnly: true });
    real = with1192Deltas((await import(pathToFileURL(join(outDir, 'lookup.ts')).href)).default);
    realTypesLookup = interfaces(readFileSync(join(outDir, 'types-lookup.ts'), 'utf8'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const lookupNameOf = (path: string): string => {
    const entry = registry.lookup.types.find((t) => t.type.path.map(String).join('::') === path);
    const name = entry && registry.lookup.getTypeDef(entry.id).lookupName;
    if (!name) throw new Error(`Khala 1190 metadata has no named type at ${path}`);
    return name;
  };

  test.each(Object.entries(STRUCT_PATHS))('%s has the same name and shape', (_, path) => {
    const name = lookupNameOf(path);
    expect(Object.keys(ours), `${name} is missing from the generated lookup.ts`).toContain(name);
    for (const n of closure([name], real)) expect(ours[n as keyof typeof ours], n).toEqual(real[n]);
  });

  test.each(PALLETS)('Phala%s calls, events and errors have the same names and argument types', (pallet) => {
    const roots = ['Call', 'Event', 'Error']
      .map((kind) => `PhalaPallets${pallet}Pallet${kind}`)
      .filter((n) => n in real);
    expect(roots.length, `Khala has Phala${pallet} calls`).toBeGreaterThan(1);
    for (const n of closure(roots, real)) expect(ours[n as keyof typeof ours], n).toEqual(real[n]);
  });

  test('the TypeScript interfaces in types-lookup.ts are the same', () => {
    const generated = interfaces(readFileSync(TYPES_LOOKUP, 'utf8'));
    const roots = [
      ...Object.values(STRUCT_PATHS).map(lookupNameOf),
      ...PALLETS.flatMap((p) => ['Call', 'Event'].map((k) => `PhalaPallets${p}Pallet${k}`)),
    ];
    // The 1192 deltas change these two; their lookup.ts definitions are compared above.
    const changed = new Set(['PhalaPalletsMiningPalletCall', 'PhalaPalletsStakepoolPalletError']);
    for (const n of closure(roots, real).filter((n) => !changed.has(n))) {
      expect(realTypesLookup.get(n), `${n} in Khala's types-lookup.ts`).toMatch(/^(interface|type) /);
      expect(generated.get(n), n).toEqual(realTypesLookup.get(n));
    }
  });
});
