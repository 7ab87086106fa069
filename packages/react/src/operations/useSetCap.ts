import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** "Set Cap": `send(cap)` in planck, at least the pool's total stake. */
export function useSetCap(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[cap: bigint], void> {
  return useOperation((client, cap: bigint) => client.pool(pid!).setCap(cap), options);
}
