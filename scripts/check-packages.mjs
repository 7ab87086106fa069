// Checks that every publishable package resolves in both module systems once packed: publint for the package.json
// and files, @arethetypeswrong/cli for the types each `exports` condition leads to — under every moduleResolution,
// node10 included (typesVersions map the subpath exports there).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
let failed = false;

for (const name of readdirSync(packagesDir).sort()) {
  const dir = join(packagesDir, name);
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (manifest.private) continue;
  for (const [tool, args] of [
    ['publint', ['--strict', dir]],
    ['attw', ['--pack', dir, '--format', 'table-flipped']],
  ]) {
    try {
      const out = execFileSync(join(root, 'node_modules', '.bin', tool), args, {
        cwd: root,
        encoding: 'utf8',
        stdio: 'pipe',
      });
      console.log(`✓ ${manifest.name}: ${tool}`);
      // biome-ignore lint/suspicious/noUndeclaredEnvVars: run by pnpm test after turbo, not as a turbo task
      if (process.env.VERBOSE) console.log(out);
    } catch (error) {
      failed = true;
      console.error(`✗ ${manifest.name}: ${tool}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
process.exit(failed ? 1 : 0);
