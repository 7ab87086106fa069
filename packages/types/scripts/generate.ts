/**
 * `pnpm --filter @phala-mining/types generate [-- --endpoint <wss://… | ws://… | path/to/metadata.json>]`
 *
 * 1. Without `--endpoint`: exports the dev chain's metadata to `metadata/devchain.json`.
 * 2. `polkadot-types-from-defs`: app-level types from `src/interfaces/<module>/definitions.ts` plus the named
 *    lookup types (`lookup.ts`, `types-lookup.ts`, `registry.ts`) from the metadata.
 * 3. `polkadot-types-from-chain`: `augment-api-{consts,errors,events,query,tx,rpc,runtime}.ts`.
 * 4. Rewrites typegen's header, writes `lookup-exports.ts` and formats everything with Biome, so the output is a
 *    pure function of the metadata and the definitions (test/generated.test.ts holds it to that).
 *
 * `--root <dir>` writes `<dir>/metadata` and `<dir>/src/interfaces` instead of this package's (used by the test).
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { exportMetadata, metadataEnvelope, PACKAGE_DIR } from './export-metadata.js';
import { storageShapes } from './storage-shapes.js';

const require = createRequire(import.meta.url);
// Its exports map sends `./package.json` to the CJS copy under `cjs/`, so take the linked folder instead.
const TYPEGEN_DIR = realpathSync(join(PACKAGE_DIR, 'node_modules/@polkadot/typegen'));
const TYPEGEN_VERSION: string = JSON.parse(readFileSync(join(TYPEGEN_DIR, 'package.json'), 'utf8')).version;
const BIOME_CONFIG = join(PACKAGE_DIR, 'scripts/biome-generated.json');
const BIOME_BIN = require.resolve('@biomejs/biome/bin/biome');
const DEVCHAIN_METADATA = 'metadata/devchain.json';
/** Hand-written inputs inside the output folder; everything else there is generated and replaced. */
const DEFINITIONS = 'definitions.ts';

export interface GenerateOptions {
  /** ws(s) URL or metadata JSON file (relative to the current directory); default: the dev chain's metadata */
  endpoint?: string;
  /** folder holding `metadata/` and `src/interfaces/`; default: this package */
  root?: string;
  quiet?: boolean;
  /** only `polkadot-types-from-defs` (lookup and app-level types, no augment-api-*): for comparing shapes */
  lookupOnly?: boolean;
}

class GenerateError extends Error {
  override name = 'GenerateError';
}

function parseArgs(argv: string[]): GenerateOptions {
  const options: GenerateOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // pnpm forwards the `--` separator of `pnpm generate -- --endpoint …` on some versions.
    if (arg === '--') continue;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new GenerateError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--endpoint') options.endpoint = value();
    else if (flag === '--root') options.root = resolve(value());
    else if (flag === '--quiet') options.quiet = true;
    else
      throw new GenerateError(
        `unknown argument ${arg}; usage: generate [--endpoint <wss://…|file.json>] [--root <dir>]`,
      );
  }
  return options;
}

