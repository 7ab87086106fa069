import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const require = createRequire(import.meta.url);
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

// The type tests in src/ see the generated files directly; this one proves the built declaration files alone
// (what npm users get, through the exports map, for import and require) still augment @polkadot/api.
test('the built package augments @polkadot/api for ESM and CJS consumers', () => {
  expect(
    existsSync(`${PACKAGE_DIR}dist/index.d.ts`),
    'dist/ is missing: run `pnpm --filter @phala-mining/types build`',
  ).toBe(true);
  let output = '';
  try {
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'test/consumer/tsconfig.json'],
      {
        cwd: PACKAGE_DIR,
        encoding: 'utf8',
        stdio: 'pipe',
      },
    );
  } catch (error) {
    output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
  }
  expect(output, 'tsc on test/consumer against dist/').toBe('');
}, 120_000);
