import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** `send(worker, stake)`: restarts a mining worker with more stake than it has. */
export function useRestartMining(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[worker: string, stake: bigint], void> {
  return useOperation(
    (client, worker: string, stake: bigint) => client.pool(pid!).restartMining(worker, stake),
    options,
  );
}