async function fetchMetadataHex(url: string, timeoutMs = 30_000): Promise<string> {
  // @polkadot/api is a devDependency; the provider speaks the same JSON-RPC a browser wallet would.
  const { WsProvider } = await import('@polkadot/api');
  const provider = new WsProvider(url, false, {}, timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  try {
    // A refused connection only emits `error` (isReady never settles), and the timer keeps the process alive
    // until we know: without it Node would exit 0 with nothing generated.
    const connected = new Promise<void>((resolveConnected, reject) => {
      timer = setTimeout(
        () => reject(new GenerateError(`no connection to ${url} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      provider.on('connected', () => resolveConnected());
      provider.on('error', (event: unknown) =>
        reject(
          new GenerateError(
            `cannot connect to ${url}: ${(event as { message?: string })?.message ?? 'error'}`,
          ),
        ),
      );
    });
    await provider.connect();
    await connected;
    const hex: unknown = await provider.send('state_getMetadata', []);
    if (typeof hex !== 'string' || !/^0x[0-9a-f]+$/i.test(hex))
      throw new GenerateError(`${url} sent no metadata`);
    return hex;
  } finally {
    clearTimeout(timer);
    await provider.disconnect().catch(() => {});
  }
}

function isHexString(value: unknown): value is `0x${string}` {
  return typeof value === 'string' && /^0x[0-9a-f]+$/i.test(value);
}

function readMetadataFile(file: string): `0x${string}` {
  if (!existsSync(file)) throw new GenerateError(`metadata file ${file} does not exist`);
  const text = readFileSync(file, 'utf8').trim();
  const hex: unknown = text.startsWith('{') ? JSON.parse(text).result : text;
  if (!isHexString(hex)) {
    throw new GenerateError(`${file} is neither {"result":"0x…"} (a state_getMetadata answer) nor 0x hex`);
  }
  return hex;
}

/** Generated files and folders of a previous run (every module folder loses all but its definitions.ts). */
function cleanOutput(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const inner of readdirSync(path))
        if (inner !== DEFINITIONS) rmSync(join(path, inner), { recursive: true });
    } else if (entry.name !== DEFINITIONS) {
      rmSync(path);
    }
  }
}

function copyDefinitions(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  cpSync(join(from, DEFINITIONS), join(to, DEFINITIONS));
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(join(from, entry.name, DEFINITIONS))) {
      mkdirSync(join(to, entry.name), { recursive: true });
      cpSync(join(from, entry.name, DEFINITIONS), join(to, entry.name, DEFINITIONS));
    }
  }
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function runTypegen(tool: 'from-defs' | 'from-chain', args: string[], quiet: boolean): void {
  // typegen resolves --input/--output/--endpoint against the cwd with path.join, so absolute paths break:
  // it runs in the package and gets paths relative to it. It imports definitions.ts, hence tsx.
  const script = join(TYPEGEN_DIR, 'scripts', `polkadot-types-${tool}.mjs`);
  try {
    execFileSync(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: PACKAGE_DIR,
      stdio: quiet ? 'pipe' : 'inherit',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer | null }).stderr?.toString() ?? '';
    throw new GenerateError(`polkadot-types-${tool} ${args.join(' ')} failed\n${stderr}`, { cause: error });
  }
}

function rewriteHeaders(files: string[], label: string): void {
  const typegenHeader =
    /^\/\/ Auto-generated via `yarn polkadot-types-(from-defs|from-chain)`, do not edit\n/;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const match = typegenHeader.exec(text);
    if (!match) continue;
    const flags = match[1] === 'from-chain' ? '--package . --strict' : '--package .';
    const header =
      `// Generated by \`pnpm --filter @phala-mining/types generate\` ` +
      `(@polkadot/typegen ${TYPEGEN_VERSION} polkadot-types-${match[1]} ${flags} --endpoint ${label}); do not edit.\n`;
    writeFileSync(file, header + text.slice(match[0].length));
  }
}

/** `src/index.ts` re-exports every named lookup type; the names only exist inside `declare module`. */
function writeLookupExports(outDir: string, label: string): void {
  const source = readFileSync(join(outDir, 'types-lookup.ts'), 'utf8');
  const names = [...source.matchAll(/^ {2}(?:interface|type) (\w+)/gm)].map((m) => m[1]!);
  const unique = [...new Set(names)].sort();
  writeFileSync(
    join(outDir, 'lookup-exports.ts'),
    `// Generated by \`pnpm --filter @phala-mining/types generate\` (from types-lookup.ts of --endpoint ${label}); do not edit.\n` +
      `import './types-lookup.js';\n\nexport type { ${unique.join(', ')} } from '@polkadot/types/lookup';\n`,
  );
}

/** `storage.ts`: the plain shapes core's raw-storage codecs decode into (see scripts/storage-shapes.ts). */
function writeStorageShapes(outDir: string, metadataFile: string, label: string): void {
  const header = `// Generated by \`pnpm --filter @phala-mining/types generate\` (scripts/storage-shapes.ts --endpoint ${label}); do not edit.`;
  writeFileSync(join(outDir, 'storage.ts'), storageShapes(readMetadataFile(metadataFile), header));
}

export async function generate(options: GenerateOptions = {}): Promise<{ outDir: string; label: string }> {
  const root = options.root ?? PACKAGE_DIR;
  const quiet = options.quiet ?? false;
  const outDir = join(root, 'src/interfaces');
  const log = quiet ? () => {} : (m: string) => console.log(m);

  let metadataFile: string;
  let label: string;
  let scratch: string | undefined;
  if (options.endpoint === undefined) {
    metadataFile = exportMetadata(join(root, DEVCHAIN_METADATA));
    label = DEVCHAIN_METADATA;
    log(`exported dev chain metadata to ${metadataFile}`);
  } else {
    label = options.endpoint;
    let hex: string;
    if (/^wss?:\/\//.test(label)) {
      log(`fetching metadata from ${label}`);
      // One fetch for both typegen tools, so they cannot see two different runtimes.
      hex = await fetchMetadataHex(label);
    } else {
      hex = readMetadataFile(resolve(label));
    }
    // typegen reads only the JSON envelope; a bare hex file gets one too.
    scratch = mkdtempSync(join(tmpdir(), 'phala-types-metadata-'));
    metadataFile = join(scratch, 'metadata.json');
    writeFileSync(metadataFile, metadataEnvelope(hex));
  }

  try {
    if (root !== PACKAGE_DIR) copyDefinitions(join(PACKAGE_DIR, 'src/interfaces'), outDir);
    cleanOutput(outDir);
    const rel = (p: string) => relative(PACKAGE_DIR, p) || '.';
    // `--package .` makes the generated imports of our own modules relative (`./phala`), not a package path.
    runTypegen(
      'from-defs',
      ['--package', '.', '--input', rel(outDir), '--endpoint', rel(metadataFile)],
      quiet,
    );
    if (!options.lookupOnly) {
      // `--strict` drops the `[key: string]` catch-alls, so an unknown call or storage item does not compile.
      runTypegen(
        'from-chain',
        ['--package', '.', '--output', rel(outDir), '--endpoint', rel(metadataFile), '--strict'],
        quiet,
      );
    }

    const generated = listTs(outDir).filter((f) => !f.endsWith(`/${DEFINITIONS}`));
    rewriteHeaders(generated, label);
    writeLookupExports(outDir, label);
    if (!options.lookupOnly) writeStorageShapes(outDir, metadataFile, label);
    // Its own config: the repo's biome.json excludes src/interfaces from lint and format.
    execFileSync(
      process.execPath,
      [
        BIOME_BIN,
        'format',
        '--write',
        '--config-path',
        BIOME_CONFIG,
        ...listTs(outDir).filter((f) => !f.endsWith(`/${DEFINITIONS}`)),
      ],
      { cwd: PACKAGE_DIR, stdio: quiet ? 'pipe' : 'inherit' },
    );
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
  log(`generated ${outDir} from ${label}`);
  return { outDir, label };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(PACKAGE_DIR, 'scripts/generate.ts')) {
  generate(parseArgs(process.argv.slice(2))).catch((error: unknown) => {
    console.error(error instanceof GenerateError ? `generate: ${error.message}` : error);
    process.exit(1);
  });
}
