#!/usr/bin/env node
/**
 * Doc tests: every fenced `ts`, `tsx` and `sh` block of every README is either run or checked.
 *
 *   ```ts run        run with tsx against a fresh dev chain (one per README, blocks in order); must exit 0
 *   ```sh run        run with bash -euo pipefail, `phala-mining` / `phala-devchain` on PATH, PHALA_ENDPOINT set
 *   ```ts fragment   type-checked only (names the fragment assumes — `client`, `signer` — may be undeclared)
 *   ```sh fragment   syntax-checked only (bash -n): installs, long-running servers, placeholders
 *
 * A ts/tsx/sh block with neither marker fails the run, so a new example cannot slip in untested. In run blocks the
 * dev chain's default endpoint `ws://127.0.0.1:9944` is replaced by the test chain's (a free port, so parallel runs
 * and a developer's own `pnpm devchain` do not collide). Needs a build (`pnpm build`) first.
 *
 * Usage: node scripts/doc-test.mjs [README.md …]
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, '.doc-test');
const DEFAULT_ENDPOINT = 'ws://127.0.0.1:9944';
const RUN_TIMEOUT_MS = 180_000;
// names a fragment may use without declaring them (and parameters typed only through such a name); everything else in
// it is type-checked
const UNDECLARED = new Set([2304, 2552, 2582, 18004, 7006, 7031]);

/** Every README of the repository that users read: the root's and each package's. */
function readmes() {
  const out = [join(ROOT, 'README.md')];
  for (const dir of ['packages', 'examples']) {
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      const file = join(ROOT, dir, name, 'README.md');
      if (existsSync(file)) out.push(file);
    }
  }
  return out;
}

/** Fenced blocks with their language, markers and line. */
function blocks(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang, info] = open;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^\\s*${fence}\\s*$`).test(lines[j]))
      body.push(lines[j++].slice(indent.length));
    const flags = info.split(/\s+/).filter(Boolean);
    found.push({ file, line: i + 1, lang, flags, code: body.join('\n') });
    i = j;
  }
  return found;
}

const CHECKED = new Set(['ts', 'tsx', 'typescript', 'sh', 'bash', 'shell']);
const isTs = (b) => ['ts', 'tsx', 'typescript'].includes(b.lang);

/** `.doc-test/node_modules` links every package a block imports to the workspace's copy. */
function linkModules(all) {
  const nm = join(WORK, 'node_modules');
  mkdirSync(nm, { recursive: true });
  const names = new Set();
  for (const b of all) {
    if (!isTs(b)) continue;
    for (const m of b.code.matchAll(
      /from\s+['"]([^'".][^'"]*)['"]|import\(\s*['"]([^'".][^'"]*)['"]\s*\)/g,
    )) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith('node:')) continue;
      const parts = spec.split('/');
      names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  for (const extra of ['@types/node', '@types/react', 'typescript']) names.add(extra);
  // a package without its own types (ws) is typed by @types/<name>, wherever pnpm keeps it
  for (const name of [...names]) if (!name.startsWith('@')) names.add(`@types/${name}`);
  const homes = [
    ROOT,
    join(ROOT, 'examples', 'dashboard'),
    join(ROOT, 'examples', 'scripts'),
    ...readdirSync(join(ROOT, 'packages')).map((p) => join(ROOT, 'packages', p)),
  ];
  for (const name of names) {
    const target = name.startsWith('@phala-mining/')
      ? join(ROOT, 'packages', name.slice('@phala-mining/'.length))
      : (homes.map((h) => join(h, 'node_modules', name)).find((p) => existsSync(p)) ?? fromStore(name));
    if (!target || !existsSync(target)) continue; // reported by the type check / the run
    const link = join(nm, name);
    mkdirSync(dirname(link), { recursive: true });
    if (!existsSync(link)) symlinkSync(target, link, 'dir');
  }
}

/** A package only in pnpm's store (`node_modules/.pnpm/<name>@<version>/node_modules/<name>`), the newest. */
function fromStore(name) {
  const store = join(ROOT, 'node_modules', '.pnpm');
  const prefix = `${name.replace('/', '+')}@`;
  const entry = readdirSync(store)
    .filter((e) => e.startsWith(prefix))
    .sort()
    .at(-1);
  return entry === undefined ? undefined : join(store, entry, 'node_modules', name);
}

/** A `bin` directory with `phala-mining` and `phala-devchain` as the built executables. */
function binDir() {
  const bin = join(WORK, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const [name, pkg] of [
    ['phala-mining', 'cli'],
    ['phala-devchain', 'devchain'],
  ]) {
    writeFileSync(
      join(bin, name),
      `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'packages', pkg, 'dist', 'cli.js')}" "$@"\n`,
      {
        mode: 0o755,
      },
    );
  }
  return bin;
}

