import { formatPha, permillToPercent } from '@phala-mining/core';

/** PHA for people: grouped, 4 decimals at most (truncated, never rounded up), with the unit. */
export function phaText(planck: bigint | undefined, empty = '—'): string {
  return planck === undefined ? empty : formatPha(planck, { decimals: 4, group: true, unit: true });
}

/** A Permill commission as a percentage: `200000` → `20 %`. */
export function percentText(permill: number): string {
  return `${permillToPercent(permill)} %`;
}

/**
 * Seconds as the Phala App shows countdowns: the two largest units, `6 d 23 h`, `3 h 5 min`, `4 min 10 s`, `0 s`.
 */
export function formatDuration(seconds: bigint | number): string {
  let s = typeof seconds === 'bigint' ? seconds : BigInt(Math.max(0, Math.floor(seconds)));
  if (s < 0n) s = 0n;
  const parts: [bigint, string][] = [
    [s / 86_400n, 'd'],
    [(s % 86_400n) / 3_600n, 'h'],
    [(s % 3_600n) / 60n, 'min'],
    [s % 60n, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0n);
  if (first === -1) return '0 s';
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0n)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}

/** `0x1234abcd…cdef` style abbreviation of a long key or address, for narrow views. */
export function shortKey(key: string, head = 8, tail = 6): string {
  return key.length <= head + tail + 1 ? key : `${key.slice(0, head)}…${key.slice(-tail)}`;
}

/** Unix seconds as an ISO date without milliseconds. */
export function dateText(unixSeconds: bigint): string {
  return new Date(Number(unixSeconds) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Display width of a string (ANSI sequences excluded; every code point counted as one column). */
export function displayWidth(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/** Column alignment of {@link renderTable}. */
export type Align = 'left' | 'right';

/** A column of {@link renderTable}. */
export interface Column {
  header: string;
  align?: Align;
}

/**
 * A plain text table: a header, a rule, rows; columns padded to their widest cell, two spaces apart. Plain ASCII
 * and spaces so it survives mail, logs and `grep`.
 */
export function renderTable(
  columns: readonly (Column | string)[],
  rows: readonly (readonly string[])[],
): string {
  const cols = columns.map((c) => (typeof c === 'string' ? { header: c } : c));
  const widths = cols.map((c, i) =>
    Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cols
      .map((c, i) => {
        const cell = cells[i] ?? '';
        const pad = ' '.repeat(widths[i]! - displayWidth(cell));
        return c.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [
    line(cols.map((c) => c.header)),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ].join('\n');
}

/** Label/value lines, labels padded to the longest. */
export function renderFields(fields: readonly (readonly [string, string])[], indent = '  '): string {
  const width = Math.max(...fields.map(([k]) => displayWidth(k)));
  return fields.map(([k, v]) => `${indent}${k}${' '.repeat(width - displayWidth(k))}  ${v}`).join('\n');
}

/** JSON with bigints as decimal strings (planck amounts stay exact) and undefined fields as null. */
export function toJson(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    (_k, v) => (typeof v === 'bigint' ? v.toString() : v === undefined ? null : v),
    space,
  );
}
