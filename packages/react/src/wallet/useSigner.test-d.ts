import type { MiningError, MiningSigner } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import { type SignerState, useAccounts, useSigner, type WalletAccount } from '../index.js';

declare const selected: string | undefined;
declare const account: WalletAccount;
const alice = '5GrwvaDbBKf6QmhcYB8VmZS4DJdkfqD5SuLMnG7exemzkz4C';

describe('useSigner', () => {
  test('gives a signer for the operation hooks, with its status and typed error', () => {
    const state = useSigner(alice);
    expectTypeOf(state).toEqualTypeOf<SignerState>();
    expectTypeOf(state.signer).toEqualTypeOf<MiningSigner | undefined>();
    expectTypeOf(state.status).toEqualTypeOf<'idle' | 'loading' | 'ready' | 'error'>();
    expectTypeOf(state.error).toEqualTypeOf<MiningError | undefined>();
  });

  test('takes an address, an account of useAccounts, or nothing yet', () => {
    useSigner(selected);
    useSigner(undefined);
    useSigner(account);
    useSigner(useAccounts().accounts[0]);
    useSigner({ address: alice, source: 'dev' });
    // @ts-expect-error an address is an SS58 string
    useSigner(42);
    // @ts-expect-error an account object names its source (the extension, or dev)
    useSigner({ address: alice });
    // @ts-expect-error the argument is required (undefined says "none yet")
    useSigner();
  });
});
