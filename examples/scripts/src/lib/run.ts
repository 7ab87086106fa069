import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MiningError } from '@phala-mining/core';

/** Whether the module at `url` is the one node was started with (`tsx src/create-pool.ts`), not an import. */
export function isEntry(url: string): boolean {
  const started = process.argv[1];
  if (!started) return false;
  try {
    return realpathSync(started) === realpathSync(fileURLToPath(url));
  } catch {
    return false;
  }
}

/** `--endpoint ws://…` or `--endpoint=ws://…` from the command line. */
export function endpointArg(argv: readonly string[] = process.argv.slice(2)): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--endpoint') return argv[i + 1];
    if (arg.startsWith('--endpoint=')) return arg.slice('--endpoint='.length);
  }
  return process.env.PHALA_ENDPOINT || undefined;
}

/** Runs an example's `main` as a command: prints its outcome, or its typed error and exit code 1. */
export function runAsCommand<T>(url: string, main: (endpoint?: string) => Promise<T>): void {
  if (!isEntry(url)) return;
  main(endpointArg()).then(
    (outcome) => {
      console.log(
        JSON.stringify(outcome, (_key, value) => (typeof value === 'bigint' ? value.toString() : value), 2),
      );
      process.exit(0);
    },
    (error: unknown) => {
      const code = error instanceof MiningError ? ` [${error.code}]` : '';
      console.error(`failed${code}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
