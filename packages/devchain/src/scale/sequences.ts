/**
 * Long sequences of fixed-size byte arrays (a stake pool's 200 worker keys) written back as the bytes they were
 * read from. A block that pays a pool rewrites its record with the list unchanged, and hex-parsing 200 keys to
 * write them again was ~15 % of an empty block on the 100 × 200 state.
 *
 * Only values decoded by `decodeShared` (types.ts) take part, and its caller freezes them (deeply) before anyone
 * else sees them: a frozen array cannot change, so its source bytes stay its encoding for as long as it lives.
 * Only byte arrays qualify (hex to bytes and back is exact) and only with a length prefix as SCALE writes it (a
 * longer, non-canonical one is encoded anew): the bytes copied are exactly those encoding would give.
 */

/** Shorter sequences are encoded item by item (a WeakMap entry per decode costs more than they do). */
export const SHARED_SEQUENCE_MIN = 16;

const sources = new WeakMap<readonly unknown[], Uint8Array>();
let recording = 0;

/** @internal `decodeShared`'s bracket around its decode */
export function beginRecording(): void {
  recording++;
}
/** @internal */
export function endRecording(): void {
  recording--;
}

/**
 * Called by a byte-array sequence's reader once it read `out` from `bytes`: its length prefix began at `start`, its
 * items at `bodyStart`, and they end at `end`.
 */
export function recordSequence(
  bytes: Uint8Array,
  start: number,
  bodyStart: number,
  end: number,
  out: readonly unknown[],
): void {
  const n = out.length;
  if (recording === 0 || n < SHARED_SEQUENCE_MIN) return;
  const canonical = n < 1 << 6 ? 1 : n < 1 << 14 ? 2 : n < 2 ** 30 ? 4 : 0;
  if (bodyStart - start !== canonical) return;
  sources.set(out, bytes.subarray(start, end));
}

/** The bytes a frozen sequence was read from (length prefix included), or undefined: encode it item by item. */
export function sharedSequence(values: readonly unknown[]): Uint8Array | undefined {
  if (values.length < SHARED_SEQUENCE_MIN || !Object.isFrozen(values)) return undefined;
  return sources.get(values);
}
