/**
 * FRAME's per-origin call filters (`origin.add_filter`): pallet_proxy narrows the real account's origin to the
 * proxy type, and every call dispatched with that origin — including calls nested in Utility batches — must pass
 * the filter or fails with `System.CallFiltered`. Origins are plain values here, so filters ride along on the origin
 * object itself, under a symbol that is not enumerable (origins still compare and spread as plain values); code
 * that derives a new origin from an old one copies them (`inheritFilters`).
 */
import type { Origin, RuntimeCallValue } from './ext.js';

export type CallFilter = (call: RuntimeCallValue) => boolean;

const FILTERS = Symbol('callFilters');
const MARKS = Symbol('originMarks');

type Carrier = { [FILTERS]?: CallFilter[]; [MARKS]?: symbol[] };

function attach(origin: Origin, key: typeof FILTERS | typeof MARKS, value: unknown[]): void {
  Object.defineProperty(origin, key, { value, enumerable: false, configurable: true, writable: true });
}

export function addCallFilter(origin: Origin, filter: CallFilter): void {
  attach(origin, FILTERS, [...((origin as Carrier)[FILTERS] ?? []), filter]);
}

/** Marks an origin with a pallet-defined flag that follows it like its filters (Utility's "no nested batch_all"). */
export function markOrigin(origin: Origin, mark: symbol): void {
  attach(origin, MARKS, [...((origin as Carrier)[MARKS] ?? []), mark]);
}

export function originHasMark(origin: Origin, mark: symbol): boolean {
  return (origin as Carrier)[MARKS]?.includes(mark) ?? false;
}

/** Root bypasses filters (FRAME: `RawOrigin::Root` ignores the origin's filter). */
export function passesCallFilters(origin: Origin, call: RuntimeCallValue): boolean {
  if (origin.kind === 'root') return true;
  return ((origin as Carrier)[FILTERS] ?? []).every((f) => f(call));
}

/** Copies `parent`'s filters (and marks) onto `child`, for an origin derived from it. */
export function inheritFilters<O extends Origin>(parent: Origin, child: O): O {
  const filters = (parent as Carrier)[FILTERS];
  if (filters) attach(child, FILTERS, [...filters]);
  const marks = (parent as Carrier)[MARKS];
  if (marks) attach(child, MARKS, [...marks]);
  return child;
}
