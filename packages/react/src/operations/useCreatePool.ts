import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** "Create StakePool"; `result.value` is the new pool id. */
export function useCreatePool(options?: OperationOptions): OperationHook<[], bigint> {
  return useOperation((client) => client.createPool(), options);
}
