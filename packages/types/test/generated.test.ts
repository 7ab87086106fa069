import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generate } from '../scripts/generate.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const REGENERATE = 'run `pnpm --filter @phala-mining/types generate` and commit the result';

function filesUnder(root: string, sub: string): string[] {
  return readdirSync(join(root, sub), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i])
      return `line ${i + 1}:\n  fresh:     ${a[i]?.slice(0, 200)}\n  committed: ${b[i]?.slice(0, 200)}`;
  }
  return 'same lines, different bytes (line endings?)';
}

// The committed output must be exactly what `generate` makes from the dev chain as it is now: this catches a
// stale metadata/devchain.json after a runtime change, hand edits, and any non-determinism in the pipeline.
describe('generated files are reproducible', () => {
  let fresh: string;
  beforeAll(async () => {
    fresh = mkdtempSync(join(tmpdir(), 'phala-types-regen-'));
    await generate({ root: fresh, quiet: true });
  }, 180_000);
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  test('same set of files', () => {
    const committed = [...filesUnder(PACKAGE_DIR, 'src/interfaces'), ...filesUnder(PACKAGE_DIR, 'metadata')];
    const regenerated = [...filesUnder(fresh, 'src/interfaces'), ...filesUnder(fresh, 'metadata')];
    expect(regenerated, `generated file list changed: ${REGENERATE}`).toEqual(committed);
  });

  test('byte for byte', () => {
    const stale: string[] = [];
    for (const file of [...filesUnder(fresh, 'src/interfaces'), ...filesUnder(fresh, 'metadata')]) {
      const ours = readFileSync(join(fresh, file));
      let committed: Buffer;
      try {
        committed = readFileSync(join(PACKAGE_DIR, file));
      } catch {
        stale.push(`${file}: missing in the package`);
        continue;
      }
      if (!ours.equals(committed)) {
        stale.push(
          `${file} differs at ${firstDifference(ours.toString('utf8'), committed.toString('utf8'))}`,
        );
      }
    }
    expect(stale, `committed generated files are out of date: ${REGENERATE}\n${stale.join('\n')}`).toEqual(
      [],
    );
  });
});
