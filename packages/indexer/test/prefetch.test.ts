/** The read-ahead of a backfill stays bounded: requests in flight and blocks fetched ahead of the writer. */
import { describe, expect, it } from 'vitest';
import type { FetchedBlock } from '../src/ingest/chain.js';
import { Prefetcher } from '../src/ingest/prefetch.js';

function source(failAt?: number) {
  let inFlight = 0;
  const seen = { maxInFlight: 0, requested: [] as number[] };
  const fetch = async (number: number): Promise<FetchedBlock> => {
    seen.requested.push(number);
    inFlight++;
    seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 1 + (number % 3)));
    inFlight--;
    if (number === failAt) throw new Error(`block ${number} is gone`);
    return { number, hash: `0x${number}`, timestamp: number, events: [] };
  };
  return { fetch, seen };
}

describe('Prefetcher', () => {
  it('hands out blocks in order, at most `concurrency` in flight and `ahead` past the last taken', async () => {
    const { fetch, seen } = source();
    const prefetch = new Prefetcher(fetch, 5, 60, 3, 10);
    for (let n = 5; n <= 40; n++) {
      expect((await prefetch.take(n)).number).toBe(n);
      // while the taker works (writes a batch), the reads go on, up to 10 blocks past it
      await new Promise((r) => setTimeout(r, 5));
      expect(Math.max(...seen.requested)).toBeLessThanOrEqual(n + 10);
    }
    expect(seen.maxInFlight).toBeLessThanOrEqual(3);
    expect(seen.maxInFlight).toBeGreaterThan(1);
    expect(Math.max(...seen.requested)).toBe(50);
    expect(new Set(seen.requested).size).toBe(seen.requested.length);
    expect(() => prefetch.take(42)).toThrow(RangeError);
  });

  it('never reads past its limit until it is raised, and a failed read fails its take', async () => {
    const { fetch, seen } = source(9);
    const prefetch = new Prefetcher(fetch, 1, 4, 4, 100);
    for (let n = 1; n <= 4; n++) await prefetch.take(n);
    expect(Math.max(...seen.requested)).toBe(4);
    prefetch.limit = 12;
    for (let n = 5; n <= 8; n++) await prefetch.take(n);
    await expect(prefetch.take(9)).rejects.toThrow(/block 9 is gone/);
    expect(Math.max(...seen.requested)).toBeLessThanOrEqual(12);
  });
});
