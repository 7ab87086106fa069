import { expect, test } from 'vitest';
import { describeResult, MUTATIONS, mutationCheck } from '../scripts/mutation-check.js';

// The dev chain's declarations reach core's compiler: change one in a scratch copy, regenerate, and core's
// typecheck fails exactly where it uses it; the unmodified copy typechecks clean.
test('a changed declaration in the dev chain breaks core’s typecheck where core uses it', async () => {
  const { results } = await mutationCheck();
  expect(results.map((r) => r.name)).toEqual(['unmodified', ...MUTATIONS.map((m) => m.name)]);
  const report = results.map(describeResult).join('\n');
  expect(results[0]!.errors, report).toEqual([]);
  for (const result of results.slice(1)) {
    expect(result.errors.length, report).toBeGreaterThan(0);
    expect(result.unexpected, report).toEqual([]);
  }
}, 300_000);
