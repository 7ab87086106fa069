/**
 * Vitest integration: a per-file chain fixture and the `toHaveEvent` / `toThrowPalletError` matchers. Importing
 * this module registers the matchers with vitest's `expect`.
 */
import { test as baseTest, type MatcherResult as ExpectationResult, expect, type MatcherState } from 'vitest';
import { createTestChain, type TestChain, type TestChainOptions } from './chain.js';
import { PalletError } from './errors.js';
import { describeEvent, type EventSource, eventsOf, findEvents, sameSection } from './events.js';

export * from './index.js';

export interface ChainTestOptions extends TestChainOptions {
  /**
   * Snapshot the chain before each test and revert it afterwards, so tests in a file start from the same state
   * (default false: tests in a file share one evolving chain).
   */
  isolate?: boolean;
}

export interface ChainFixtures {
  /** the file's test chain (reverted after each test with `isolate: true`) */
  chain: TestChain;
}

/**
 * A vitest `test` whose tests receive `{ chain }`. The chain starts on first use in a file and is closed when the
 * file's tests are done, so each test file — each vitest worker — has a chain of its own.
 *
 * ```ts
 * export const test = createChainTest();
 * test('transfers', async ({ chain }) => { … });
 * ```
 */
export function createChainTest(options: ChainTestOptions = {}) {
  const { isolate = false, ...chainOptions } = options;
  return baseTest
    .extend<{ fileChain: TestChain }>({
      fileChain: [
        // biome-ignore lint/correctness/noEmptyPattern: vitest reads fixture dependencies from this parameter
        async ({}, use) => {
          const chain = await createTestChain(chainOptions);
          try {
            await use(chain);
          } finally {
            await chain.close();
          }
        },
        { scope: 'file' },
      ],
    })
    .extend<ChainFixtures>({
      chain: async ({ fileChain }, use) => {
        if (!isolate) {
          await use(fileChain);
          return;
        }
        const id = await fileChain.snapshot();
        try {
          await use(fileChain);
        } finally {
          if (!fileChain.closed) await fileChain.revert(id);
        }
      },
    });
}

/** Checks an event list or a `SubmittableResult` for an event, optionally with some of its fields. */
function toHaveEvent(
  this: MatcherState,
  received: unknown,
  name: string,
  fields?: Record<string, unknown>,
): ExpectationResult {
  let records: ReturnType<typeof eventsOf>;
  try {
    records = eventsOf(received as EventSource);
  } catch {
    return {
      pass: false,
      message: () =>
        `expected a SubmittableResult or an array of EventRecords, got ${this.utils.stringify(received)}`,
    };
  }
  const matches = findEvents(records, name, fields, (actual, expected) => this.equals(actual, expected));
  const wanted = `${name} event${fields ? ` with ${this.utils.stringify(fields)}` : ''}`;
  const list = records.length ? records.map((r) => `  ${describeEvent(r)}`).join('\n') : '  (none)';
  return {
    pass: matches.length > 0,
    message: () =>
      matches.length > 0
        ? `expected no ${wanted}, but found ${describeEvent(matches[0]!)}`
        : `expected a ${wanted}; the events were:\n${list}`,
  };
}

/**
 * Passes when the received error (from `.rejects`), the rejection of a received promise, or the throw of a
 * received function is a {@link PalletError} — named `Pallet.Error` or just `Error` when `name` is given.
 */
function toThrowPalletError(this: MatcherState, received: unknown, name?: string): ExpectationResult {
  if (typeof received === 'function') {
    let thrown: unknown;
    let threw = false;
    try {
      const value = (received as () => unknown)();
      if (isPromiseLike(value))
        return settle(value).then((outcome) => judgePalletError.call(this, outcome, name));
    } catch (error) {
      threw = true;
      thrown = error;
    }
    return judgePalletError.call(this, threw ? { rejected: true, error: thrown } : { rejected: false }, name);
  }
  if (isPromiseLike(received))
    return settle(received).then((outcome) => judgePalletError.call(this, outcome, name));
  return judgePalletError.call(this, { rejected: true, error: received }, name);
}

type Outcome = { rejected: true; error: unknown } | { rejected: false };

function judgePalletError(this: MatcherState, outcome: Outcome, name: string | undefined) {
  const wanted = name ? `pallet error ${name}` : 'a pallet error';
  if (!outcome.rejected) return { pass: false, message: () => `expected ${wanted}, but nothing was thrown` };
  const { error } = outcome;
  if (!(error instanceof PalletError)) {
    const got = error instanceof Error ? `${error.name}: ${error.message}` : this.utils.stringify(error);
    return { pass: false, message: () => `expected ${wanted}, but got ${got}` };
  }
  const pass = name === undefined || palletErrorIs(error, name);
  return {
    pass,
    message: () =>
      pass ? `expected not ${wanted}, but got it` : `expected ${wanted}, but got ${error.qualifiedName}`,
  };
}

function palletErrorIs(error: PalletError, name: string): boolean {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return error.errorName === name;
  return error.errorName === name.slice(dot + 1) && sameSection(error.section, name.slice(0, dot));
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

function settle(value: PromiseLike<unknown>): Promise<Outcome> {
  return Promise.resolve(value).then(
    () => ({ rejected: false }),
    (error: unknown) => ({ rejected: true, error }),
  );
}

export const matchers = { toHaveEvent, toThrowPalletError };

expect.extend(matchers);

export interface PhalaMatchers<R = unknown> {
  /** `expect(result).toHaveEvent('PhalaStakePool.PoolCreated', { owner: alice.address })` */
  toHaveEvent(name: string, fields?: Record<string, unknown>): R;
  /** `await expect(sendTx(…)).rejects.toThrowPalletError('PhalaStakePool.InsufficientFreeStake')` */
  toThrowPalletError(name?: string): R;
}

declare module 'vitest' {
  interface Assertion<T = any> extends PhalaMatchers<T> {}
  interface AsymmetricMatchersContaining extends PhalaMatchers {}
}
