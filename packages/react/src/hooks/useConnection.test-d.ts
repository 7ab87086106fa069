import type { MiningError } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import { type ConnectionStatus, useConnection } from '../index.js';

describe('useConnection', () => {
  test('gives the connection as a user sees it', () => {
    const connection = useConnection();
    expectTypeOf(connection).toEqualTypeOf<{ status: ConnectionStatus; error: MiningError | undefined }>();
    expectTypeOf<ConnectionStatus>().toEqualTypeOf<
      'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'error'
    >();
  });

  test('takes no arguments', () => {
    // @ts-expect-error the endpoint is configured on <MiningProvider>
    useConnection('ws://127.0.0.1:9944');
  });
});
