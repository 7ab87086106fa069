import type { MiningError } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import {
  AccountUnavailableError,
  type ClientNotReadyError,
  MissingProviderError,
  NoSignerError,
  type OperationSupersededError,
  WalletUnavailableError,
} from './index.js';

declare const error: unknown;

describe('react errors', () => {
  test('have literal codes', () => {
    expectTypeOf<MissingProviderError['code']>().toEqualTypeOf<'MissingProvider'>();
    expectTypeOf<ClientNotReadyError['code']>().toEqualTypeOf<'ClientNotReady'>();
    expectTypeOf<NoSignerError['code']>().toEqualTypeOf<'NoSigner'>();
    expectTypeOf<OperationSupersededError['code']>().toEqualTypeOf<'OperationSuperseded'>();
    expectTypeOf<AccountUnavailableError['code']>().toEqualTypeOf<'AccountUnavailable'>();
    expectTypeOf<WalletUnavailableError['code']>().toEqualTypeOf<'WalletUnavailable'>();
  });

  test("are core's MiningError, so one `error.code` branch handles both", () => {
    expectTypeOf<NoSignerError>().toExtend<MiningError>();
    expectTypeOf<AccountUnavailableError>().toExtend<MiningError>();
    if (error instanceof AccountUnavailableError) expectTypeOf(error.address).toEqualTypeOf<string>();
    if (error instanceof MissingProviderError) expectTypeOf(error.hook).toEqualTypeOf<string>();
  });

  test('constructors', () => {
    new NoSignerError();
    new AccountUnavailableError('5GrwvaDbBKf6QmhcYB8VmZS4DJdkfqD5SuLMnG7exemzkz4C');
    new WalletUnavailableError('refused', { cause: new Error('user said no') });
    // @ts-expect-error takes no arguments
    new NoSignerError('no signer');
    // @ts-expect-error the address is a string
    new AccountUnavailableError(42);
    // @ts-expect-error the reason is required
    new WalletUnavailableError();
  });
});
