import type { AddressInfo } from 'node:net';
import { type RawData, WebSocket, WebSocketServer } from 'ws';

/** One JSON-RPC request a client sent through the proxy. */
export interface RecordedCall {
  method: string;
  params: unknown[];
}

/** A WebSocket proxy in front of a node that records every JSON-RPC request it passes on. */
export interface RpcProxy {
  /** `ws://127.0.0.1:<port>`: give this to the client instead of the node's endpoint */
  endpoint: string;
  /** the requests so far, in the order they were sent (batches flattened) */
  calls: RecordedCall[];
  /** how many recorded requests match `method` (and, for `state_call`, the runtime API function in params[0]) */
  count(method: string, runtimeApi?: string): number;
  close(): Promise<void>;
}

/**
 * Starts a proxy for `target` on a free port: what the node is asked is seen on the wire, so a test can count the
 * calls a client makes without touching either side. Each client connection gets its own upstream connection.
 */
export async function startRpcProxy(target: string): Promise<RpcProxy> {
  const calls: RecordedCall[] = [];
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const record = (data: RawData) => {
    try {
      const message: unknown = JSON.parse(data.toString());
      for (const m of Array.isArray(message) ? message : [message]) {
        const { method, params } = m as { method?: unknown; params?: unknown };
        if (typeof method === 'string') calls.push({ method, params: Array.isArray(params) ? params : [] });
      }
    } catch {
      // not JSON: passed on unrecorded, the node answers it as it would
    }
  };
  server.on('connection', (client) => {
    const upstream = new WebSocket(target);
    const pending: RawData[] = [];
    client.on('message', (data, isBinary) => {
      record(data);
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary: isBinary });
      else pending.push(data);
    });
    upstream.on('open', () => {
      for (const data of pending.splice(0)) upstream.send(data);
    });
    upstream.on('message', (data, isBinary) => client.send(data, { binary: isBinary }));
    const closeBoth = () => {
      client.terminate();
      upstream.terminate();
    };
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `ws://127.0.0.1:${port}`,
    calls,
    count: (method, runtimeApi) =>
      calls.filter((c) => c.method === method && (runtimeApi === undefined || c.params[0] === runtimeApi))
        .length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of server.clients) c.terminate();
        server.close(() => resolve());
      }),
  };
}
