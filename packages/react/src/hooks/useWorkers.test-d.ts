import type { WorkerDisplayState, WorkerView } from '@phala-mining/core';
import { describe, expectTypeOf, test } from 'vitest';
import { type QueryState, type SuspenseQueryState, useWorkers } from '../index.js';

declare const routePid: bigint | undefined;

describe('useWorkers', () => {
  test('data is the Worker List', () => {
    const workers = useWorkers(1n);
    expectTypeOf(workers).toEqualTypeOf<QueryState<WorkerView[]>>();
    expectTypeOf(workers.data).toEqualTypeOf<WorkerView[] | undefined>();
    expectTypeOf(workers.data?.[0]?.state).toEqualTypeOf<WorkerDisplayState | undefined>();
    expectTypeOf(useWorkers(routePid)).toEqualTypeOf<QueryState<WorkerView[]>>();
  });

  test('suspense: the list is there', () => {
    const workers = useWorkers(1n, { suspense: true });
    expectTypeOf(workers).toEqualTypeOf<SuspenseQueryState<WorkerView[]>>();
    expectTypeOf(workers.data).toEqualTypeOf<WorkerView[]>();
    expectTypeOf(workers.data.length).toEqualTypeOf<number>();
  });

  test('arguments', () => {
    // @ts-expect-error a pool id is a bigint or a number
    useWorkers('1');
    // @ts-expect-error with suspense an undefined pool id would leave `data` undefined behind a success status
    useWorkers(undefined, { suspense: true });
    // @ts-expect-error with suspense the pool id must be there
    useWorkers(routePid, { suspense: true });
  });
});
