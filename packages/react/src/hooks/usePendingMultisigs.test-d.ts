import type { PendingMultisig, ProxyDefinition } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import { type QueryState, type SuspenseQueryState, usePendingMultisigs, useProxies } from '../index.js';

declare const selected: string | undefined;
const owner = '5GrwvaDbBKf6QmhcYB8VmZS4DJdkfqD5SuLMnG7exemzkz4C';

describe('usePendingMultisigs and useProxies', () => {
  test('data is the pending operations / the proxy relations', () => {
    expectTypeOf(usePendingMultisigs(owner)).toEqualTypeOf<QueryState<PendingMultisig[]>>();
    expectTypeOf(usePendingMultisigs(selected).data?.[0]?.when.height).toEqualTypeOf<number | undefined>();
    expectTypeOf(useProxies(owner)).toEqualTypeOf<QueryState<ProxyDefinition[]>>();
    expectTypeOf(usePendingMultisigs(owner, { suspense: true })).toEqualTypeOf<
      SuspenseQueryState<PendingMultisig[]>
    >();
  });

  test('arguments', () => {
    // @ts-expect-error with suspense the account must be there
    usePendingMultisigs(selected, { suspense: true });
    // @ts-expect-error the account is an SS58 string
    useProxies(42);
  });
});
