import { describe, expect, it } from 'vitest';
import { comparePallet, RUNTIME_WIDE } from '../../../test/helpers/palletConformance.js';

// MultiAddress and the outer RuntimeCall are runtime-wide and checked on their own (balances, utility tests).
const opaque = [...RUNTIME_WIDE, 'sp_runtime::multiaddress::MultiAddress'];

describe('Proxy and Multisig metadata match Khala 1190', () => {
  it('Proxy: calls, events, errors, storage and constants', () => {
    const { differences, ours } = comparePallet('Proxy', opaque);
    expect(ours.get('pallet index')).toBe('5');
    expect(Object.fromEntries(differences)).toEqual({});
  });
  it('Multisig: calls, events, errors, storage and constants', () => {
    // max_weight is the dev chain's runtime-wide Weight (src/pallets/multisig/index.ts says why).
    const { differences, ours } = comparePallet('Multisig', [...opaque, 'sp_weights::weight_v2::Weight']);
    expect(ours.get('pallet index')).toBe('4');
    expect(Object.fromEntries(differences)).toEqual({});
  });
});
