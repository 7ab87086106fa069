/**
 * Each part of the bench runs in a fresh process of its own: a part's figures then do not depend on which parts
 * ran before it in the same heap. (They did: the settlement block took ~50 % longer after the other parts than on
 * its own, with their objects still in the heap and V8's heap already grown for them.) The child prints its rows as
 * one JSON line on stdout; its progress goes to stderr as it comes.
 */
import { spawn } from 'node:child_process';

export type Row = [name: string, value: string, baseline: string, ratio: string];

export interface SectionResult {
  rows: Row[];
}

/** set in a child: run the part `BENCH_ONLY` names in this process and print a `SectionResult` */
export const SECTION_CHILD = 'BENCH_SECTION_CHILD';

/** The output of a child: its last stdout line. */
export function printSectionResult(result: SectionResult): void {
  console.log(JSON.stringify(result));
}

/**
 * Runs `script` (the bench, as TypeScript under this process's own flags, or bundled) in a fresh process with
 * `env` added, and returns what it printed.
 */
export async function runSection(
  script: string,
  env: Record<string, string>,
  execArgv: string[] = process.execArgv,
): Promise<SectionResult> {
  const child = spawn(process.execPath, [...execArgv, script], {
    env: { ...process.env, ...env, [SECTION_CHILD]: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const what = Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  if (code !== 0) throw new Error(`bench part ${what} exited with ${code}`);
  const last = out.trim().split('\n').pop();
  if (!last) throw new Error(`bench part ${what} printed no result`);
  return JSON.parse(last) as SectionResult;
}
