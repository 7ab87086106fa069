import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** "Add Worker": `send(workerPublicKey)`; the signer must be the worker's operator and the pool's owner. */
export function useAddWorker(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[worker: string], void> {
  return useOperation((client, worker: string) => client.pool(pid!).addWorker(worker), options);
}
