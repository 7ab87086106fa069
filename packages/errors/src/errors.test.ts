import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as source from './index.js';

type ErrorClass = new (...args: unknown[]) => source.MiningError;

/** An instance of any concrete class, its constructor's figures filled with the first kind of value it accepts. */
function instantiate(errorClass: ErrorClass): source.MiningError {
  for (const filler of [1, 'x', ['x']]) {
    try {
      return new errorClass(...Array.from({ length: Math.max(errorClass.length, 1) }, () => filler));
    } catch {
      // a figure of another type: try the next
    }
  }
  throw new Error(`could not construct ${errorClass.name}`);
}

describe('the family in a minified bundle', () => {
  it('keeps every literal name, code and category while the classes are renamed', async () => {
    const result = await build({
      entryPoints: [new URL('./index.ts', import.meta.url).pathname],
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0]!.contents).toString('base64')}`;
    const minified = (await import(url)) as Record<string, unknown>;
    const classes = minified.FAMILY_ERROR_CLASSES as readonly ErrorClass[];
    expect(classes).toHaveLength(source.FAMILY_ERROR_CLASSES.length);
    for (const [i, errorClass] of classes.entries()) {
      const exportName = source.FAMILY_ERROR_CLASSES[i]!.name;
      expect(minified[exportName], exportName).toBe(errorClass);
      const error = instantiate(errorClass);
      const original = instantiate(source.FAMILY_ERROR_CLASSES[i] as unknown as ErrorClass);
      expect(error.name).toBe(exportName);
      expect(error.code).toBe(original.code);
      expect(error.code).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(error.category).toBe(original.category);
      expect(String(error)).toMatch(new RegExp(`^${exportName}: `));
      expect(error).toBeInstanceOf(minified.MiningError as ErrorClass);
    }
    const categories = minified.MINING_ERROR_CATEGORIES as readonly ErrorClass[];
    // the category bases are renamed too: only their literal-named subclasses' names survive
    const renamedBases = categories.filter(
      (base, i) => base.name !== source.MINING_ERROR_CATEGORIES[i]!.name,
    );
    expect(renamedBases.length).toBeGreaterThan(categories.length / 2);
    const renamed = classes.filter(
      (errorClass, i) => errorClass.name !== source.FAMILY_ERROR_CLASSES[i]!.name,
    );
    expect(renamed.length).toBeGreaterThan(classes.length / 2);
  });
});

describe('categories', () => {
  it('each concrete class is an instance of exactly its category base', () => {
    const byCategory = {
      input: source.InputError,
      rule: source.RuleError,
      chain: source.ChainError,
      transport: source.TransportError,
      compatibility: source.CompatibilityError,
      signer: source.SignerError,
      aborted: source.AbortedError,
    } as const;
    for (const errorClass of source.FAMILY_ERROR_CLASSES) {
      const error = instantiate(errorClass as unknown as ErrorClass);
      expect(error).toBeInstanceOf(source.MiningError);
      for (const [category, base] of Object.entries(byCategory)) {
        expect(error instanceof base, `${errorClass.name} ${category}`).toBe(error.category === category);
      }
    }
  });
});

describe('PalletError', () => {
  it('names the SDK rule a pallet error enforces, in either spelling of the pallet', () => {
    expect(new source.PalletError('PhalaStakePool', 'InsufficientContribution', '', 88, 10).rule).toBe(
      'ContributionBelowMinimum',
    );
    expect(new source.PalletError('phalaMining', 'TooMuchStake', '', 87, 13).rule).toBe('StakeAboveMaximum');
    expect(new source.PalletError('Balances', 'InsufficientBalance', '', 3, 2).rule).toBeUndefined();
    expect(new source.PalletError('constructor', 'name', '', 0, 0).rule).toBeUndefined();
  });

  it('carries the pallet’s identification, the block and one message', () => {
    const error = new source.PalletError('PhalaStakePool', 'PoolDoesNotExist', 'no pool', 88, 9, '0x01');
    expect(error).toMatchObject({
      section: 'PhalaStakePool',
      errorName: 'PoolDoesNotExist',
      docs: 'no pool',
      index: 88,
      errorIndex: 9,
      blockHash: '0x01',
      qualifiedName: 'PhalaStakePool.PoolDoesNotExist',
    });
    expect(String(error)).toBe('PalletError: PhalaStakePool.PoolDoesNotExist: no pool');
  });
});

describe('DispatchError', () => {
  it('carries the variant, its payload as JSON text and the block; no payload reads as no suffix', () => {
    const error = new source.DispatchError('Arithmetic', '"Underflow"', '0x03');
    expect(error).toMatchObject({ kind: 'Arithmetic', detail: '"Underflow"', blockHash: '0x03' });
    expect(String(error)).toBe('DispatchError: dispatch failed: Arithmetic ("Underflow")');
    expect(new source.DispatchError('BadOrigin', 'null').message).toBe('dispatch failed: BadOrigin');
    expect(new source.DispatchError('BadOrigin', '').message).toBe('dispatch failed: BadOrigin');
    expect(new source.DispatchError('BadOrigin', 'null').blockHash).toBeUndefined();
  });
});
