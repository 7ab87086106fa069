import { useSyncExternalStore } from 'react';
import { useMiningRuntime } from './context.js';
import type { QueryStore } from './queryStore.js';

/**
 * The query store of the provider's current client (undefined before it connects): which keys have a live
 * subscription and how many components read each — for devtools and tests.
 */
export function useQueryStore(): QueryStore | undefined {
  const runtime = useMiningRuntime('useQueryStore');
  const { client } = useSyncExternalStore(runtime.subscribe, runtime.getSnapshot, runtime.getServerSnapshot);
  return client ? runtime.store(client) : undefined;
}
