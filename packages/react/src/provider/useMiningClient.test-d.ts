import type { MiningClient, MiningError } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import { type ClientState, type ClientStatus, useMiningClient } from '../index.js';

describe('useMiningClient', () => {
  test("gives the provider's client with its status", () => {
    const state = useMiningClient();
    expectTypeOf(state).toEqualTypeOf<ClientState>();
    expectTypeOf(state.client).toEqualTypeOf<MiningClient | undefined>();
    expectTypeOf(state.status).toEqualTypeOf<ClientStatus>();
    expectTypeOf<ClientStatus>().toEqualTypeOf<'connecting' | 'ready' | 'error'>();
    expectTypeOf(state.error).toEqualTypeOf<MiningError | undefined>();
  });

  test('takes no arguments', () => {
    // @ts-expect-error the connection is configured on <MiningProvider>
    useMiningClient({ network: 'khala' });
  });
});
