import { Observable, type ReplaySubject } from 'rxjs';
import type { MiningError } from '../errors/index.js';
import type { DecodedEvent } from './events.js';

/** A lifecycle stage of a sent transaction. */
export type TxStage =
  | {
      /** Signed locally with the account's next nonce; nothing has reached the node yet. */
      stage: 'signed';
      /** Extrinsic hash, 0x-hex: identifies the transaction from here on. */
      hash: string;
      /** The account nonce it was signed with. */
      nonce: number;
    }
  | {
      /** The node accepted it into its transaction pool and passes it on to block authors. */
      stage: 'broadcast';
      /** Extrinsic hash, 0x-hex. */
      hash: string;
    }
  | {
      /** Included in a block that is not final yet (a reorg could still drop it); the dispatch succeeded. */
      stage: 'inBlock';
      /** Extrinsic hash, 0x-hex. */
      hash: string;
      /** Hash of the block that includes it, 0x-hex. */
      blockHash: string;
      /** Number of that block. */
      blockNumber: number;
      /** The events this extrinsic emitted in that block, decoded. */
      events: DecodedEvent[];
    }
  | {
      /** The including block is finalized: the outcome can no longer change. Always the last stage. */
      stage: 'finalized';
      /** Extrinsic hash, 0x-hex. */
      hash: string;
      /** Hash of the finalized block that includes it, 0x-hex. */
      blockHash: string;
      /** Number of that block. */
      blockNumber: number;
      /** The events this extrinsic emitted in that block, decoded. */
      events: DecodedEvent[];
    }
  | {
      /** Refused by the node, expired, or included with a failed dispatch. Always the last stage. */
      stage: 'failed';
      /** Extrinsic hash, 0x-hex; undefined when it failed before it was signed. */
      hash: string | undefined;
      /** Why, as a typed error (e.g. {@link PalletError} when the dispatch failed on chain). */
      error: MiningError;
      /** Hash of the including block, when the dispatch failed on chain (the fee was still charged). */
      blockHash?: string;
      /** The events of the failed extrinsic in that block (e.g. `ExtrinsicFailed`), when it was included. */
      events?: DecodedEvent[];
    };

/** What a multisig signatory's transaction did (see `asMultisig`). */
export interface MultisigOutcome {
  /** the multisig account, SS58 */
  account: string;
  /** blake2-256 of the call, 0x-hex */
  callHash: string;
  /** opened (first approval), approved, executed (the call ran) or cancelled */
  status: 'opened' | 'approved' | 'executed' | 'cancelled';
  /** the operation's timepoint, which later approvals and the cancel name */
  timepoint:
    | {
        /** block number of the first approval */
        height: number;
        /** its extrinsic index in that block */
        index: number;
      }
    | undefined;
}

/** The outcome of a successful transaction. */
export interface TxResult<V = unknown> {
  /** Extrinsic hash, 0x-hex. */
  hash: string;
  /** Hash of the block that includes it, 0x-hex. */
  blockHash: string;
  /** Number of that block. */
  blockNumber: number;
  /** the events of this extrinsic, decoded */
  events: DecodedEvent[];
  /** the last operation's result (e.g. the new pid of createPool) */
  value: V;
  /** every operation's result, in order */
  values: unknown[];
  /** whether the block was finalized when this resolved */
  finalized: boolean;
  /** sent by a multisig signatory: what this step did (until `executed`, `value` is undefined) */
  multisig?: MultisigOutcome;
}

/** When the awaitable resolves. */
export type WaitFor = 'inBlock' | 'finalized';

/**
 * A sent transaction: an Observable of its {@link TxStage}s (replayed to late subscribers; the transaction is sent
 * once, however many subscribe) that is also awaitable for the final {@link TxResult} — rejecting with the typed
 * error of a failed stage.
 *
 * `subscribe`, `pipe` and the other methods it inherits are rxjs's own; see {@link Observable}.
 */
export class TxSubmission<V = unknown> extends Observable<TxStage> implements PromiseLike<TxResult<V>> {
  private promise: Promise<TxResult<V>> | undefined;

  constructor(
    private readonly stages: ReplaySubject<TxStage>,
    private readonly waitFor: WaitFor,
    private readonly decode: (events: DecodedEvent[]) => {
      value: V;
      values: unknown[];
      multisig?: MultisigOutcome;
    },
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
