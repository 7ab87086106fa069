import type { ClaimKind } from '@phala-mining/core';
import { type OperationHook, type OperationOptions, useOperation } from './useOperation.js';

/** "Claim": `send(kind?, target?)` — owner and/or staker rewards to `target` (default the signer); `result.value` is the amount. */
export function useClaim(
  pid: bigint | number | undefined,
  options?: OperationOptions,
): OperationHook<[kind?: ClaimKind, target?: string], bigint> {
  return useOperation(
    (client, kind?: ClaimKind, target?: string) => client.pool(pid!).claim(kind, target),
    options,
  );
}
