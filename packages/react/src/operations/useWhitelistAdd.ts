import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** `send(staker)`: adds a staker to the contribution whitelist. */
export function useWhitelistAdd(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[staker: string], void> {
  return useOperation((client, staker: string) => client.pool(pid!).whitelistAdd(staker), options);
}
