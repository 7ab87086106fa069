/**
 * Proves that the dev chain's declarations reach core's compiler: in a scratch copy under the system temp folder it
 * changes one declaration of the dev chain at a time, regenerates this package's types from it, and typechecks
 * core's sources against them. Each mutation must make tsc fail, and only on lines that use what was changed; the
 * unmodified copy must typecheck clean (so a failure is the mutation's, not the harness's).
 *
 * Cheap by construction: only the dev chain's, this package's and core's sources are copied; `node_modules` are
 * symlinks to the workspace's, and tsc runs once per case (`--noEmit`, core's `src` without its tests).
 *
 * Run: `pnpm --filter @phala-mining/types mutation-check [-- --keep]` (`--keep` leaves the scratch folder).
 * test/mutation-check.test.ts runs it as part of `pnpm test`.
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_DIR } from './export-metadata.js';
import { generate } from './generate.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const WORKSPACE = resolve(PACKAGE_DIR, '../..');
const DEVCHAIN_DIR = join(WORKSPACE, 'packages/devchain');
const CORE_DIR = join(WORKSPACE, 'packages/core');
const TSC = require.resolve('typescript/bin/tsc');

export class MutationCheckError extends Error {
  override name = 'MutationCheckError';
}

/** One change to the dev chain's declarations, and how to recognise core's lines that use the changed thing. */
export interface Mutation {
  name: string;
  /** rewrites the copied dev chain sources under `src`; throws when the declaration is not where it expects it */
  apply(src: string): void;
  /** a tsc error is expected on a line whose text (or one of the two lines above it) matches this */
  uses: RegExp;
}

export interface TscError {
  file: string;
  line: number;
  code: string;
  message: string;
  /** the source line tsc points at */
  text: string;
}

export interface CaseResult {
  name: string;
  errors: TscError[];
  /** errors on lines that do not use what the mutation changed */
  unexpected: TscError[];
  ok: boolean;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** The one file under `src` containing `anchor`; a declaration that moved or was duplicated is the script's to fix. */
function fileWith(src: string, anchor: string): { file: string; text: string } {
  const hits = tsFiles(src)
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
    .filter((f) => f.text.includes(anchor));
  if (hits.length !== 1)
    throw new MutationCheckError(
      `expected exactly one dev chain file declaring ${anchor}, found ${hits.length}: update scripts/mutation-check.ts`,
    );
  return hits[0]!;
}

/** Replaces the first match of `pattern` after `anchor` in its file. */
function replaceAfter(src: string, anchor: string, pattern: RegExp, replacement: string): string {
  const { file, text } = fileWith(src, anchor);
  const at = text.indexOf(anchor) + anchor.length;
  const rest = text.slice(at);
  const match = pattern.exec(rest);
  if (!match)
    throw new MutationCheckError(
      `no ${pattern} after ${anchor} in ${relative(src, file)}: update scripts/mutation-check.ts`,
    );
  writeFileSync(file, text.slice(0, at) + rest.replace(pattern, replacement));
  return file;
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'PhalaStakePool.contribute: amount becomes a bool',
    apply(src) {
      const scale = join(src, 'scale/types.ts');
      if (!existsSync(scale)) throw new MutationCheckError('packages/devchain/src/scale/types.ts moved');
      const file = replaceAfter(
        src,
        'contribute: call({',
        /amount:\s*[^,}\n]+/,
        "amount: [__mutationBool, 'bool']",
      );
      const from = relative(dirname(file), scale).replace(/\.ts$/, '.js');
      const spec = from.startsWith('.') ? from : `./${from}`;
      writeFileSync(file, `import { bool as __mutationBool } from '${spec}';\n${readFileSync(file, 'utf8')}`);
    },
    uses: /\.contribute\(/,
  },
  {
    name: 'PoolInfo: free_stake is renamed',
    apply(src) {
      replaceAfter(
        src,
        "'phala_pallets::stakepool::pallet::PoolInfo'",
        /\bfree_stake:/,
        'free_stake_renamed:',
      );
    },
    uses: /\bfree_stake\b/,
  },
];

function linkModules(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  symlinkSync(join(from, 'node_modules'), join(to, 'node_modules'), 'dir');
}

/** Scratch copies of this package's hand-written sources and core's `src` (tests left out) with a tsconfig. */
function prepareConsumers(scratch: string): void {
  const types = join(scratch, 'types');
  linkModules(PACKAGE_DIR, types);
  cpSync(join(PACKAGE_DIR, 'src'), join(types, 'src'), {
    recursive: true,
    filter: (p) => !/\.test(-d)?\.ts$/.test(p),
  });
  const core = join(scratch, 'core');
  linkModules(CORE_DIR, core);
  cpSync(join(CORE_DIR, 'src'), join(core, 'src'), {
    recursive: true,
    filter: (p) => !/\.test(-d)?\.ts$/.test(p) && !p.endsWith('testFixtures.ts'),
  });
  writeFileSync(
    join(core, 'tsconfig.json'),
    JSON.stringify(
      {
        extends: join(WORKSPACE, 'tsconfig.base.json'),
        compilerOptions: {
          noEmit: true,
          rootDir: scratch,
          // @types/node lives at the workspace root, which the scratch folder is not under
          typeRoots: [join(WORKSPACE, 'node_modules/@types')],
          // core compiles against the scratch types' sources instead of the built package
          paths: {
            '@phala-mining/types': ['../types/src/index.ts'],
            '@phala-mining/types/augment': ['../types/src/augment.ts'],
          },
        },
        include: ['src'],
      },
      null,
      2,
    ),
  );
}

