import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import * as source from '../index.js';

// A production bundle renames classes (a React app logged `kI: invalid PHA amount "-5"` when names came from
// `new.target.name`). Bundle the package the way an app would, minified, and read the errors back from it.
const ENTRY = fileURLToPath(new URL('../index.ts', import.meta.url));
// inside the package, so the bundle's external imports (rxjs, @polkadot/*) resolve from its node_modules
const OUT_DIR = fileURLToPath(new URL('../../node_modules/.minify-test/', import.meta.url));

type ErrorClass = new (...args: unknown[]) => source.MiningError;
let minified: Record<string, unknown>;

// Every package stays external except @phala-mining/errors, whose base, categories and shared classes (PalletError,
// ConnectionFailedError, UnexpectedError) core re-exports: an app's bundler minifies them together with core's.
const externalButTheFamily: Plugin = {
  name: 'external-but-the-family',
  setup(plugin) {
    plugin.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path === '@phala-mining/errors' ? undefined : { path: args.path, external: true },
    );
  },
};

/** An instance of any error class: its constructor's figures are filled with the first kind of value it accepts. */
function instantiate(errorClass: ErrorClass): source.MiningError {
  for (const filler of [1n, 1, 'x', ['x']]) {
    try {
      return new errorClass(...Array.from({ length: Math.max(errorClass.length, 1) }, () => filler));
    } catch {
      // a figure of another type: try the next
    }
  }
  throw new Error(`could not construct ${errorClass.name}`);
}

beforeAll(async () => {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    plugins: [externalButTheFamily],
    write: false,
    logLevel: 'silent',
  });
  mkdirSync(OUT_DIR, { recursive: true });
  const file = `${OUT_DIR}index-${process.pid}.mjs`;
  writeFileSync(file, result.outputFiles[0]!.contents);
  minified = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
});

describe('error names in a minified bundle', () => {
  it('the bundle does rename the classes (so a name taken from the class would be wrong)', () => {
    const classes = minified.MINING_ERROR_CLASSES as readonly ErrorClass[];
    const renamed = classes.filter((errorClass) => !errorClass.name.endsWith('Error'));
    expect(renamed.length).toBeGreaterThan(classes.length / 2);
    // the family's classes were bundled and renamed as well (not imported from @phala-mining/errors' build)
    for (const shared of [
      'PalletError',
      'ConnectionFailedError',
      'UnexpectedError',
      'MiningError',
      'ChainError',
    ]) {
      const value = minified[shared] as ErrorClass;
      expect(value, shared).not.toBe((source as unknown as Record<string, ErrorClass>)[shared]);
      expect(value.name, shared).not.toBe(shared);
    }
  });

  it('every error keeps its literal name, code and category', () => {
    const classes = new Set(minified.MINING_ERROR_CLASSES as readonly ErrorClass[]);
    const exported = Object.entries(minified).filter(([, value]) => classes.has(value as ErrorClass));
    expect(exported).toHaveLength(source.MINING_ERROR_CLASSES.length);
    for (const [exportName, errorClass] of exported) {
      const error = instantiate(errorClass as ErrorClass);
      const original = instantiate((source as unknown as Record<string, ErrorClass>)[exportName]!);
      expect(error.name, exportName).toBe(exportName);
      expect(error.code, exportName).toBe(original.code);
      expect(error.category, exportName).toBe(original.category);
      expect(String(error)).toMatch(new RegExp(`^${exportName}: `));
    }
  });

  it('category bases still answer instanceof', () => {
    const { InvalidAmountError, InputError, RuleError, pha } = minified as {
      InvalidAmountError: ErrorClass;
      InputError: ErrorClass;
      RuleError: ErrorClass;
      pha: (text: string) => bigint;
    };
    let thrown: unknown;
    try {
      pha('-5');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidAmountError);
    expect(thrown).toBeInstanceOf(InputError);
    expect(thrown).not.toBeInstanceOf(RuleError);
    expect(String(thrown)).toBe('InvalidAmountError: invalid amount "-5" PHA: an amount cannot be negative');
  });
});
