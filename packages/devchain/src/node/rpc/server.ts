import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { ErrorCode, RpcError } from '../errors.js';
import { Connection } from './connection.js';
import { type Dispatcher, errorResponse, serialize, toRpcError } from './dispatcher.js';
import { type CorsPolicy, DEFAULT_RPC_CORS, hostAllowed, originAllowed } from './origins.js';

/** Substrate's default `--rpc-max-request-size`: 15 MiB. */
export const MAX_REQUEST_BYTES = 15 * 1024 * 1024;
/** Substrate's default `--rpc-max-connections`. */
export const DEFAULT_MAX_CONNECTIONS = 100;
/** Frames beyond this are not even buffered: the socket is closed (1009) instead of answered. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;
/** A client that stops reading while we keep notifying is disconnected rather than growing our memory. */
const MAX_BUFFERED_BYTES = 256 * 1024 * 1024;

export interface RpcServerOptions {
  host: string;
  /** 0 picks a free port */
  port: number;
  maxRequestBytes?: number;
  /** open WebSockets plus HTTP requests in progress; default 100 */
  maxConnections?: number;
  /** browser origins allowed (default Substrate's `--rpc-cors` list); requests without Origin always are */
  cors?: CorsPolicy;
}

/** JSON-RPC over WebSocket and HTTP POST on one port, as Substrate nodes serve it. */
export class RpcServer {
  private readonly sockets = new Map<WebSocket, Connection>();
  private httpInFlight = 0;
  private closing: Promise<void> | undefined;
  private readonly maxRequestBytes: number;
  private readonly maxConnections: number;
  private readonly cors: CorsPolicy;

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    private readonly dispatcher: Dispatcher,
    private readonly host: string,
    options: RpcServerOptions,
  ) {
    this.maxRequestBytes = options.maxRequestBytes ?? MAX_REQUEST_BYTES;
    this.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    this.cors = options.cors ?? DEFAULT_RPC_CORS;
  }

  static async listen(dispatcher: Dispatcher, options: RpcServerOptions): Promise<RpcServer> {
    const http = createServer();
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
    const server = new RpcServer(http, wss, dispatcher, options.host, options);
    http.on('request', (req, res) => server.onHttp(req, res));
    http.on('upgrade', (req, socket, head) => server.onUpgrade(req, socket, head));
    http.on('clientError', (_error, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, options.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
    return server;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const [ws, connection] of this.sockets) {
        connection.close();
        ws.terminate();
      }
      this.sockets.clear();
      await new Promise<void>((resolve) => this.wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        this.http.close(() => resolve());
        this.http.closeAllConnections();
      });
    })();
    return this.closing;
  }

  /** Why a request may not be served (origin, host, connection limit), or undefined when it may. */
  private refusal(req: IncomingMessage): { status: number; text: string } | undefined {
    if (!hostAllowed(req.headers.host, this.host, this.port)) {
      return { status: 403, text: 'Provided Host header is not whitelisted.' };
    }
    if (!originAllowed(req.headers.origin, this.cors)) {
      return {
        status: 403,
        text: 'Provided Origin header is not whitelisted (start the node with --rpc-cors).',
      };
    }
    if (this.sockets.size + this.httpInFlight >= this.maxConnections) {
      return {
        status: 503,
        text: `Too many connections (at most ${this.maxConnections}). Please try again later.`,
      };
    }
    return undefined;
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const refused = this.closing ? { status: 503, text: 'The node is shutting down.' } : this.refusal(req);
    if (refused) {
      socket.end(
        `HTTP/1.1 ${refused.status} ${refused.status === 403 ? 'Forbidden' : 'Service Unavailable'}\r\n` +
          `content-type: text/plain\r\ncontent-length: ${Buffer.byteLength(refused.text)}\r\nconnection: close\r\n\r\n${refused.text}`,
      );
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
  }

  private onSocket(ws: WebSocket): void {
    if (this.closing) {
      ws.terminate();
      return;
    }
    const connection = new Connection(
      (frame) => {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
          ws.terminate();
          return;
        }
        ws.send(frame);
      },
      true,
      (payload) => {
        if (ws.readyState === ws.OPEN) ws.ping(payload);
      },
    );
    ws.on('pong', (payload) => connection.pong(payload));
    this.sockets.set(ws, connection);
    const drop = () => {
      connection.close();
      this.sockets.delete(ws);
    };
    ws.on('close', drop);
    ws.on('error', drop);
    ws.on('message', (data) => {
      const frame = frameBytes(data);
      if (frame.length > this.maxRequestBytes) {
        connection.sendText(serialize(errorResponse(null, oversized())));
        return;
      }
      this.dispatch(frame.toString('utf8'), connection, (text) => {
        if (text !== undefined) connection.sendText(text);
      });
    });
  }

  private onHttp(req: IncomingMessage, res: ServerResponse): void {
    const refused = this.refusal(req);
    if (refused) {
      req.resume();
      res.writeHead(refused.status, { 'content-type': 'text/plain' }).end(refused.text);
      return;
    }
    // CORS headers only for an allowed browser origin (none for clients without Origin: they need none)
    if (req.headers.origin !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', this.cors === 'all' ? '*' : req.headers.origin);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res
        .writeHead(204, {
          'Access-Control-Allow-Methods': 'POST',
          'Access-Control-Allow-Headers': 'content-type',
        })
        .end();
      return;
    }
    if (req.method !== 'POST') {
      res
        .writeHead(405, { 'content-type': 'text/plain', allow: 'POST' })
        .end('Use POST for JSON-RPC over HTTP, or a WebSocket.');
      return;
    }
    this.httpInFlight++;
    let counted = true;
    const release = () => {
      if (counted) this.httpInFlight--;
      counted = false;
    };
    res.on('close', release);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      if (tooBig) return;
      size += chunk.length;
      if (size > this.maxRequestBytes) {
        tooBig = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      // every request gets an HTTP response: a notification (or a batch of them) gets 200 with an empty body
      const reply = (text: string | undefined, status = 200) => {
        if (res.writableEnded) return;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(text ?? '');
        release();
      };
      if (tooBig) {
        reply(serialize(errorResponse(null, oversized())), 413);
        return;
      }
      const connection = new Connection(undefined, false);
      this.dispatch(Buffer.concat(chunks).toString('utf8'), connection, reply, true);
    });
  }

  /** `always`: call `send` even when there is nothing to answer (HTTP must end its response). */
  private dispatch(
    text: string,
    connection: Connection,
    send: (text: string | undefined) => void,
    always = false,
  ): void {
    this.dispatcher
      .handleText(text, connection)
      .then(({ response, after }) => {
        if (response !== undefined || always) send(response);
        for (const task of after) {
          try {
            task();
          } catch (error) {
            console.error('[phala-devchain] post-reply task failed', error);
          }
        }
      })
      .catch((error) => {
        try {
          send(serialize(errorResponse(null, toRpcError(error))));
        } catch {
          // the transport is gone; nothing left to tell
        }
      });
  }
}

function frameBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function oversized(): RpcError {
  return new RpcError(ErrorCode.OversizedRequest, 'Request is too big');
}
