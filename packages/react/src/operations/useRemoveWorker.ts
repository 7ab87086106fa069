import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** "Remove" a Ready worker: `send(workerPublicKey)`. */
export function useRemoveWorker(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[worker: string], void> {
  return useOperation((client, worker: string) => client.pool(pid!).removeWorker(worker), options);
}
