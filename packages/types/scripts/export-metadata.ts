/**
 * Writes the dev chain's SCALE metadata (V14) as the JSON-RPC `state_getMetadata` answer that
 * `polkadot-types-from-{chain,defs} --endpoint <file.json>` read.
 *
 * Run: `node --import tsx scripts/export-metadata.ts [out.json]` (default `metadata/devchain.json`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKhalaRuntime } from '@phala-mining/devchain';

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_METADATA_FILE = resolve(PACKAGE_DIR, 'metadata/devchain.json');

/**
 * The envelope as a node answers it. The fixed `id` keeps the file byte-stable, and the layout is the one Biome
 * gives JSON (one member per line), so `pnpm format` at the root leaves it alone.
 */
export function metadataEnvelope(metadata: Uint8Array | string): string {
  const result =
    typeof metadata === 'string'
      ? metadata
      : `0x${Buffer.from(metadata.buffer, metadata.byteOffset, metadata.byteLength).toString('hex')}`;
  return `${JSON.stringify({ jsonrpc: '2.0', result, id: 1 }, null, 2)}\n`;
}

export function exportMetadata(outFile: string = DEFAULT_METADATA_FILE): string {
  // Metadata depends only on the declared pallets, never on genesis options, so defaults are fine here.
  const metadata = createKhalaRuntime().metadata();
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, metadataEnvelope(metadata));
  return outFile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = exportMetadata(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_METADATA_FILE);
  console.log(`wrote ${out}`);
}
