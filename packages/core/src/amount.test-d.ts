import { describe, expectTypeOf, test } from 'vitest';
import {
  type FormatPhaOptions,
  formatPha,
  type PHA_DECIMALS,
  type PLANCK_PER_PHA,
  percentToPermill,
  permillToPercent,
  pha,
} from './index.js';

describe('pha', () => {
  test('parses a decimal string, a number or whole PHA to bigint planck', () => {
    expectTypeOf(pha).returns.toEqualTypeOf<bigint>();
    expectTypeOf(pha('1.5')).toEqualTypeOf<bigint>();
    expectTypeOf(pha(1.5)).toEqualTypeOf<bigint>();
    expectTypeOf(pha(10n)).toEqualTypeOf<bigint>();
    expectTypeOf(pha).parameter(0).toEqualTypeOf<string | number | bigint>();
  });

  test('anything else does not compile', () => {
    // @ts-expect-error not an amount
    pha(true);
    // @ts-expect-error an amount is required
    pha();
    // @ts-expect-error one amount at a time
    pha('1', '2');
  });

  test('the constants are exact literals', () => {
    expectTypeOf<typeof PLANCK_PER_PHA>().toEqualTypeOf<1_000_000_000_000n>();
    expectTypeOf<typeof PHA_DECIMALS>().toEqualTypeOf<12>();
  });
});

describe('formatPha', () => {
  test('formats bigint planck as text', () => {
    expectTypeOf(formatPha(1_500_000_000_000n)).toEqualTypeOf<string>();
    expectTypeOf(formatPha(pha('1'), { decimals: 4, unit: true, group: true })).toEqualTypeOf<string>();
    expectTypeOf<FormatPhaOptions>().toEqualTypeOf<{ decimals?: number; unit?: boolean; group?: boolean }>();
  });

  test('a number is not planck', () => {
    // @ts-expect-error planck is a bigint: a number loses precision above 2^53 (9007 PHA)
    formatPha(1_500_000_000_000);
    // @ts-expect-error nor a decimal string: that is already PHA
    formatPha('1.5');
    // @ts-expect-error the unit flag is a boolean
    formatPha(1n, { unit: 'PHA' });
  });
});

describe('percent and Permill', () => {
  test('are numbers both ways', () => {
    expectTypeOf(percentToPermill(20)).toEqualTypeOf<number>();
    expectTypeOf(permillToPercent(200_000)).toEqualTypeOf<number>();
    // @ts-expect-error percent is a number
    percentToPermill('20%');
    // @ts-expect-error Permill parts are a number (u32 on chain), not bigint
    permillToPercent(200_000n);
  });
});
