import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '../../src/cli.ts');

/** Starts `phala-devchain` with `args` in a child process; resolves once it listens. */
export interface CliNode {
  child: ChildProcess;
  endpoint: string;
  output: () => string;
  /** resolves once the output matches (what the CLI prints after it listens) */
  waitFor: (pattern: RegExp) => Promise<string>;
}

export function startCli(args: string[]): Promise<CliNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // 'close' (not 'exit'): the child's output has all been read
  let closed = false;
  child.once('close', () => {
    closed = true;
  });
  const waitFor = async (pattern: RegExp): Promise<string> => {
    // a child that has exited prints nothing more: say so at once; a live one gets a loaded machine's time (the
    // tests' timeouts are 60 s and more), not a fast one's
    const deadline = Date.now() + 45_000;
    while (!pattern.test(output)) {
      if (closed)
        throw new Error(`no ${pattern}, exited with ${child.exitCode ?? child.signalCode}: ${output}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} in: ${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return output;
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /phala-devchain listening on (ws:\/\/\S+)/.exec(output);
      if (match) resolve({ child, endpoint: match[1]!, output: () => output, waitFor });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    // on 'close', not 'exit': at 'exit' the last of stderr (the refusal the tests match) may still be unread
    child.once('close', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

/** Sends `signal` and resolves with the exit code. */
export function stopCli(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}
