import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ChainClosedError, createTestChain } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, '..');

function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

function refused(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

describe('close()', () => {
  it('leaves no listening port and no open handle', async () => {
    const before = handles();
    const chain = await createTestChain();
    const port = chain.devchain!.port;
    await chain.sendTx(chain.api.tx.balances.transfer(chain.accounts.bob.address, 10n ** 12n), 'alice');
    expect(handles().TCPServerWrap ?? 0).toBeGreaterThan(before.TCPServerWrap ?? 0);

    await chain.close();
    await chain.close();
    expect(chain.closed).toBe(true);
    // sockets and the server are gone the moment close() resolves
    const after = handles();
    for (const kind of ['TCPServerWrap', 'TCPSocketWrap']) {
      expect(after[kind] ?? 0, kind).toBeLessThanOrEqual(before[kind] ?? 0);
    }
    expect(await refused(port)).toBe(true);
    // @polkadot/api drops its cached subscriptions 1.75 s after their last use, on timers that then end
    await expect
      .poll(() => handles().Timeout ?? 0, { timeout: 30_000, interval: 100 })
      .toBeLessThanOrEqual(before.Timeout ?? 0);
    await expect(chain.newBlocks(1)).rejects.toBeInstanceOf(ChainClosedError);
  });

  it('lets a plain Node script exit by itself', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'fixtures', 'script.ts')], {
      cwd: packageDir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/transferred; closed/);
    expect(run.status).toBe(0);
  });

  it('lets vitest exit by itself after a file using the fixture', () => {
    const vitest = join(packageDir, 'node_modules', 'vitest', 'vitest.mjs');
    const run = spawnSync(
      process.execPath,
      [vitest, 'run', '--config', join(here, 'fixtures', 'vitest.config.ts')],
      {
        cwd: packageDir,
        encoding: 'utf8',
        timeout: 90_000,
        env: { ...process.env, CI: '1', NO_COLOR: '1' },
      },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.error).toBeUndefined();
    expect(output).toMatch(/1 passed/);
    expect(output).not.toMatch(/close timed out|something prevents|hanging/i);
    expect(run.status).toBe(0);
  });
});

describe('the main entry', () => {
  it('does not import vitest', () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, spec] of source.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'/g)) {
        if (spec!.startsWith('.')) visit(resolve(dirname(file), spec!.replace(/\.js$/, '.ts')));
        else external.add(spec!);
      }
    };
    visit(join(packageDir, 'src', 'index.ts'));
    expect(seen.size).toBeGreaterThan(3);
    expect(
      [...external].filter(
        (spec) => spec === 'vitest' || spec.startsWith('vitest/') || spec.startsWith('@vitest/'),
      ),
    ).toEqual([]);
  });
});
