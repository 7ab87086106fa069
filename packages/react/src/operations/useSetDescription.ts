import type { PoolDescription } from '@phala-mining/core';
import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/**
 * `send(description)`: the pool description — free text, or the Phala App's `{ telegram, …, ann, version: 1 }`
 * object (stored as the App stored it; at most 4400 UTF-8 bytes either way).
 */
export function useSetDescription(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[description: string | PoolDescription], void> {
  return useOperation(
    (client, description: string | PoolDescription) => client.pool(pid!).setDescription(description),
    options,
  );
}
