import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** `send(staker)`: removes a staker from the contribution whitelist. */
export function useWhitelistRemove(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[staker: string], void> {
  return useOperation((client, staker: string) => client.pool(pid!).whitelistRemove(staker), options);
}
