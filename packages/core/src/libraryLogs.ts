/**
 * @polkadot/api has no logger option: its packages log through @polkadot/util's `logger(origin)`, which calls the
 * global `console.log/warn/error(date, 'ORIGIN:', …values)` (`API-WS: disconnected from ws://…: 1006`, `RPC-CORE:
 * submitAndWatchExtrinsic(…): 1010: …`, `API/INIT: FATAL …`). Those lines sit around the SDK's own typed errors. A
 * client created with `logger` takes them: while it is open, `console` is wrapped and every line in that shape goes
 * to the logger instead; everything else written to `console` passes through untouched.
 */

/** One @polkadot/api log line. */
export interface LibraryLogEntry {
  /** the console method it was written with (@polkadot/util maps `debug` to `log`) */
  level: 'log' | 'warn' | 'error';
  /** the origin tag without padding or colon, e.g. `API-WS`, `RPC-CORE`, `API/INIT` */
  source: string;
  /** the values after the tag joined as text, e.g. `disconnected from ws://127.0.0.1:9944: 1006:: Abnormal Closure` */
  message: string;
  /** the values after the tag as logged (errors stay Error objects) */
  args: unknown[];
  /** local time as @polkadot/util printed it, `YYYY-MM-DD HH:MM:SS` */
  time: string;
}

/**
 * Where @polkadot/api's console output goes: `'console'` (default, as @polkadot/api does on its own), `'silent'`
 * (dropped), or a function that receives each line (to write it to your log, count it, or drop some).
 */
export type LibraryLogger = 'console' | 'silent' | ((entry: LibraryLogEntry) => void);

const LEVELS = ['log', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/** The date @polkadot/util's `formatDate` writes first, and the right-padded `ORIGIN:` tag after it. */
const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const TAG = /^\s*([A-Z0-9][A-Z0-9/_-]*):$/;

/** Reads a console call as a @polkadot/api log line, or undefined when it is something else. */
export function libraryLogEntry(level: Level, args: readonly unknown[]): LibraryLogEntry | undefined {
  const [time, tag, ...rest] = args;
  if (typeof time !== 'string' || typeof tag !== 'string' || !DATE.test(time)) return undefined;
  const source = TAG.exec(tag)?.[1];
  if (source === undefined) return undefined;
  const message = rest
    .map((v) => (typeof v === 'string' ? v : v instanceof Error ? v.message : safeJson(v)))
    .join(' ');
  return { level, source, message, args: rest, time };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

// console is one per process, so are these: the most recently opened client's logger takes the lines
const routes: Array<(entry: LibraryLogEntry) => void> = [];
const saved = new Map<Level, (...args: unknown[]) => void>();
const wrappers = new Map<Level, (...args: unknown[]) => void>();

function install(): void {
  for (const level of LEVELS) {
    const original = console[level];
    const wrapper = (...args: unknown[]) => {
      const route = routes[routes.length - 1];
      const entry = route === undefined ? undefined : libraryLogEntry(level, args);
      if (entry === undefined) return original.apply(console, args);
      try {
        route!(entry);
      } catch (error) {
        // a throwing logger must not break @polkadot/api's event handlers: report it where the line would have gone
        original.apply(console, [...args, error]);
      }
    };
    saved.set(level, original);
    wrappers.set(level, wrapper);
    console[level] = wrapper;
  }
}

function uninstall(): void {
  for (const level of LEVELS) {
    // someone wrapped console after us: leave the chain as it is (our wrapper now just passes through)
    if (console[level] === wrappers.get(level)) console[level] = saved.get(level)!;
  }
  saved.clear();
  wrappers.clear();
}

/**
 * Sends @polkadot/api's log lines to `logger` until the returned function is called (idempotent). `'console'`
 * changes nothing.
 */
export function routeLibraryLogs(logger: LibraryLogger | undefined): () => void {
  if (logger === undefined || logger === 'console') return () => undefined;
  const route = logger === 'silent' ? () => undefined : logger;
  if (routes.length === 0 && wrappers.size === 0) install();
  routes.push(route);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const i = routes.lastIndexOf(route);
    if (i >= 0) routes.splice(i, 1);
    if (routes.length === 0) uninstall();
  };
}
