import { InvalidArgumentError } from './errors.js';

/** A span of chain time; the parts add up. */
export interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

const UNIT_MS: Record<keyof Duration, number> = {
  days: 86_400_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1_000,
  milliseconds: 1,
};

export function durationMs(duration: Duration): number {
  let total = 0;
  for (const [unit, value] of Object.entries(duration)) {
    const ms = UNIT_MS[unit as keyof Duration];
    if (ms === undefined) throw new InvalidArgumentError(`unknown duration unit ${JSON.stringify(unit)}`);
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidArgumentError(`duration ${unit}: expected a finite number, got ${String(value)}`);
    }
    total += value * ms;
  }
  // the chain's clock has millisecond resolution
  return Math.round(total);
}
