import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** "Stop" a Mining or Unresponsive worker: `send(worker)`; it then cools down for 7 days. */
export function useStopMining(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[worker: string], void> {
  return useOperation((client, worker: string) => client.pool(pid!).stopMining(worker), options);
}
