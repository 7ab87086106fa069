/**
 * Who may talk to the node from a browser. A web page can open a WebSocket to any address and POST `text/plain`
 * without a CORS preflight, so without these checks any site a developer visits could rewrite the dev chain
 * (`dev_setStorage`). The defaults are Substrate's (`sc-cli`'s `--rpc-cors` list for a non-dev node and its
 * host filter for a node bound to loopback).
 */

/** Substrate's default `--rpc-cors`; a `*` port matches any port. */
export const DEFAULT_RPC_CORS: readonly string[] = [
  'http://localhost:*',
  'http://127.0.0.1:*',
  'https://localhost:*',
  'https://127.0.0.1:*',
  'https://polkadot.js.org',
];

export type CorsPolicy = 'all' | readonly string[];

/** Parses `--rpc-cors`: `all`, or a comma-separated list of origins (`*` as the port means any port). */
export function parseCors(value: string): CorsPolicy {
  const trimmed = value.trim();
  if (trimmed === 'all' || trimmed === '*') return 'all';
  const list = trimmed
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of list) {
    if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/i.test(origin)) {
      throw new TypeError(
        `--rpc-cors: "${origin}" is not an origin (expected scheme://host[:port], e.g. http://localhost:*)`,
      );
    }
  }
  if (list.length === 0)
    throw new TypeError('--rpc-cors: expected "all" or a comma-separated list of origins');
  return list;
}

/** No Origin header (a non-browser client) is always allowed, as in Substrate. */
export function originAllowed(origin: string | undefined, policy: CorsPolicy): boolean {
  if (origin === undefined) return true;
  if (policy === 'all') return true;
  const wanted = origin.toLowerCase();
  return policy.some((pattern) => matches(pattern.toLowerCase(), wanted));
}

function matches(pattern: string, origin: string): boolean {
  if (pattern === origin) return true;
  if (!pattern.endsWith(':*')) return false;
  const base = pattern.slice(0, -2);
  // `http://localhost:*` also matches `http://localhost` (default port)
  return origin === base || (origin.startsWith(`${base}:`) && /^\d+$/.test(origin.slice(base.length + 1)));
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The Host header check of a node bound to loopback (Substrate's host filter): only loopback names, on our port.
 * It stops DNS rebinding, where a page on `evil.example` re-points its own name at 127.0.0.1. A node bound to a
 * wider address accepts any Host (it is reachable under names it cannot know).
 */
export function hostAllowed(hostHeader: string | undefined, boundHost: string, port: number): boolean {
  if (!isLoopback(boundHost)) return true;
  if (hostHeader === undefined) return true;
  const host = hostHeader.toLowerCase();
  const names =
    isLoopback(boundHost) && /^127\./.test(boundHost) && boundHost !== '127.0.0.1'
      ? [...LOOPBACK_NAMES, boundHost]
      : LOOPBACK_NAMES;
  return names.some((name) => host === `${name}:${port}` || (port === 80 && host === name));
}
