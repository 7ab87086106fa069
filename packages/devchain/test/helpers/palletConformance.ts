/**
 * Compares one pallet of the dev chain's metadata with live Khala 1190 item by item. Runtime-wide types that
 * necessarily differ are rendered by path only: RuntimeCall and OriginCaller list only the pallets the dev chain
 * runs. (Compare those separately where it matters.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { u8aToHex } from '@polkadot/util';
import { createKhalaRuntime } from '../../src/index.js';
import { decodeMetadata, ShapeDescriber } from '../conformance/metadataShape.js';

const KHALA_1190 = fileURLToPath(
  new URL('../../../../../shared/khala/metadata/khala-1190.json', import.meta.url),
);

export const hasKhala1190 = existsSync(KHALA_1190);

class RuntimeAgnosticDescriber extends ShapeDescriber {
  constructor(
    metadata: ConstructorParameters<typeof ShapeDescriber>[0],
    private readonly opaquePaths: string[],
  ) {
    super(metadata);
  }

  override shape(id: number, stack: number[] = []): string {
    const path = this.metadata.lookup.types[id]?.type.path.map((s) => s.toString()).join('::');
    if (path && this.opaquePaths.includes(path)) return `${path}<opaque>`;
    return super.shape(id, stack);
  }
}

export interface PalletComparison {
  /** `item → [ours, Khala's]` for every item that differs */
  differences: Map<string, [string | undefined, string]>;
  ours: Map<string, string>;
  theirs: Map<string, string>;
}

let loaded: { real: ShapeDescriber; ours: ShapeDescriber; opaque: string[] } | undefined;

function describers(opaquePaths: string[]) {
  if (!loaded || loaded.opaque.join() !== opaquePaths.join()) {
    const envelope = JSON.parse(readFileSync(KHALA_1190, 'utf8')) as { result: `0x${string}` };
    loaded = {
      real: new RuntimeAgnosticDescriber(decodeMetadata(envelope.result), opaquePaths),
      ours: new RuntimeAgnosticDescriber(
        decodeMetadata(u8aToHex(createKhalaRuntime().metadata())),
        opaquePaths,
      ),
      opaque: opaquePaths,
    };
  }
  return loaded;
}

export const RUNTIME_WIDE = ['khala_parachain_runtime::RuntimeCall', 'khala_parachain_runtime::OriginCaller'];

export function comparePallet(name: string, opaquePaths: string[] = RUNTIME_WIDE): PalletComparison {
  const { real, ours: mine } = describers(opaquePaths);
  const theirs = real.describePallet(name);
  const ours = mine.describePallet(name);
  const differences = new Map<string, [string | undefined, string]>();
  for (const [key, value] of theirs)
    if (ours.get(key) !== value) differences.set(key, [ours.get(key), value]);
  for (const [key, value] of ours)
    if (!theirs.has(key)) differences.set(key, [value, '<absent in Khala 1190>']);
  return { differences, ours, theirs };
}

/** The shape of one type in both metadata, found by path (first match). */
export function compareTypeByPath(path: string): [string | undefined, string | undefined] {
  const { real, ours } = describers(RUNTIME_WIDE);
  const find = (d: ShapeDescriber) => {
    const t = d.metadata.lookup.types.find((x) => x.type.path.map((s) => s.toString()).join('::') === path);
    return t ? d.shape(t.id.toNumber()) : undefined;
  };
  return [find(ours), find(real)];
}
