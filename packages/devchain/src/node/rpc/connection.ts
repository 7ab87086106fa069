import { randomBytes } from 'node:crypto';

/** A live subscription on one connection. Notifications are held back until the subscribe reply is sent. */
export class Subscription {
  private active = false;
  private closed = false;
  private closeAfterReply = false;
  private readonly backlog: unknown[] = [];
  private cleanup: (() => void) | undefined;

  constructor(
    readonly id: string,
    /** the subscribe method's family, so `chain_unsubscribeNewHead` cannot end a storage subscription */
    readonly kind: string,
    readonly notification: string,
    private readonly connection: Connection,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Registers what to undo when the subscription ends. */
  onClose(cleanup: () => void): void {
    const previous = this.cleanup;
    this.cleanup = previous
      ? () => {
          previous();
          cleanup();
        }
      : cleanup;
  }

  notify(result: unknown): void {
    if (this.closed) return;
    if (!this.active) this.backlog.push(result);
    else
      this.connection.send({
        jsonrpc: '2.0',
        method: this.notification,
        params: { subscription: this.id, result },
      });
  }

  /** Called once the subscribe reply has gone out. */
  activate(): void {
    if (this.active) return;
    this.active = true;
    for (const result of this.backlog.splice(0)) this.notify(result);
    if (this.closeAfterReply) this.close();
  }

  /** Ends the subscription once its notifications so far are out (and never before the subscribe reply). */
  finish(): void {
    if (this.active) this.close();
    else this.closeAfterReply = true;
  }

  get isAnnounced(): boolean {
    return this.active;
  }

  /**
   * Ends the subscription server-side (and runs cleanup). Further notifications are discarded. `flush: false`
   * drops the held-back notifications of a subscription whose id the client never received.
   */
  close(flush = true): void {
    if (this.closed) return;
    if (flush) this.activate();
    else this.backlog.length = 0;
    this.closed = true;
    this.connection.forget(this.id);
    const cleanup = this.cleanup;
    this.cleanup = undefined;
    try {
      cleanup?.();
    } catch (error) {
      console.error('[phala-devchain] subscription cleanup failed', error);
    }
  }
}

/** One client: a WebSocket (with subscriptions) or a single HTTP request (without). */
export class Connection {
  private readonly subscriptions = new Map<string, Subscription>();
  private closed = false;
  /** tasks waiting for the pong of the ping with their number; pings go out in order, so pongs come back so */
  private readonly receipts: Array<{ seq: number; task: () => void }> = [];
  private nextPing = 0;

  constructor(
    private readonly sink: ((frame: string) => void) | undefined,
    readonly supportsSubscriptions: boolean,
    /** sends a WebSocket ping carrying `payload` (undefined: no pings, e.g. HTTP) */
    private readonly ping?: (payload: Buffer) => void,
  ) {}

  /**
   * Runs `task` once the client has received every frame sent to it so far: a ping goes out behind them and its
   * pong (which WebSocket clients send as they read the ping, in order) comes back. Without pings, on the next
   * macrotask. Never runs on a closed connection.
   */
  afterReceived(task: () => void): void {
    if (this.closed) return;
    if (!this.ping) {
      setImmediate(() => {
        if (!this.closed) task();
      });
      return;
    }
    const seq = this.nextPing++;
    this.receipts.push({ seq, task });
    const payload = Buffer.alloc(4);
    payload.writeUInt32BE(seq >>> 0);
    this.ping(payload);
  }

  /** A pong arrived: every task queued up to its ping runs (a pong with another payload is ignored). */
  pong(payload: Buffer): void {
    if (payload.length !== 4) return;
    const seq = payload.readUInt32BE(0);
    const at = this.receipts.findIndex((r) => r.seq >>> 0 === seq);
    if (at < 0) return;
    for (const { task } of this.receipts.splice(0, at + 1)) {
      try {
        task();
      } catch (error) {
        console.error('[phala-devchain] delivery receipt task failed', error);
      }
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  subscribe(kind: string, notification: string): Subscription {
    const id = randomBytes(12).toString('base64url');
    const sub = new Subscription(id, kind, notification, this);
    this.subscriptions.set(id, sub);
    return sub;
  }

  get(id: unknown, kind: string): Subscription | undefined {
    if (typeof id !== 'string' && typeof id !== 'number') return undefined;
    const sub = this.subscriptions.get(String(id));
    return sub && sub.kind === kind ? sub : undefined;
  }

  forget(id: string): void {
    this.subscriptions.delete(id);
  }

  send(message: unknown): void {
    if (this.closed || !this.sink) return;
    this.sink(JSON.stringify(message));
  }

  /** Ends, unheard, the subscriptions whose subscribe reply was never sent (a batch refused as too large). */
  closeUnannounced(): void {
    for (const sub of [...this.subscriptions.values()]) if (!sub.isAnnounced) sub.close(false);
  }

  /** Sends text already serialized (and size-checked) by the dispatcher. */
  sendText(text: string): void {
    if (this.closed || !this.sink) return;
    this.sink(text);
  }

  /** Ends every subscription (socket closed or server shutting down). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.receipts.length = 0;
    for (const sub of [...this.subscriptions.values()]) sub.close();
  }
}
