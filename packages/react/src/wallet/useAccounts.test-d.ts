import type { MiningError } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import {
  DEV_ACCOUNT_NAMES,
  useAccounts,
  type WalletAccount,
  type WalletState,
  type WalletStatus,
} from '../index.js';

describe('useAccounts', () => {
  test('gives the wallet state', () => {
    const wallet = useAccounts();
    expectTypeOf(wallet).toEqualTypeOf<WalletState>();
    expectTypeOf(wallet.status).toEqualTypeOf<WalletStatus>();
    expectTypeOf<WalletStatus>().toEqualTypeOf<'idle' | 'connecting' | 'ready' | 'error'>();
    expectTypeOf(wallet.accounts).toEqualTypeOf<WalletAccount[]>();
    expectTypeOf(wallet.extensions).toEqualTypeOf<string[]>();
    expectTypeOf(wallet.error).toEqualTypeOf<MiningError | undefined>();
  });

  test('an account: address, optional name, and its source', () => {
    expectTypeOf<WalletAccount>().toEqualTypeOf<{
      address: string;
      name: string | undefined;
      source: string;
    }>();
  });

  test('dev account names are a literal tuple', () => {
    expectTypeOf(DEV_ACCOUNT_NAMES).toEqualTypeOf<
      readonly ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']
    >();
  });

  test('takes no arguments', () => {
    // @ts-expect-error the wallet settings go to <MiningProvider wallet={…}>
    useAccounts({ devAccounts: true });
  });
});
