import type { KeyringPair } from '@polkadot/keyring/types';
import { filter, firstValueFrom, type Observable } from 'rxjs';
import { describe, expectTypeOf, test } from 'vitest';
import type {
  DecodedEvent,
  MiningClient,
  MiningError,
  TxResult,
  TxStage,
  TxSubmission,
  WaitFor,
} from '../index.js';

declare const client: MiningClient;
declare const alice: KeyringPair;
declare const created: TxSubmission<bigint>;

describe('a submission is an Observable of stages', () => {
  test('it emits TxStage', () => {
    expectTypeOf(created).toExtend<Observable<TxStage>>();
    expectTypeOf(firstValueFrom(created)).toEqualTypeOf<Promise<TxStage>>();
    created.subscribe((s) => expectTypeOf(s).toEqualTypeOf<TxStage>());
  });

  test('the stages are a union discriminated by `stage`', () => {
    expectTypeOf<TxStage['stage']>().toEqualTypeOf<
      'signed' | 'broadcast' | 'inBlock' | 'finalized' | 'failed'
    >();
    created.subscribe((s) => {
      switch (s.stage) {
        case 'signed':
          expectTypeOf(s.hash).toEqualTypeOf<string>();
          expectTypeOf(s.nonce).toEqualTypeOf<number>();
          // @ts-expect-error a signed transaction is in no block yet
          s.blockHash;
          break;
        case 'broadcast':
          expectTypeOf(s).toEqualTypeOf<{ stage: 'broadcast'; hash: string }>();
          break;
        case 'inBlock':
        case 'finalized':
          expectTypeOf(s.blockHash).toEqualTypeOf<string>();
          expectTypeOf(s.blockNumber).toEqualTypeOf<number>();
          expectTypeOf(s.events).toEqualTypeOf<DecodedEvent[]>();
          // @ts-expect-error only a failed stage has an error
          s.error;
          break;
        case 'failed':
          expectTypeOf(s.error).toEqualTypeOf<MiningError>();
          expectTypeOf(s.error.code).toEqualTypeOf<string>();
          // a send can fail before it is signed: no hash then
          expectTypeOf(s.hash).toEqualTypeOf<string | undefined>();
          expectTypeOf(s.blockHash).toEqualTypeOf<string | undefined>();
          expectTypeOf(s.events).toEqualTypeOf<DecodedEvent[] | undefined>();
          break;
        default:
          expectTypeOf(s).toBeNever();
      }
    });
  });

  test('operators narrow the stages', () => {
    const included = created.pipe(
      filter((s): s is Extract<TxStage, { stage: 'inBlock' }> => s.stage === 'inBlock'),
    );
    expectTypeOf(included).toEqualTypeOf<Observable<Extract<TxStage, { stage: 'inBlock' }>>>();
    // @ts-expect-error there is no 'included' stage
    created.pipe(filter((s) => s.stage === 'included'));
  });
});

describe('a submission is awaitable for its result', () => {
  test('awaiting it gives TxResult of the chain type', async () => {
    expectTypeOf(created).toExtend<PromiseLike<TxResult<bigint>>>();
    expectTypeOf<Awaited<TxSubmission<bigint>>>().toEqualTypeOf<TxResult<bigint>>();
    expectTypeOf(created.result()).toEqualTypeOf<Promise<TxResult<bigint>>>();

    const result = await created;
    expectTypeOf(result.value).toEqualTypeOf<bigint>();
    expectTypeOf(result.values).toEqualTypeOf<unknown[]>();
    expectTypeOf(result.hash).toEqualTypeOf<string>();
    expectTypeOf(result.blockHash).toEqualTypeOf<string>();
    expectTypeOf(result.blockNumber).toEqualTypeOf<number>();
    expectTypeOf(result.finalized).toEqualTypeOf<boolean>();
    expectTypeOf(result.events).toEqualTypeOf<DecodedEvent[]>();

    const configured = await client.pool(1n).setPayout(20).send(alice);
    expectTypeOf(configured).toEqualTypeOf<TxResult<void>>();
    // @ts-expect-error a void result has no fields
    configured.value.pid;
  });

  test('then and Promise combinators see the result, not the submission', async () => {
    const pid = created.then((r) => r.value);
    expectTypeOf(pid).toEqualTypeOf<Promise<bigint>>();
    const settled = created.then(
      (r) => r.blockNumber,
      (error) => {
        // a rejection may come from anywhere: it must be narrowed before use
        expectTypeOf(error).toBeUnknown();
        return undefined;
      },
    );
    expectTypeOf(settled).toEqualTypeOf<Promise<number | undefined>>();
    const [a, b] = await Promise.all([created, client.pool(1n).contribute(1n).send(alice)]);
    expectTypeOf(a).toEqualTypeOf<TxResult<bigint>>();
    expectTypeOf(b.value).toEqualTypeOf<bigint>();
  });

  test('WaitFor', () => {
    expectTypeOf<WaitFor>().toEqualTypeOf<'inBlock' | 'finalized'>();
  });
});

test('decoded events carry their fields as unknown, to be narrowed', () => {
  expectTypeOf<DecodedEvent['section']>().toEqualTypeOf<string>();
  expectTypeOf<DecodedEvent['data']>().toEqualTypeOf<Record<string, unknown>>();
  created.subscribe((s) => {
    if (s.stage !== 'finalized') return;
    const amount = s.events[0]?.data.amount;
    expectTypeOf(amount).toBeUnknown();
    // @ts-expect-error unknown until narrowed
    amount + 1n;
  });
});
