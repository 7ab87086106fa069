import { describe, expect, it } from 'vitest';
import { ALICE, BOB, pool } from '../../test/stateFixtures.js';
import { checkSetCap, setCap } from './setCap.js';
import { setDescription } from './setDescription.js';
import { checkSetPayout, setPayout } from './setPayout.js';
import { checkWhitelistAdd } from './whitelistAdd.js';
import { checkWhitelistRemove } from './whitelistRemove.js';

describe('pool settings', () => {
  it('payout: owner only, 0–100 %', () => {
    expect(() => checkSetPayout(0n, pool(), BOB)).toThrow(expect.objectContaining({ code: 'NotPoolOwner' }));
    expect(() => setPayout(0n, 100.1)).toThrow(expect.objectContaining({ code: 'InvalidPercent' }));
  });
  it('cap ≥ total stake', () => {
    expect(() => checkSetCap(0n, pool({ totalStake: 10n }), ALICE, 9n)).toThrow(
      expect.objectContaining({ code: 'CapBelowTotalStake', cap: 9n, totalStake: 10n }),
    );
    expect(() => checkSetCap(0n, pool({ totalStake: 10n }), ALICE, 10n)).not.toThrow();
    expect(() => setCap(0n, -1n)).toThrow(expect.objectContaining({ code: 'InvalidAmount' }));
  });
  it('description ≤ 4400 bytes', () => {
    expect(() => setDescription(0n, 'é'.repeat(2201))).toThrow(
      expect.objectContaining({ code: 'DescriptionTooLong', length: 4402 }),
    );
  });
  it('whitelist', () => {
    expect(() => checkWhitelistAdd(0n, pool({ whitelist: [BOB] }), ALICE, BOB, 100)).toThrow(
      expect.objectContaining({ code: 'AlreadyWhitelisted' }),
    );
    expect(() => checkWhitelistAdd(0n, pool({ whitelist: Array(100).fill(ALICE) }), ALICE, BOB, 100)).toThrow(
      expect.objectContaining({ code: 'WhitelistFull' }),
    );
    expect(() => checkWhitelistRemove(0n, pool(), ALICE, BOB)).toThrow(
      expect.objectContaining({ code: 'NoWhitelist' }),
    );
    expect(() => checkWhitelistRemove(0n, pool({ whitelist: [ALICE] }), ALICE, BOB)).toThrow(
      expect.objectContaining({ code: 'NotWhitelisted' }),
    );
  });
});
