import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** "Contribute": `send(amount)` in planck (`pha('100')`); `result.value` is the shares minted. */
export function useContribute(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[amount: bigint], bigint> {
  return useOperation((client, amount: bigint) => client.pool(pid!).contribute(amount), options);
}