/** Exports the metadata of the (mutated) dev chain sources in `scratch/devchain`. */
async function exportScratchMetadata(scratch: string): Promise<string> {
  const out = join(scratch, 'metadata.json');
  const script = join(scratch, 'export-metadata.ts');
  writeFileSync(
    script,
    [
      `import { writeFileSync } from 'node:fs';`,
      `import { createKhalaRuntime } from './devchain/src/index.js';`,
      `import { metadataEnvelope } from ${JSON.stringify(join(PACKAGE_DIR, 'scripts/export-metadata.ts'))};`,
      `writeFileSync(${JSON.stringify(out)}, metadataEnvelope(createKhalaRuntime().metadata()));`,
    ].join('\n'),
  );
  try {
    await run(process.execPath, ['--import', 'tsx', script], { cwd: PACKAGE_DIR, maxBuffer: 16 << 20 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new MutationCheckError(`the mutated dev chain exported no metadata\n${stderr}`, { cause: error });
  }
  return out;
}

async function typecheckCore(scratch: string): Promise<TscError[]> {
  const core = join(scratch, 'core');
  let output = '';
  try {
    await run(process.execPath, [TSC, '-p', join(core, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: core,
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    output = (error as { stdout?: string }).stdout ?? '';
    if (!output) throw error;
  }
  // an error without a place (a missing type library, a bad tsconfig) is the harness's, not the mutation's
  const global = output.match(/^error TS\d+: .*$/m);
  if (global) throw new MutationCheckError(`tsc could not check the scratch copy: ${global[0]}`);
  const errors: TscError[] = [];
  for (const m of output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)) {
    const file = resolve(core, m[1]!);
    const line = Number(m[2]);
    const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
    errors.push({
      file: relative(scratch, file),
      line,
      code: m[3]!,
      message: m[4]!,
      text: lines.slice(Math.max(0, line - 3), line).join('\n'),
    });
  }
  return errors;
}

export interface MutationCheckOptions {
  keep?: boolean;
  log?: (message: string) => void;
}

/** Runs the unmodified case and every mutation; `ok` is whether each behaved as it must. */
export async function mutationCheck(
  options: MutationCheckOptions = {},
): Promise<{ scratch: string; results: CaseResult[] }> {
  const log = options.log ?? (() => {});
  const scratch = mkdtempSync(join(tmpdir(), 'phala-mutation-'));
  const results: CaseResult[] = [];
  try {
    prepareConsumers(scratch);
    // unmodified: the committed output (test/generated.test.ts holds it equal to a fresh generation)
    const baseline = await typecheckCore(scratch);
    results.push({ name: 'unmodified', errors: baseline, unexpected: baseline, ok: baseline.length === 0 });
    log(`unmodified: ${baseline.length} type errors`);

    const devchain = join(scratch, 'devchain');
    for (const mutation of MUTATIONS) {
      rmSync(devchain, { recursive: true, force: true });
      linkModules(DEVCHAIN_DIR, devchain);
      cpSync(join(DEVCHAIN_DIR, 'src'), join(devchain, 'src'), { recursive: true });
      cpSync(join(DEVCHAIN_DIR, 'package.json'), join(devchain, 'package.json'));
      mutation.apply(join(devchain, 'src'));
      const metadata = await exportScratchMetadata(scratch);
      await generate({ endpoint: metadata, root: join(scratch, 'types'), quiet: true });
      const errors = await typecheckCore(scratch);
      const unexpected = errors.filter((e) => !mutation.uses.test(e.text));
      results.push({
        name: mutation.name,
        errors,
        unexpected,
        ok: errors.length > 0 && unexpected.length === 0,
      });
      log(`${mutation.name}: ${errors.length} type errors, ${unexpected.length} elsewhere`);
    }
  } finally {
    if (!options.keep) rmSync(scratch, { recursive: true, force: true });
  }
  return { scratch, results };
}

export function describeResult(result: CaseResult): string {
  const where = (e: TscError) => `  ${e.file}:${e.line} ${e.code} ${e.message}`;
  return [
    `${result.ok ? 'ok  ' : 'FAIL'} ${result.name}: ${result.errors.length} type errors`,
    ...result.errors.map(where),
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(PACKAGE_DIR, 'scripts/mutation-check.ts')) {
  const keep = process.argv.includes('--keep');
  mutationCheck({ keep, log: (m) => console.error(m) })
    .then(({ scratch, results }) => {
      for (const r of results) console.log(describeResult(r));
      if (keep) console.log(`scratch copy kept in ${scratch}`);
      if (results.some((r) => !r.ok)) process.exit(1);
    })
    .catch((error: unknown) => {
      console.error(error instanceof MutationCheckError ? `mutation-check: ${error.message}` : error);
      process.exit(1);
    });
}
