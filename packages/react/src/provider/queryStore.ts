import type { MiningError } from '@phala-mining/core';
import type { Observable, Subscription } from 'rxjs';
import { asMiningError } from '../errors.js';

/** `idle`: nothing asked (an undefined argument); `loading`: waiting for the first value. */
export type QueryStatus = 'idle' | 'loading' | 'success' | 'error';

/** What every query hook returns. `data` keeps the last value when a later error arrives. */
export interface QueryState<T> {
  data: T | undefined;
  error: MiningError | undefined;
  status: QueryStatus;
}

export const IDLE: QueryState<never> = Object.freeze({ data: undefined, error: undefined, status: 'idle' });
export const LOADING: QueryState<never> = Object.freeze({
  data: undefined,
  error: undefined,
  status: 'loading',
});

interface Entry {
  readonly key: string;
  state: QueryState<unknown>;
  readonly listeners: Set<() => void>;
  /** listeners plus suspended renders waiting for a first value */
  holds: number;
  subscription: Subscription | undefined;
  releaseTimer: ReturnType<typeof setTimeout> | undefined;
  releaseQueued: boolean;
  /** settles on the first value or error; what a suspended render throws */
  firstResult: Promise<void> | undefined;
  /** the hold taken for a suspended render, until a component subscribes or the hold times out */
  suspenseHold: ReturnType<typeof setTimeout> | 'waiting' | undefined;
}

export interface QueryStoreOptions {
  /**
   * How long an entry outlives its last component, ms. 0 (default) releases it at the end of the current task —
   * late enough that StrictMode's unmount/remount and a key handed from one component to another reuse the
   * subscription, early enough that nothing is left open once the components are gone.
   */
  keepAliveMs?: number;
  /** how long a value fetched for a suspended render waits for that render to commit and subscribe, ms */
  suspenseHoldMs?: number;
}

/**
 * A keyed store of live observables for `useSyncExternalStore`: one upstream subscription per key, however many
 * components read it, released when the last one unmounts.
 */
export class QueryStore {
  private readonly entries = new Map<string, Entry>();
  private readonly keepAliveMs: number;
  private readonly suspenseHoldMs: number;

  constructor(options: QueryStoreOptions = {}) {
    this.keepAliveMs = options.keepAliveMs ?? 0;
    this.suspenseHoldMs = options.suspenseHoldMs ?? 5_000;
  }

  /** The current state of `key` (a shared constant while nobody subscribes, so snapshots stay referentially stable). */
  snapshot<T>(key: string): QueryState<T> {
    return (this.entries.get(key)?.state ?? LOADING) as QueryState<T>;
  }

  /** Subscribes a listener to `key`, starting `source` if it is the first; returns the unsubscribe. */
  subscribe<T>(key: string, source: () => Observable<T>, listener: () => void): () => void {
    const entry = this.acquire(key, source);
    entry.listeners.add(listener);
    // the suspended render has committed: its component now holds the entry itself
    if (entry.suspenseHold !== 'waiting') this.dropSuspenseHold(entry);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      entry.listeners.delete(listener);
      this.release(entry);
    };
  }

  /**
   * For Suspense: starts `key` without a component (the suspended one has not mounted) and returns a promise that
   * settles with the first value or error. The hold lasts until the retried render has had time to subscribe.
   */
  suspend<T>(key: string, source: () => Observable<T>): Promise<void> {
    const existing = this.entries.get(key);
    if (existing?.firstResult) return existing.firstResult;
    const entry = this.acquire(key, source);
    entry.suspenseHold = 'waiting';
    entry.firstResult = new Promise<void>((resolve) => {
      const settled = () => {
        if (entry.state.status === 'loading') return;
        entry.listeners.delete(settled);
        resolve();
        if (entry.suspenseHold === 'waiting')
          entry.suspenseHold = setTimeout(() => this.dropSuspenseHold(entry), this.suspenseHoldMs);
      };
      entry.listeners.add(settled);
      settled();
    });
    return entry.firstResult;
  }

  /** Keys with a live upstream subscription (for devtools and tests). */
  activeKeys(): string[] {
    return [...this.entries.values()]
      .filter((e) => e.subscription !== undefined && !e.subscription.closed)
      .map((e) => e.key);
  }

  /** Number of live upstream subscriptions. */
  get size(): number {
    return this.activeKeys().length;
  }

  /** Number of listeners (mounted hook instances) on `key`. */
  listenerCount(key: string): number {
    return this.entries.get(key)?.listeners.size ?? 0;
  }

  private dropSuspenseHold(entry: Entry): void {
    if (entry.suspenseHold === undefined) return;
    if (entry.suspenseHold !== 'waiting') clearTimeout(entry.suspenseHold);
    entry.suspenseHold = undefined;
    this.release(entry);
  }

  private acquire<T>(key: string, source: () => Observable<T>): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        key,
        state: LOADING,
        listeners: new Set(),
        holds: 0,
        subscription: undefined,
        releaseTimer: undefined,
        releaseQueued: false,
        firstResult: undefined,
        suspenseHold: undefined,
      };
      this.entries.set(key, entry);
      this.start(entry, source);
    }
    if (entry.releaseTimer !== undefined) {
      clearTimeout(entry.releaseTimer);
      entry.releaseTimer = undefined;
    }
    entry.holds++;
    return entry;
  }

  private start<T>(entry: Entry, source: () => Observable<T>): void {
    const set = (state: QueryState<unknown>) => {
      entry.state = state;
      for (const listener of [...entry.listeners]) listener();
    };
    let observable: Observable<T>;
    try {
      observable = source();
    } catch (error) {
      // invalid arguments (a malformed address or pid) surface as the hook's typed error, not as a render crash
      set({ data: undefined, error: asMiningError(error), status: 'error' });
      return;
    }
    entry.subscription = observable.subscribe({
      next: (data) => set({ data, error: undefined, status: 'success' }),
      error: (error: unknown) =>
        set({ data: entry.state.data, error: asMiningError(error), status: 'error' }),
    });
  }

  private release(entry: Entry): void {
    entry.holds--;
    if (entry.holds > 0) return;
    if (this.keepAliveMs > 0) {
      entry.releaseTimer = setTimeout(() => this.teardown(entry), this.keepAliveMs);
    } else if (!entry.releaseQueued) {
      entry.releaseQueued = true;
      setTimeout(() => {
        entry.releaseQueued = false;
        this.teardown(entry);
      }, 0);
    }
  }

  private teardown(entry: Entry): void {
    entry.releaseTimer = undefined;
    if (entry.holds > 0 || this.entries.get(entry.key) !== entry) return;
    this.entries.delete(entry.key);
    entry.subscription?.unsubscribe();
    entry.subscription = undefined;
  }
}
