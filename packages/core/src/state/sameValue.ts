/**
 * Structural equality of plain state values (bigint, number, string, boolean, undefined, arrays, plain objects) —
 * what the views are made of. Used to drop re-emissions: a view recomputed on every block (its inputs include the
 * block's timestamp) is passed on only when something in it changed.
 */
export function sameValue<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((x, i) => sameValue<unknown>(x, other[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) &&
      sameValue<unknown>((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
