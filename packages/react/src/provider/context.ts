import { createContext, useContext } from 'react';
import { MissingProviderError } from '../errors.js';
import type { MiningRuntime } from './runtime.js';

export const MiningContext = createContext<MiningRuntime | undefined>(undefined);

/** The provider's runtime; throws {@link MissingProviderError} outside `<MiningProvider>`. */
export function useMiningRuntime(hook: string): MiningRuntime {
  const runtime = useContext(MiningContext);
  if (!runtime) throw new MissingProviderError(hook);
  return runtime;
}
