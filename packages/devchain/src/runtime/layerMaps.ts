/**
 * The maps of block state layers: values merged into a parent's sorted lists, and small values packed into one
 * buffer per layer (runtime/state.ts). Loops over a whole layer's map use `forEach` (see state.ts).
 */
import type { Hex } from '../scale/types.js';
import { ownsPackableBuffer, packedCopy } from '../scale/writer.js';

/**
 * Values for `keys` (a layer's sorted keys under a prefix) from the parent's keys and values and the layer's own
 * changes. When the layer changed nothing there, `keys` is the parent's list itself and so are the values.
 */
export function mergedValues(
  prefix: Hex,
  keys: Hex[],
  baseKeys: Hex[],
  baseValues: Uint8Array[],
  changes: Map<Hex, Uint8Array | null>,
): Uint8Array[] {
  if (keys === baseKeys) {
    if (!changesUnder(prefix, keys, changes)) return baseValues;
    // The same keys with some values replaced (a block that rewrote a few of 20,000 worker records): the parent's
    // values with each change put at its place, found by binary search, not a walk comparing every key.
    if (changes.size <= keys.length >> 4) return replacedValues(prefix, keys, baseValues, changes);
  }
  const out: Uint8Array[] = new Array(keys.length);
  let b = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const own = changes.get(k);
    while (b < baseKeys.length && baseKeys[b]! < k) b++;
    if (own) out[i] = own;
    else out[i] = baseValues[b]!;
  }
  return out;
}

/**
 * `baseValues` with the values `changes` give keys under `prefix` put at their index in `keys`, the sorted list
 * both share (the changes add and remove no key under the prefix: it is the parent's list itself).
 */
function replacedValues(
  prefix: Hex,
  keys: Hex[],
  baseValues: Uint8Array[],
  changes: Map<Hex, Uint8Array | null>,
): Uint8Array[] {
  const out = baseValues.slice();
  for (const [k, v] of changes) {
    if (v === null || !k.startsWith(prefix)) continue;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = keys[mid]!;
      if (at < k) lo = mid + 1;
      else if (at > k) hi = mid - 1;
      else {
        out[mid] = v;
        break;
      }
    }
  }
  return out;
}

/** Whether `changes` touch a key under `prefix` (scanning whichever of the two is shorter). */
function changesUnder(prefix: Hex, keys: Hex[], changes: Map<Hex, Uint8Array | null>): boolean {
  if (changes.size <= keys.length) {
    for (const k of changes.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }
  for (const k of keys) if (changes.has(k)) return true;
  return false;
}

/**
 * Values of at most this many bytes are kept as views of one buffer per layer. V8 keeps a Uint8Array this small on
 * its heap with an ArrayBuffer object of its own (~84 bytes, more than the bytes themselves); as views the layer's
 * small values share one (100 × 200 workers' state holds ~120,000 of them). Larger values a block wrote keep their
 * objects: a block writes them into the writer's 4 KiB packs already (scale/writer.ts), copying them cost a
 * settlement block ~30 ms, and caches of decoded values (the simulated workers') are keyed by those objects. Values
 * of 65..1024 bytes written outside a block, each alone in its ArrayBuffer, are copied into those packs.
 */
export const SMALL_VALUE_BYTES = 64;
/**
 * A state made from entries (genesis, a state file, a database) has no such caches and is made once: its values up
 * to this size are packed too, which also spares each one its separately allocated backing store outside the heap.
 */
export const ENTRY_VALUE_BYTES = 4096;

/**
 * A copy of `changes` (`inPlace`: the map itself) with its values of at most `maxBytes` (see SMALL_VALUE_BYTES)
 * moved into one buffer. Views above V8's 64 on-heap bytes stay as they are; the `.buffer` of smaller values is not
 * looked at (reading it makes V8 move an on-heap array's bytes out of the heap).
 */
export function packValues(
  changes: Map<Hex, Uint8Array | null>,
  maxBytes: number,
  inPlace = false,
): Map<Hex, Uint8Array | null> {
  const packs = (v: Uint8Array) =>
    v.length <= SMALL_VALUE_BYTES || (v.length <= maxBytes && v.byteLength === v.buffer.byteLength);
  let size = 0;
  let count = 0;
  // values of 65..1024 bytes alone in their buffers: written outside a block (dev actions, set-ups), as a block
  // writes them (into the writer's shared packs), copied into those packs — a live value pins at most one pack
  let alone = 0;
  changes.forEach((v) => {
    if (!v) return;
    if (packs(v)) {
      size += v.length;
      count++;
    } else if (ownsPackableBuffer(v)) alone++;
  });
  if (count < 2 && alone === 0) return inPlace ? changes : new Map(changes);
  const buffer = count >= 2 ? new ArrayBuffer(size) : undefined;
  // replacing the values of the keys a forEach is at keeps the map's order and visits no key twice
  const out = inPlace ? changes : new Map<Hex, Uint8Array | null>();
  let at = 0;
  changes.forEach((v, k) => {
    if (v) {
      // each value tested once, as in the first pass (a value over 64 bytes reads its `.buffer` in both tests)
      if (packs(v)) {
        if (buffer) {
          const view = new Uint8Array(buffer, at, v.length);
          view.set(v);
          at += v.length;
          out.set(k, view);
          return;
        }
      } else if (alone && ownsPackableBuffer(v)) {
        out.set(k, packedCopy(v));
        return;
      }
    }
    if (!inPlace) out.set(k, v);
  });
  return out;
}

export function mergeSorted(a: Hex[], b: Hex[]): Hex[] {
  const out: Hex[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
