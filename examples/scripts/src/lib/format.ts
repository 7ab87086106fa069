import { formatPha } from '@phala-mining/core';

/** `12,345.6789 PHA`: four decimals, truncated, so a displayed amount is never more than what is there. */
export function amount(planck: bigint): string {
  return formatPha(planck, { decimals: 4, unit: true, group: true });
}

/** Shares have the same 12 decimals as PHA but are not PHA: no unit. */
export function shares(units: bigint): string {
  return formatPha(units, { decimals: 4, group: true });
}

/** `0x1234…abcd` */
export function short(key: string): string {
  return key.length > 14 ? `${key.slice(0, 6)}…${key.slice(-4)}` : key;
}

/** A span of seconds as `6d 23h 59m`. */
export function duration(seconds: bigint): string {
  let s = Number(seconds);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3_600);
  s -= h * 3_600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : '', !d && !h && !m ? `${s}s` : ''];
  return parts.filter(Boolean).join(' ');
}

/** A unix-seconds instant as an ISO date and time (UTC, to the minute). */
export function date(unixSeconds: bigint): string {
  return `${new Date(Number(unixSeconds) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Permill parts as a percentage. */
export function percent(permill: number): string {
  return `${permill / 10_000} %`;
}
