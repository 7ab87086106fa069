import { Observable, type ReplaySubject } from 'rxjs';
import type { MiningError } from './errors.js';
import type { DecodedEvent } from './events.js';

/** A lifecycle stage of a sent transaction. */
export type TxStage =
  | { stage: 'signed'; hash: string; nonce: number }
  | { stage: 'broadcast'; hash: string }
  | { stage: 'inBlock'; hash: string; blockHash: string; blockNumber: number; events: DecodedEvent[] }
  | { stage: 'finalized'; hash: string; blockHash: string; blockNumber: number; events: DecodedEvent[] }
  | {
      stage: 'failed';
      hash: string | undefined;
      error: MiningError;
      blockHash?: string;
      events?: DecodedEvent[];
    };

/** The outcome of a successful transaction. */
export interface TxResult<V = unknown> {
  hash: string;
  blockHash: string;
  blockNumber: number;
  /** the events of this extrinsic, decoded */
  events: DecodedEvent[];
  /** the last operation's result (e.g. the new pid of createPool) */
  value: V;
  /** every operation's result, in order */
  values: unknown[];
  /** whether the block was finalized when this resolved */
  finalized: boolean;
}

/** When the awaitable resolves. */
export type WaitFor = 'inBlock' | 'finalized';

/**
 * A sent transaction: an Observable of its {@link TxStage}s (replayed to late subscribers; the transaction is sent
 * once, however many subscribe) that is also awaitable for the final {@link TxResult} — rejecting with the typed
 * error of a failed stage.
 */
export class TxSubmission<V = unknown> extends Observable<TxStage> implements PromiseLike<TxResult<V>> {
  private promise: Promise<TxResult<V>> | undefined;

  constructor(
    private readonly stages: ReplaySubject<TxStage>,
    private readonly waitFor: WaitFor,
    private readonly decode: (events: DecodedEvent[]) => { value: V; values: unknown[] },
  ) {
    super((subscriber) => stages.subscribe(subscriber));
  }

  /** The final result: resolves at `inBlock` or `finalized` (the client's `waitFor`), rejects on `failed`. */
  result(): Promise<TxResult<V>> {
    this.promise ??= new Promise<TxResult<V>>((resolve, reject) => {
      this.stages.subscribe({
        next: (s) => {
          if (s.stage === 'failed') reject(s.error);
          else if (s.stage === 'finalized' || (s.stage === 'inBlock' && this.waitFor === 'inBlock')) {
            try {
              resolve({
                hash: s.hash,
                blockHash: s.blockHash,
                blockNumber: s.blockNumber,
                events: s.events,
                finalized: s.stage === 'finalized',
                ...this.decode(s.events),
              });
            } catch (error) {
              reject(error);
            }
          }
        },
        error: reject,
      });
    });
    return this.promise;
  }

  // biome-ignore lint/suspicious/noThenProperty: a sent transaction is deliberately awaitable
  then<A = TxResult<V>, B = never>(
    onfulfilled?: ((value: TxResult<V>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.result().then(onfulfilled, onrejected);
  }
}