/** Starts a dev chain on a free port; resolves with its endpoint and a stop function. */
function startChain() {
  return new Promise((resolveChain, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'packages', 'devchain', 'dist', 'cli.js'), '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    const timer = setTimeout(() => reject(new Error(`dev chain did not start:\n${out}`)), 120_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (ws:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveChain({
          endpoint: m[1],
          stop: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => reject(new Error(`dev chain exited (${code}):\n${out}`)));
  });
}

function runProcess(command, args, options) {
  return new Promise((done) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n(killed after ${RUN_TIMEOUT_MS / 1000} s)`;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/** Type-checks every ts block at once; returns diagnostics by file name. */
async function typeCheck(files) {
  const ts = createRequire(join(ROOT, 'package.json'))('typescript');
  const program = ts.createProgram(
    files.map((f) => f.path),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      jsx: ts.JsxEmit.ReactJSX,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      esModuleInterop: true,
      types: ['node'],
      typeRoots: [join(WORK, 'node_modules', '@types')],
    },
  );
  const byFile = new Map();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (!d.file) continue;
    const f = files.find((x) => resolve(x.path) === resolve(d.file.fileName));
    if (!f) continue;
    if (f.block.flags.includes('fragment') && UNDECLARED.has(d.code)) continue;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    const list = byFile.get(f.path) ?? [];
    list.push(`line ${line + 1}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    byFile.set(f.path, list);
  }
  return byFile;
}

async function main() {
  const files = process.argv.slice(2).length ? process.argv.slice(2).map((f) => resolve(f)) : readmes();
  const all = files.flatMap(blocks).filter((b) => CHECKED.has(b.lang));
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, 'blocks'), { recursive: true });
  // "type": "module": blocks use top-level await and ESM imports
  writeFileSync(join(WORK, 'package.json'), '{ "type": "module", "private": true }\n');
  linkModules(all);
  const bin = binDir();
  let passed = 0;
  let failed = 0;
  const where = (b) => `${relative(ROOT, b.file)}:${b.line} ${b.lang} ${b.flags.join(' ')}`.trim();
  const fail = (b, why) => {
    failed++;
    process.stdout.write(`✗ ${where(b)}\n${why.replace(/^/gm, '    ')}\n`);
  };
  const pass = (b, note = '') => {
    passed++;
    process.stdout.write(`✓ ${where(b)}${note}\n`);
  };

  const tsFiles = all.filter(isTs).map((block, i) => {
    const path = join(WORK, 'blocks', `block-${i}.${block.lang === 'tsx' ? 'tsx' : 'mts'}`);
    // a fragment is a module of its own: its names do not clash with another fragment's
    writeFileSync(path, `${block.code}\nexport {};\n`);
    return { block, path };
  });
  const diagnostics = await typeCheck(tsFiles);

  for (const readme of files) {
    const mine = all.filter((b) => b.file === readme);
    if (mine.length === 0) continue;
    let chain;
    try {
      for (const b of mine) {
        const run = b.flags.includes('run');
        const fragment = b.flags.includes('fragment');
        if (run === fragment) {
          fail(b, 'mark the block `run` (executed against a dev chain) or `fragment` (only checked)');
          continue;
        }
        if (isTs(b)) {
          const f = tsFiles.find((x) => x.block === b);
          const errors = diagnostics.get(f.path);
          if (errors) {
            fail(b, errors.join('\n'));
            continue;
          }
          if (fragment) {
            pass(b, ' (type-checked)');
            continue;
          }
        } else if (fragment) {
          const r = spawnSync('bash', ['-n'], { input: b.code, encoding: 'utf8' });
          if (r.status === 0) pass(b, ' (syntax-checked)');
          else fail(b, r.stderr);
          continue;
        }
        chain ??= await startChain();
        const t0 = Date.now();
        const env = {
          ...process.env,
          PATH: `${bin}:${process.env.PATH}`,
          PHALA_ENDPOINT: chain.endpoint,
          NO_COLOR: '1',
        };
        const code = b.code.split(DEFAULT_ENDPOINT).join(chain.endpoint);
        let r;
        if (isTs(b)) {
          const f = tsFiles.find((x) => x.block === b);
          const runPath = f.path.replace(/\.(mts|tsx)$/, '.run.$1');
          writeFileSync(runPath, code);
          const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
          r = await runProcess(tsx, [runPath], { cwd: WORK, env });
        } else {
          const dir = join(WORK, `sh-${b.line}`);
          mkdirSync(dir, { recursive: true });
          r = await runProcess('bash', ['-euo', 'pipefail', '-c', code], { cwd: dir, env });
        }
        if (r.code === 0) pass(b, ` (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        else fail(b, `exit ${r.code}\n${r.output.trim()}`);
      }
    } catch (error) {
      fail({ file: readme, line: 0, lang: '', flags: [] }, String(error?.stack ?? error));
    } finally {
      await chain?.stop();
    }
  }
  process.stdout.write(`doc-test: ${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}

await main();
