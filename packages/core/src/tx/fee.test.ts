import { describe, expect, it } from 'vitest';
import { assertFeeCovered, type FeeBalance, feeAndDepositAvailable, spendableForFee } from './fee.js';

const ED = 10n;
const balance = (b: Partial<FeeBalance>): FeeBalance => {
  const base = {
    address: 'x',
    free: 0n,
    reserved: 0n,
    feeFrozen: 0n,
    miscFrozen: 0n,
    existentialDeposit: ED,
    ...b,
  };
  return { ...base, forFee: spendableForFee(base) };
};

describe('the fee rule (pallet-balances withdraw, keep-alive, fee reason)', () => {
  it('keeps the ED unless the reserved balance covers it, and the fee locks', () => {
    expect(balance({ free: 100n }).forFee).toBe(90n);
    expect(balance({ free: 100n, reserved: 4n }).forFee).toBe(94n);
    expect(balance({ free: 100n, reserved: 50n }).forFee).toBe(100n);
    expect(balance({ free: 100n, feeFrozen: 60n }).forFee).toBe(40n);
    // a lock that does not cover fees (misc only) does not limit them
    expect(balance({ free: 100n, miscFrozen: 60n }).forFee).toBe(90n);
    expect(balance({ free: 5n }).forFee).toBe(0n);
  });

  it('a deposit must also stay above miscFrozen once the fee is paid', () => {
    // fee-bound: forFee 90 + deposit
    expect(feeAndDepositAvailable(balance({ free: 100n }), 5n)).toBe(95n);
    // reserve-bound: free − miscFrozen = 40
    expect(feeAndDepositAvailable(balance({ free: 100n, miscFrozen: 60n }), 5n)).toBe(40n);
    const b = balance({ free: 100n, miscFrozen: 60n });
    expect(() => assertFeeCovered(b, 35n, 5n)).not.toThrow();
    expect(() => assertFeeCovered(b, 36n, 5n)).toThrow(
      expect.objectContaining({ code: 'InsufficientFeeBalance', fee: 36n, deposit: 5n, available: 40n }),
    );
    expect(() => assertFeeCovered(balance({ free: 100n }), 91n, 0n)).toThrow(
      expect.objectContaining({ available: 90n }),
    );
    expect(() => assertFeeCovered(balance({ free: 0n }), 0n, 0n)).not.toThrow();
  });
});
