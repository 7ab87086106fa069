/**
 * The library bundles are ASCII (tsup.config.ts's `asciiOutput`): a single other character, even in a comment,
 * makes Node decode the ~800 kB file on its slow UTF-8 path and V8 keep it as a two-byte string on every import.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const built = existsSync(`${dist}index.js`);

describe.runIf(built)('the built library bundles', () => {
  for (const file of ['index.js', 'index.cjs']) {
    it(`${file} is ASCII`, () => {
      const code = readFileSync(`${dist}${file}`, 'utf8');
      const offending = [...code.matchAll(/[^\p{ASCII}]/gu)].map((m) =>
        code.slice(m.index - 20, m.index + 20),
      );
      expect(offending).toEqual([]);
    });
  }
});
