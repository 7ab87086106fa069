import { useSyncExternalStore } from 'react';
import { useMiningRuntime } from './context.js';
import type { ClientState } from './runtime.js';

/**
 * The provider's client with its status: `connecting` (always during server rendering when the provider connects
 * by endpoint), `ready`, or `error` with the typed error of the connection attempt.
 */
export function useMiningClient(): ClientState {
  const runtime = useMiningRuntime('useMiningClient');
  return useSyncExternalStore(runtime.subscribe, runtime.getSnapshot, runtime.getServerSnapshot);
}
