/**
 * Core reaches the chain only through @phala-mining/types' generated types: no `any`, no `as unknown as`, and no
 * `!` on a pallet member (`api.tx.phalaStakePool!`, `….contribute!(…)`) anywhere in `src`. Read with TypeScript's
 * own parser, so comments and strings that mention them do not count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { untypedAccesses } from './untypedAccess.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

it('finds what it looks for', () => {
  const bad = [
    'const a: any = 1;',
    'const b = x as unknown as string;',
    'api.tx.phalaStakePool!.create();',
    'stakePoolTx(api).contribute!(0n, 1n);',
    'const c = (api.consts as Record<string, number>).phalaStakePool!;',
  ];
  expect(bad.map((line) => untypedAccesses('bad.ts', line).length)).toEqual([1, 1, 1, 1, 1]);
  // comments, strings and non-null assertions on plain values are fine
  expect(
    untypedAccesses('ok.ts', "// any\nconst s = 'as unknown as any';\nconst p = pool!.totalStake + a.b!;\n"),
  ).toEqual([]);
});

it('core’s src is typed end to end against the generated chain types', () => {
  const files = readdirSync(SRC, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
  expect(files.length).toBeGreaterThan(50);
  const found = files.flatMap((file) => untypedAccesses(relative(SRC, file), readFileSync(file, 'utf8')));
  expect(found).toEqual([]);
});
