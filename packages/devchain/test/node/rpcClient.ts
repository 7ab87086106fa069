import WebSocket from 'ws';

export interface RpcMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  result?: any;
  error?: { code: number; message: string; data?: unknown };
  method?: string;
  params?: { subscription: string; result: any };
}

/** A raw JSON-RPC WebSocket client for tests: no retries, no reconnects, every frame visible. */
export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number | string, (message: RpcMessage) => void>();
  readonly notifications: RpcMessage[] = [];
  /** frames that were not replies to `request` (raw sends, id-less errors) */
  readonly stray: unknown[] = [];
  private readonly waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (!Array.isArray(message) && message.method && message.params) {
        this.notifications.push(message);
      } else if (
        !Array.isArray(message) &&
        message.id !== undefined &&
        message.id !== null &&
        this.pending.has(message.id)
      ) {
        this.pending.get(message.id)!(message);
        this.pending.delete(message.id);
      } else {
        this.stray.push(message);
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static connect(url: string, options?: WebSocket.ClientOptions): Promise<RpcClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options);
      ws.once('open', () => resolve(new RpcClient(ws)));
      ws.once('error', reject);
    });
  }

  /** The whole reply (result or error). */
  request(method: string, params: unknown[] = []): Promise<RpcMessage> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  /** The result, or throws the error object. */
  async call<T = any>(method: string, params: unknown[] = []): Promise<T> {
    const reply = await this.request(method, params);
    if (reply.error) throw Object.assign(new Error(reply.error.message), reply.error);
    return reply.result as T;
  }

  /** Sends a raw frame and resolves with the next stray frame. */
  async raw(frame: string | Buffer): Promise<any> {
    const before = this.stray.length;
    this.ws.send(frame);
    await this.until(() => this.stray.length > before);
    return this.stray[before];
  }

  /** Notifications of one subscription, in arrival order. */
  events(subscription: string): any[] {
    return this.notifications
      .filter((n) => n.params!.subscription === subscription)
      .map((n) => n.params!.result);
  }

  /**
   * Waits for `condition`, re-checked on every frame. The default bound is for a loaded CI machine (several test
   * files at once), well inside the 60 s test timeout: a wait that is only slow must not fail.
   */
  async until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for a frame');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
