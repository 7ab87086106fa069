import { InputError } from '@phala-mining/errors';
import type { BlockMode } from './producer.js';

export const DEFAULT_INTERVAL_MS = 12_000;
export const DEFAULT_BATCH_DELAY_MS = 100;

export class BlockModeError extends InputError {
  override readonly name = 'BlockModeError' as const;
  readonly code = 'InvalidBlockMode' as const;
}

/**
 * Reads a block mode as users write it: chopsticks' `BuildBlockMode` names (`Instant`, `Batch`, `Manual`), the
 * CLI's lowercase `instant | interval | manual`, or `{interval: ms}`.
 */
export function parseBlockMode(value: unknown, intervalMs = DEFAULT_INTERVAL_MS): BlockMode {
  if (typeof value === 'string') {
    switch (value.toLowerCase()) {
      case 'instant':
        return { mode: 'instant' };
      case 'batch':
        return { mode: 'batch', delayMs: DEFAULT_BATCH_DELAY_MS };
      case 'manual':
        return { mode: 'manual' };
      case 'interval':
        return { mode: 'interval', intervalMs: checkInterval(intervalMs) };
    }
  } else if (typeof value === 'object' && value !== null && 'interval' in value) {
    return { mode: 'interval', intervalMs: checkInterval((value as { interval: unknown }).interval) };
  } else if (typeof value === 'object' && value !== null && 'mode' in value) {
    const { mode } = value as { mode: unknown };
    if (mode === 'interval')
      return {
        mode: 'interval',
        intervalMs: checkInterval((value as { intervalMs?: unknown }).intervalMs ?? intervalMs),
      };
    if (mode === 'batch')
      return {
        mode: 'batch',
        delayMs: checkInterval((value as { delayMs?: unknown }).delayMs ?? DEFAULT_BATCH_DELAY_MS),
      };
    if (mode === 'instant' || mode === 'manual') return { mode };
  }
  throw new BlockModeError(
    `unknown block mode ${JSON.stringify(value)}: use Instant, Batch, Manual, interval or {interval: ms}`,
  );
}

function checkInterval(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new BlockModeError(
      `interval must be a positive number of milliseconds, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
