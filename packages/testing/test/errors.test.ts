import * as family from '@phala-mining/errors';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as source from '../src/errors.js';

type ErrorClass = new (...args: unknown[]) => source.TestingError;
const CATEGORY_BASES = {
  input: family.InputError,
  chain: family.ChainError,
  transport: family.TransportError,
  compatibility: family.CompatibilityError,
} as const;

function instantiate(errorClass: ErrorClass): source.TestingError {
  for (const filler of [1, 'x']) {
    try {
      return new errorClass(...Array.from({ length: Math.max(errorClass.length, 1) }, () => filler));
    } catch {
      // another type: next
    }
  }
  throw new Error(`could not construct ${errorClass.name}`);
}

describe("this package's errors", () => {
  it('keep a literal name, a PascalCase code and a category of the family in a minified bundle', async () => {
    const result = await build({
      entryPoints: [new URL('../src/errors.ts', import.meta.url).pathname],
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0]!.contents).toString('base64')}`;
    const minified = (await import(url)) as Record<string, unknown>;
    // the family's shared classes (PalletError, DispatchError, ConnectionFailedError) are bundled and minified with the rest
    const classes = (minified.TESTING_ERROR_CLASSES as readonly ErrorClass[]).map(
      (errorClass, i) => [source.TESTING_ERROR_CLASSES[i]!.name, errorClass] as const,
    );
    expect(classes.length).toBe(13);
    for (const [exportName, errorClass] of classes) {
      expect(minified[exportName], exportName).toBe(errorClass);
      const error = instantiate(errorClass as ErrorClass);
      expect(error.name).toBe(exportName);
      expect(error.code).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(['input', 'chain', 'transport', 'compatibility']).toContain(error.category);
    }
    // the bundle did rename the classes, so a name read from the class would be wrong
    const renamed = classes.filter(
      ([exportName, errorClass]) => (errorClass as ErrorClass).name !== exportName,
    );
    expect(renamed.length).toBeGreaterThan(classes.length / 2);
  });

  it('extend the family’s category bases (the classes @phala-mining/core re-exports)', () => {
    for (const errorClass of source.TESTING_ERROR_CLASSES) {
      const error = instantiate(errorClass as unknown as ErrorClass);
      expect(error, errorClass.name).toBeInstanceOf(family.MiningError);
      expect(error, errorClass.name).toBeInstanceOf(CATEGORY_BASES[error.category]);
    }
    expect(source.PalletError).toBe(family.PalletError);
    expect(source.ConnectionFailedError).toBe(family.ConnectionFailedError);
    expect(source.DispatchError).toBe(family.DispatchError);
    // the deprecated name is the same class, so `instanceof` holds with both
    expect(source.DispatchFailedError).toBe(family.DispatchError);
    expect(new source.DispatchError('BadOrigin', 'null')).toBeInstanceOf(source.DispatchFailedError);
  });

  it('PalletError has core’s shape', () => {
    const error = new source.PalletError('PhalaStakePool', 'PoolDoesNotExist', 'no pool', 88, 9, '0x01');
    expect(error).toMatchObject({
      name: 'PalletError',
      code: 'PalletError',
      section: 'PhalaStakePool',
      errorName: 'PoolDoesNotExist',
      index: 88,
      errorIndex: 9,
      qualifiedName: 'PhalaStakePool.PoolDoesNotExist',
      blockHash: '0x01',
      rule: 'PoolNotFound',
    });
    expect(error.message).toBe('PhalaStakePool.PoolDoesNotExist: no pool');
  });
});

describe('DispatchError', () => {
  it('has core’s shape: kind, the payload as JSON text and the block', () => {
    const error = new source.DispatchError('Token', '"NoFunds"', '0x02');
    expect(error).toMatchObject({
      name: 'DispatchError',
      code: 'DispatchError',
      category: 'chain',
      kind: 'Token',
      detail: '"NoFunds"',
      blockHash: '0x02',
    });
    expect(error.message).toBe('dispatch failed: Token ("NoFunds")');
  });
});
