import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** "Set Payout Pref": `send(percent)` with the commission in percent, 0–100 (at most 4 decimals). */
export function useSetPayout(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[percent: number], void> {
  return useOperation((client, percent: number) => client.pool(pid!).setPayout(percent), options);
}
