import type { FetchedBlock } from './chain.js';

/**
 * Fetches blocks in order ahead of the one being extracted and written: at most `concurrency` requests in flight
 * and at most `ahead` blocks past the last one taken, so reading the node goes on while a batch is written, with
 * bounded memory. Blocks are taken in order; a failed fetch fails its `take`.
 */
export class Prefetcher {
  private readonly fetched = new Map<number, Promise<FetchedBlock>>();
  private requested: number;
  private taken: number;
  private inFlight = 0;
  /** the highest block that may be fetched (the finalized head) */
  limit: number;

  constructor(
    private readonly fetch: (number: number) => Promise<FetchedBlock>,
    from: number,
    limit: number,
    private readonly concurrency: number,
    private readonly ahead: number,
  ) {
    this.requested = from;
    this.taken = from - 1;
    this.limit = limit;
  }

  /** Block `number`, the one after the last taken. */
  take(number: number): Promise<FetchedBlock> {
    if (number !== this.taken + 1)
      throw new RangeError(`blocks are taken in order: ${this.taken + 1} next, not ${number}`);
    this.taken = number;
    this.fill();
    const block = this.fetched.get(number);
    this.fetched.delete(number);
    // past `limit` (the caller asked beyond the head it gave): fetched now, alone
    return block ?? this.fetch(number);
  }

  private fill(): void {
    const until = Math.min(this.limit, this.taken + this.ahead);
    while (this.inFlight < this.concurrency && this.requested <= until) {
      const number = this.requested++;
      this.inFlight++;
      const block = this.fetch(number);
      this.fetched.set(number, block);
      const settled = () => {
        this.inFlight--;
        this.fill();
      };
      // a block never taken (a stop, an error before it) must not become an unhandled rejection
      block.then(settled, settled);
    }
  }
}
