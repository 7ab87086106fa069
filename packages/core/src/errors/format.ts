/** Amounts in error messages (not exported from the package). */
import { formatPha } from '../amount.js';

/** Exact PHA for messages (the planck integers stay on the error's fields). */
export function phaText(planck: bigint): string {
  return formatPha(planck, { group: true, unit: true });
}
