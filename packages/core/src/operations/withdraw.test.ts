import { describe, expect, it } from 'vitest';
import { BOB, PHA, pool, staker } from '../../test/stateFixtures.js';
import { InvalidWithdrawalInputError } from '../errors/index.js';
import { checkWithdraw, sharesToWithdraw, withdraw } from './withdraw.js';

describe('withdraw rules', () => {
  const p = pool({ totalStake: 3n * PHA, totalShares: 2n * PHA });
  const s = staker({ shares: 2n * PHA, locked: 3n * PHA });
  it('converts amounts at the share price and caps at everything', () => {
    expect(sharesToWithdraw({ amount: 15n * (PHA / 10n) }, p, s)).toBe(PHA);
    expect(sharesToWithdraw({ amount: 100n * PHA }, p, s)).toBe(2n * PHA);
    expect(sharesToWithdraw({ all: true }, p, s)).toBe(2n * PHA);
  });
  it('checks stake, dust, holdings, pool in the chain order', () => {
    expect(() => checkWithdraw(0n, undefined, BOB, undefined, 5000n)).toThrow(
      expect.objectContaining({ code: 'NoStake' }),
    );
    expect(() => checkWithdraw(0n, p, BOB, s, 1000n)).toThrow(
      expect.objectContaining({ code: 'InvalidWithdrawal' }),
    );
    expect(() => checkWithdraw(0n, p, BOB, s, 2n * PHA + 1n)).toThrow(
      expect.objectContaining({ code: 'InvalidWithdrawal', available: 2n * PHA }),
    );
    expect(() => checkWithdraw(0n, undefined, BOB, s, 5000n)).toThrow(
      expect.objectContaining({ code: 'PoolNotFound' }),
    );
    expect(() => checkWithdraw(0n, p, BOB, s, 1001n)).not.toThrow();
  });
  it('rejects malformed input at once', () => {
    expect(() => withdraw(0n, { shares: 0n })).toThrow(InvalidWithdrawalInputError);
    expect(() => withdraw(0n, {} as never)).toThrow(InvalidWithdrawalInputError);
    expect(() => withdraw(0n, { shares: 5_000n, all: true } as never)).toThrow(InvalidWithdrawalInputError);
    expect(() => withdraw(0n, { shares: 5_000n, amount: 10n } as never)).toThrow(InvalidWithdrawalInputError);
  });
});
