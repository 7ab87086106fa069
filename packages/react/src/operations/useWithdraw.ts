import type { WithdrawInput } from '@phala-mining/core';
import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** "Withdraw": `send({ shares })`, `send({ amount })` or `send({ all: true })`; what the pool cannot pay now is queued. */
export function useWithdraw(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[input: WithdrawInput], void> {
  return useOperation((client, input: WithdrawInput) => client.pool(pid!).withdraw(input), options);
}
