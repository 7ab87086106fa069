import { describe, expectTypeOf, test } from 'vitest';
import type { PoolDescription, PoolDescriptionContent, PoolInfo } from '../index.js';

describe('pool descriptions', () => {
  test('the content narrows on kind: the App object or text, the stored text in both', () => {
    const d = {} as PoolInfo['description'];
    expectTypeOf(d.text).toEqualTypeOf<string>();
    if (d.kind === 'app') {
      expectTypeOf(d.value).toEqualTypeOf<PoolDescription>();
      expectTypeOf(d.value.telegram).toEqualTypeOf<string | undefined>();
      expectTypeOf(d.value.version).toEqualTypeOf<1>();
    } else {
      expectTypeOf(d).toEqualTypeOf<{ kind: 'text'; text: string }>();
      // @ts-expect-error only the App kind has parsed fields
      void d.value;
    }
    expectTypeOf<PoolDescriptionContent['kind']>().toEqualTypeOf<'app' | 'text'>();
  });

  test('PoolDescription: every App field optional text, version required', () => {
    expectTypeOf<{ version: 1 }>().toExtend<PoolDescription>();
    expectTypeOf<{ telegram: string; ann: string; version: 1 }>().toExtend<PoolDescription>();
    expectTypeOf<{ telegram: string }>().not.toExtend<PoolDescription>();
    expectTypeOf<{ telegram: number; version: 1 }>().not.toExtend<PoolDescription>();
  });
});
