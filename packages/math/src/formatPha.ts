import { PHA } from './fixed.js';

const DECIMALS = 12;

/** Options of {@link formatPha}. */
export interface FormatPhaOptions {
  /** Maximum fraction digits (truncated, never rounded up); default 12 (exact). */
  decimals?: number;
  /** Append ` PHA`; default false. */
  unit?: boolean;
  /** Group the integer part in thousands with `,`; default false. */
  group?: boolean;
}

/**
 * Formats planck as PHA without trailing zeros: `formatPha(1_500_000_000_000n)` → `'1.5'`. Exact by default;
 * `decimals` truncates toward zero so a displayed balance is never more than what is there.
 */
export function formatPha(planck: bigint, options: FormatPhaOptions = {}): string {
  const decimals = Math.max(0, Math.min(DECIMALS, options.decimals ?? DECIMALS));
  const negative = planck < 0n;
  const abs = negative ? -planck : planck;
  let whole = (abs / PHA).toString();
  if (options.group) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (abs % PHA).toString().padStart(DECIMALS, '0').slice(0, decimals).replace(/0+$/, '');
  const text = `${negative && (whole !== '0' || frac) ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
  return options.unit ? `${text} PHA` : text;
}
