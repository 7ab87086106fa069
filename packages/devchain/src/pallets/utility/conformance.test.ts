import { describe, expect, it } from 'vitest';
import { comparePallet, compareTypeByPath, hasKhala1190 } from '../../../test/helpers/palletConformance.js';

describe.skipIf(!hasKhala1190)('Utility metadata matches Khala 1190', () => {
  it('calls, events, errors and constants', () => {
    const { differences, ours } = comparePallet('Utility');
    expect(ours.get('pallet index')).toBe('3');
    expect(Object.fromEntries(differences)).toEqual({});
  });

  it('the system origin dispatch_as accepts (OriginCaller::system)', () => {
    const [ours, theirs] = compareTypeByPath('frame_support::dispatch::RawOrigin');
    expect(ours).toBeDefined();
    expect(ours).toBe(theirs);
  });
});
