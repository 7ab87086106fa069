import { format } from 'node:util';
import type { CliIo } from './io.js';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * @polkadot/api reports through `console` (`API-WS: disconnected … 1006`, `RPC-CORE: … 1010 …`): around the CLI's
 * own one-line errors those lines are noise, and they break `--json` consumers that read stderr. The CLI writes
 * nothing through `console` itself, so during a run everything sent there is the libraries': dropped by default,
 * shown on stderr (prefixed) with `--verbose`. Returns the function that puts `console` back.
 */
export function routeLibraryLogs(io: CliIo, verbose: boolean): () => void {
  const saved = METHODS.map((m) => [m, console[m]] as const);
  for (const m of METHODS) {
    console[m] = verbose
      ? (...args: unknown[]) => {
          io.stderr.write(`phala-mining: [library ${m}] ${format(...args)}\n`);
        }
      : () => undefined;
  }
  return () => {
    for (const [m, fn] of saved) console[m] = fn;
  };
}
