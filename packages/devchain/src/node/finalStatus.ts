import type { Hex } from '../scale/types.js';

/**
 * The connection a watcher's client reads on. `afterReceived` runs `task` once the client has received every
 * frame sent to it so far (a WebSocket ping behind them has been answered by its pong); a reader without it (or
 * whose client never answers) is timed instead.
 */
export interface StatusReader {
  afterReceived?(task: () => void): void;
}

/**
 * After a watcher's connection has read the events of the block including its transaction (and, where the reader
 * cannot confirm delivery, only then), how long before it hears `finalized`.
 */
export const FINALIZED_AFTER_READ_MS = 50;

/** A client that never answers pings still hears `finalized`, this long after the bound would have started. */
export const UNCONFIRMED_EXTRA_MS = 30_000;

/** The `finalized` statuses of one block's watchers on one connection, sent together. */
interface Group {
  readonly reader: StatusReader | undefined;
  readonly fires: Array<() => void>;
  timer: NodeJS.Timeout | undefined;
  /** the connection has read the block's events: only the delivery of that reply is waited for */
  read: boolean;
  /** the connection has asked for the block: a stock client on its way to the events read, however slowly */
  fetching: boolean;
}

/**
 * When a watched transaction's `finalized` goes out. Stock @polkadot/api fetches a block's events on `inBlock`
 * and abandons that fetch when the next status arrives (switchMap), so a `finalized` that reaches the client
 * before it has decoded the fetch's reply swallows the `inBlock` result. A fixed delay loses that race on a busy
 * machine (a client seconds behind reads the reply and the status in one chunk, and handles the status first:
 * replies resolve promises, statuses are delivered synchronously). So:
 * - when the connection has been answered a read of the block's `System.Events`, its watchers on that block hear
 *   `finalized` once the client has received that reply (a ping sent behind it answered): one read stands for
 *   all of them, as stock clients share one memoized `derive.tx.events(blockHash)` per block;
 * - a connection that has asked for the block (`chain_getBlock`, as stock clients do on `inBlock`) is on its way
 *   to that read: its watchers wait for it (with a long safety bound), not for the short one;
 * - otherwise at the latest `boundMs` after the client has received the `inBlock` statuses (not after they were
 *   sent: a client behind on its socket is not penalized), for clients that never read events.
 */
export class FinalStatusGate {
  private readonly pending = new Map<Hex, Map<StatusReader | undefined, Group>>();
  /** groups created by the current block, whose clients are asked for a receipt once all `inBlock`s are out */
  private fresh: Array<[Hex, Group]> = [];

  constructor(private readonly boundMs: number) {}

  /** Queues a watcher's `finalized`; call `statusesSent` once the block's `inBlock` statuses are all sent. */
  schedule(blockHash: Hex, reader: StatusReader | undefined, fire: () => void): void {
    if (this.boundMs <= 0) {
      fire();
      return;
    }
    let byReader = this.pending.get(blockHash);
    if (!byReader) {
      byReader = new Map();
      this.pending.set(blockHash, byReader);
    }
    const group = byReader.get(reader);
    if (group) {
      group.fires.push(fire);
      return;
    }
    const created: Group = { reader, fires: [fire], timer: undefined, read: false, fetching: false };
    byReader.set(reader, created);
    this.fresh.push([blockHash, created]);
  }

  /** The block's `inBlock` statuses have been sent: the bounds start once each client has received them. */
  statusesSent(): void {
    for (const [blockHash, group] of this.fresh.splice(0)) {
      if (!group.reader?.afterReceived) {
        this.arm(blockHash, group, this.boundMs);
        continue;
      }
      this.arm(blockHash, group, this.boundMs + UNCONFIRMED_EXTRA_MS);
      group.reader.afterReceived(() => {
        if (!group.read && !group.fetching) this.arm(blockHash, group, this.boundMs);
      });
    }
  }

  /**
   * `reader` asked for the block `blockHash`: stock @polkadot/api does so as it handles `inBlock`, then reads the
   * events once it has the block's runtime version — two more round trips, which a busy client can take longer
   * than `boundMs` to make. Its watchers on that block then wait for the read itself (up to
   * `UNCONFIRMED_EXTRA_MS` more), not for the bound.
   */
  blockFetched(blockHash: Hex, reader: StatusReader): void {
    const group = this.pending.get(blockHash)?.get(reader);
    if (!group || group.read || group.fetching) return;
    group.fetching = true;
    this.arm(blockHash, group, this.boundMs + UNCONFIRMED_EXTRA_MS);
  }

  /** `reader` has been answered a read of the System.Events of `blockHash` (the reply is already sent). */
  eventsRead(blockHash: Hex, reader: StatusReader): void {
    const group = this.pending.get(blockHash)?.get(reader);
    if (!group || group.read) return;
    group.read = true;
    if (!reader.afterReceived) {
      this.arm(blockHash, group, FINALIZED_AFTER_READ_MS);
      return;
    }
    reader.afterReceived(() => this.release(blockHash, group));
  }

  /** Shutdown: every held status goes out now, leaving no timers. */
  flush(): void {
    this.fresh.length = 0;
    for (const [blockHash, byReader] of [...this.pending]) {
      for (const group of [...byReader.values()]) this.release(blockHash, group);
    }
  }

  private arm(blockHash: Hex, group: Group, ms: number): void {
    if (group.timer) clearTimeout(group.timer);
    group.timer = setTimeout(() => this.release(blockHash, group), ms);
  }

  private release(blockHash: Hex, group: Group): void {
    const byReader = this.pending.get(blockHash);
    if (byReader?.get(group.reader) !== group) return;
    byReader.delete(group.reader);
    if (byReader.size === 0) this.pending.delete(blockHash);
    if (group.timer) clearTimeout(group.timer);
    group.timer = undefined;
    for (const fire of group.fires) fire();
  }
}
