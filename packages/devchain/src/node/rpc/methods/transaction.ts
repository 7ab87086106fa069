import { InvalidParamsError } from '../../errors.js';
import type { MethodTable } from '../dispatcher.js';
import type { RpcEnv } from './env.js';

/** transaction_v1: fire-and-forget submission; the spec has no error reply, a refused transaction is simply not included. */
export function transactionMethods(env: RpcEnv): MethodTable {
  const { node } = env;
  const operations = new Set<string>();
  /** clients that never call transaction_v1_stop must not grow this forever */
  const MAX_OPERATIONS = 4096;
  let next = 1;
  return {
    transaction_v1_broadcast: (p) => {
      p.atMost(1);
      const bytes = p.bytes(0, 'transaction');
      const id = String(next++);
      operations.add(id);
      if (operations.size > MAX_OPERATIONS) operations.delete(operations.values().next().value!);
      try {
        node.pool.submit(bytes);
      } catch {
        // refused: nothing to report in this API
      }
      return id;
    },
    transaction_v1_stop: (p) => {
      p.atMost(1);
      const id = p.string(0, 'operationId');
      if (!operations.delete(id)) throw new InvalidParamsError('Invalid operation id');
      return null;
    },
  };
}
