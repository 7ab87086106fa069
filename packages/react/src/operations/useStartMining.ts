import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** "Start": `send(worker, stake)` with a stake between Smin and Smax and within the pool's free stake. */
export function useStartMining(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[worker: string, stake: bigint], void> {
  return useOperation(
    (client, worker: string, stake: bigint) => client.pool(pid!).startMining(worker, stake),
    options,
  );
}
