import { type ConnectionState, connectionQuery, type MiningError } from '@phala-mining/core';
import { useMiningClient } from '../provider/useMiningClient.js';
import { useQueryOf } from './useQueryOf.js';

export type ConnectionStatus = 'connecting' | ConnectionState | 'error';

/**
 * The connection as a user sees it: `connecting` before the client exists, then the socket's `connected` /
 * `reconnecting` / `disconnected`, or `error` when the client could not be created.
 */
export function useConnection(): { status: ConnectionStatus; error: MiningError | undefined } {
  const client = useMiningClient();
  const state = useQueryOf(connectionQuery());
  if (client.status !== 'ready') return { status: client.status, error: client.error };
  return { status: state.data ?? 'connecting', error: state.error };
}
