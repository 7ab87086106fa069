import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** `send(description)`: the pool description (at most 4400 UTF-8 bytes). */
export function useSetDescription(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[description: string], void> {
  return useOperation(
    (client, description: string) => client.pool(pid!).setDescription(description),
    options,
  );
}
