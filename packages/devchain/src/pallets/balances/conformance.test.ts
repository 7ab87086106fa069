import { describe, expect, it } from 'vitest';
import {
  comparePallet,
  compareTypeByPath,
  hasKhala1190,
  RUNTIME_WIDE,
} from '../../../test/helpers/palletConformance.js';

describe.skipIf(!hasKhala1190)('Balances metadata matches Khala 1190', () => {
  it('storage, calls, events, errors and constants', () => {
    // MultiAddress is a runtime primitive (src/runtime/primitives.ts); it is checked on its own below.
    const { differences, ours } = comparePallet('Balances', [
      ...RUNTIME_WIDE,
      'sp_runtime::multiaddress::MultiAddress',
    ]);
    expect(ours.get('pallet index')).toBe('40');
    expect(Object.fromEntries(differences)).toEqual({});
  });

  // Khala's Address is MultiAddress<AccountId32, ()>: its AccountIndex param and `Index` variant are `()` / `Compact<()>`.
  it('MultiAddress (the call argument type)', () => {
    const [ours, theirs] = compareTypeByPath('sp_runtime::multiaddress::MultiAddress');
    expect(ours).toBe(theirs);
  });
});
