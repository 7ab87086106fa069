import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** `send(worker)`: reclaims a worker whose cooldown is over, releasing its stake to the pool. */
export function useReclaimWorker(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[worker: string], void> {
  return useOperation((client, worker: string) => client.pool(pid!).reclaimWorker(worker), options);
}
