/** A writable terminal-or-pipe, as much of `process.stdout` as the CLI uses. */
export interface OutStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  on?(event: 'resize', listener: () => void): unknown;
  off?(event: 'resize', listener: () => void): unknown;
}

/** A readable terminal-or-pipe, as much of `process.stdin` as the CLI uses. */
export interface InStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** Where a run reads and writes; `process.*` for the executable, anything stream-like for embedding and tests. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Lets a long-running command (`watch`) take over Ctrl-C / SIGTERM to restore the terminal and exit 0; the
   * executable wires it to the signals. Returns the function that gives them back.
   */
  onInterrupt?(listener: () => void): () => void;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}
