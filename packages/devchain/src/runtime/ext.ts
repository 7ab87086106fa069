import type { Hex } from '../scale/types.js';
import { type ConfigKey, type PalletConfigs, readConfig } from './config.js';
import type { StateReader } from './interface.js';
import { Overlay } from './state.js';

export type Origin = { kind: 'root' } | { kind: 'signed'; who: Hex } | { kind: 'none' };

export type PhaseValue = { tag: 'ApplyExtrinsic'; value: number } | 'Finalization' | 'Initialization';

/** A runtime event as the outer `RuntimeEvent` enum holds it: `{ tag: pallet, value: { tag: event, value } }`. */
export interface RuntimeEventValue {
  tag: string;
  value: { tag: string; value: unknown };
}

export interface EventRecordValue {
  phase: PhaseValue;
  event: RuntimeEventValue;
  topics: Hex[];
}

export interface RuntimeCallValue {
  tag: string;
  value: { tag: string; value: any } | string;
}

export interface Dispatcher {
  dispatch(ext: Ext, origin: Origin, call: RuntimeCallValue): void;
  /** the runtime's wired pallet Config items (upward callbacks, route tables) */
  readonly configs: PalletConfigs;
}

/** The topics of every event deposited here (none): one shared, frozen list, not one per event of a block. */
const NO_TOPICS = Object.freeze([]) as unknown as Hex[];

/**
 * What a pallet sees while it runs: the block's writable state, the events deposited so far and the block's
 * number and time. `transactional` gives FRAME's storage-layer semantics: an error inside rolls back both the
 * storage writes and the events of that layer.
 */
export class Ext {
  state: Overlay;
  readonly events: EventRecordValue[] = [];
  phase: PhaseValue = 'Initialization';

  constructor(
    base: StateReader,
    readonly blockNumber: number,
    readonly parentHash: Hex,
    private readonly dispatcher: Dispatcher,
  ) {
    this.state = new Overlay(base);
  }

  /** unix milliseconds of the block being built (Timestamp.Now); set by the timestamp inherent */
  nowMs = 0;

  get nowSeconds(): bigint {
    return BigInt(Math.floor(this.nowMs / 1000));
  }

  deposit(event: RuntimeEventValue): void {
    this.events.push({ phase: this.phase, event, topics: NO_TOPICS });
  }

  transactional<T>(fn: () => T): T {
    // a transaction of the block's overlay itself (see Overlay.beginTransaction), not a child layer
    const state = this.state;
    const mark = state.beginTransaction();
    const eventCount = this.events.length;
    let result: T;
    try {
      result = fn();
    } catch (error) {
      state.rollbackTransaction(mark);
      this.events.length = eventCount;
      throw error;
    }
    state.commitTransaction(mark);
    return result;
  }

  dispatch(origin: Origin, call: RuntimeCallValue): void {
    this.dispatcher.dispatch(this, origin, call);
  }

  /** A pallet's Config as the runtime wired it; throws `ConfigMissingError` when the runtime left it out. */
  config<T>(key: ConfigKey<T>): T {
    return readConfig(this.dispatcher.configs, key);
  }
}
