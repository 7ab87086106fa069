/**
 * FRAME's per-origin call filters (`origin.add_filter`): pallet_proxy narrows the real account's origin to the
 * proxy type, and every call dispatched with that origin — including calls nested in Utility batches — must pass
 * the filter or fails with `System.CallFiltered`. Origins are plain values here, so filters ride along in a
 * WeakMap keyed by the origin object; code that derives a new origin from an old one copies them (`inheritFilters`).
 */
import type { RuntimeCallValue } from './ext.js';
import type { Origin } from './pallet.js';

export type CallFilter = (call: RuntimeCallValue) => boolean;

const filters = new WeakMap<Origin, CallFilter[]>();

export function addCallFilter(origin: Origin, filter: CallFilter): void {
  filters.set(origin, [...(filters.get(origin) ?? []), filter]);
}

/** Root bypasses filters (FRAME: `RawOrigin::Root` ignores the origin's filter). */
export function passesCallFilters(origin: Origin, call: RuntimeCallValue): boolean {
  if (origin.kind === 'root') return true;
  return (filters.get(origin) ?? []).every((f) => f(call));
}

export function inheritFilters<O extends Origin>(parent: Origin, child: O): O {
  const list = filters.get(parent);
  if (list) filters.set(child, [...list]);
  return child;
}
