import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { ErrorCode, RpcError } from '../errors.js';
import { Connection } from './connection.js';
import { type Dispatcher, errorResponse, toRpcError } from './dispatcher.js';

/** Substrate's default `--rpc-max-request-size` (and response size): 15 MiB. */
export const MAX_REQUEST_BYTES = 15 * 1024 * 1024;
/** Frames beyond this are not even buffered: the socket is closed (1009) instead of answered. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;
/** A client that stops reading while we keep notifying is disconnected rather than growing our memory. */
const MAX_BUFFERED_BYTES = 256 * 1024 * 1024;

export interface RpcServerOptions {
  host: string;
  /** 0 picks a free port */
  port: number;
  maxRequestBytes?: number;
}

/** JSON-RPC over WebSocket and HTTP POST on one port, as Substrate nodes serve it. */
export class RpcServer {
  private readonly sockets = new Map<WebSocket, Connection>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    private readonly dispatcher: Dispatcher,
    private readonly maxRequestBytes: number,
  ) {}

  static async listen(dispatcher: Dispatcher, options: RpcServerOptions): Promise<RpcServer> {
    const http = createServer();
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
    const server = new RpcServer(http, wss, dispatcher, options.maxRequestBytes ?? MAX_REQUEST_BYTES);
    http.on('request', (req, res) => server.onHttp(req, res));
    http.on('upgrade', (req, socket, head) => {
      socket.on('error', () => socket.destroy());
      wss.handleUpgrade(req, socket, head, (ws) => server.onSocket(ws));
    });
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

  private onSocket(ws: WebSocket): void {
    if (this.closing) {
      ws.terminate();
      return;
    }
    const connection = new Connection((frame) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.terminate();
        return;
      }
      ws.send(frame);
    }, true);
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
        connection.send(errorResponse(null, oversized()));
        return;
      }
      this.dispatch(frame.toString('utf8'), connection, (response) => connection.send(response));
    });
  }

  private onHttp(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Access-Control-Allow-Origin', '*');
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
      const reply = (body: unknown, status = 200) => {
        if (res.writableEnded) return;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      if (tooBig) {
        reply(errorResponse(null, oversized()), 413);
        return;
      }
      const connection = new Connection(undefined, false);
      this.dispatch(Buffer.concat(chunks).toString('utf8'), connection, reply);
    });
  }

  private dispatch(text: string, connection: Connection, send: (response: unknown) => void): void {
    this.dispatcher
      .handleText(text, connection)
      .then(({ response, after }) => {
        if (response !== undefined) {
          try {
            send(response);
          } catch (error) {
            send(errorResponse(null, toRpcError(error)));
          }
        }
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
          send(errorResponse(null, toRpcError(error)));
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
