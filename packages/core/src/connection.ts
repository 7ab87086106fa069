import type { ApiPromise } from '@polkadot/api';
import { BehaviorSubject, distinctUntilChanged, filter, firstValueFrom, type Observable } from 'rxjs';
import { ClientClosedError, ConnectAbortedError, ConnectionTimeoutError } from './errors/index.js';

/** Connection state shown to users. */
export type ConnectionState = 'connected' | 'disconnected' | 'reconnecting';

/**
 * Follows the provider's connection. After a drop @polkadot/api's WsProvider reconnects on its own and re-creates
 * every storage subscription, so a drop is reported as `reconnecting` until it is back (or `disconnected` once the
 * client is closed).
 */
export class ConnectionMonitor {
  private readonly state: BehaviorSubject<ConnectionState>;
  private closed = false;
  readonly state$: Observable<ConnectionState>;

  constructor(private readonly api: ApiPromise) {
    this.state = new BehaviorSubject<ConnectionState>(api.isConnected ? 'connected' : 'reconnecting');
    this.state$ = this.state.pipe(distinctUntilChanged());
    api.on('connected', this.onConnected);
    api.on('disconnected', this.onDisconnected);
  }

  get current(): ConnectionState {
    return this.state.value;
  }

  /** Resolves once connected (immediately if connected now). */
  whenConnected(): Promise<void> {
    if (this.closed) return Promise.reject(new ClientClosedError());
    if (this.state.value === 'connected' && this.api.isConnected) return Promise.resolve();
    return firstValueFrom(this.state.pipe(filter((s) => s === 'connected'))).then(
      () => undefined,
      () => Promise.reject(new ClientClosedError()),
    );
  }

  /** Whether {@link close} was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    this.api.off('connected', this.onConnected);
    this.api.off('disconnected', this.onDisconnected);
    this.state.next('disconnected');
    this.state.complete();
  }

  private readonly onConnected = () => {
    if (!this.closed) this.state.next('connected');
  };

  private readonly onDisconnected = () => {
    if (!this.closed) this.state.next('reconnecting');
  };
}

/**
 * Waits for the API to be ready, at most `timeoutMs` ({@link ConnectionTimeoutError}) and until `signal` aborts
 * ({@link ConnectAbortedError}): an abort ends the wait now, not at the timeout. The caller closes what it opened.
 */
export async function waitUntilReady(
  api: ApiPromise,
  endpoint: string | string[],
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    await Promise.race([
      api.isReadyOrError,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ConnectionTimeoutError(endpoint, timeoutMs)), timeoutMs);
        onAbort = () => reject(new ConnectAbortedError(endpoint));
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
