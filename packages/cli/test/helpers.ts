import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestChain } from '@phala-mining/testing';

/** The built executable: the tests run what `bin` points to, as an operator would. */
export const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

if (!existsSync(BIN))
  throw new Error(`${BIN} is missing: build the package first (pnpm --filter @phala-mining/cli build)`);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `phala-mining` as a child process. Asynchronous on purpose: the dev chain lives in this process and must keep
 * answering while the CLI talks to it. The environment is a clean one plus `env`, so no PHALA_* of the machine leaks
 * in; stdin is a closed pipe (not a terminal), as under cron.
 */
export function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `cli` bound to a chain's endpoint with the given key arguments. */
export function on(chain: TestChain, ...keyArgs: string[]) {
  return (args: string[], env: Record<string, string> = {}) =>
    cli(['--endpoint', chain.endpoint, ...keyArgs, ...args], env);
}

/** Parses stdout of a `--json` run, failing with the whole output when it is not JSON. */
export function json<T = any>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** The next nonce of an account, to prove that a refused command signed nothing. */
export async function nonceOf(chain: TestChain, address: string): Promise<number> {
  return ((await chain.api.rpc.system.accountNextIndex(address)) as any).toNumber();
}
