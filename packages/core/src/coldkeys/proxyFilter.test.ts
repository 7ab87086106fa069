import { describe, expect, it } from 'vitest';
import { isSuperset, PROXY_TYPES, proxyTypeAllows } from './proxyFilter.js';

describe("Khala's proxy filter", () => {
  it('lets StakePoolManager run workers and pools but not touch money or settings', () => {
    for (const method of [
      'addWorker',
      'removeWorker',
      'startMining',
      'stopMining',
      'restartMining',
      'reclaimPoolWorker',
      'create',
    ])
      expect(proxyTypeAllows('StakePoolManager', { section: 'phalaStakePool', method })).toBe(true);
    for (const method of [
      'contribute',
      'withdraw',
      'claimRewards',
      'claimOwnerRewards',
      'setCap',
      'setPayoutPref',
      'addStakerToWhitelist',
      'setPoolDescription',
    ])
      expect(proxyTypeAllows('StakePoolManager', { section: 'phalaStakePool', method })).toBe(false);
    expect(proxyTypeAllows('StakePoolManager', { section: 'phalaRegistry', method: 'registerWorker' })).toBe(
      true,
    );
    expect(proxyTypeAllows('StakePoolManager', { section: 'phalaMq', method: 'syncOffchainMessage' })).toBe(
      true,
    );
    expect(proxyTypeAllows('StakePoolManager', { section: 'utility', method: 'batchAll' })).toBe(true);
    expect(proxyTypeAllows('StakePoolManager', { section: 'balances', method: 'transfer' })).toBe(false);
  });

  it('keeps NonTransfer away from balances and the Phala pallets', () => {
    expect(proxyTypeAllows('NonTransfer', { section: 'balances', method: 'transfer' })).toBe(false);
    expect(proxyTypeAllows('NonTransfer', { section: 'phalaStakePool', method: 'addWorker' })).toBe(false);
    expect(proxyTypeAllows('NonTransfer', { section: 'vesting', method: 'vest' })).toBe(true);
    expect(proxyTypeAllows('NonTransfer', { section: 'vesting', method: 'vestedTransfer' })).toBe(false);
    expect(proxyTypeAllows('NonTransfer', { section: 'proxy', method: 'addProxy' })).toBe(true);
    expect(proxyTypeAllows('CancelProxy', { section: 'proxy', method: 'rejectAnnouncement' })).toBe(true);
    expect(proxyTypeAllows('CancelProxy', { section: 'proxy', method: 'proxy' })).toBe(false);
    expect(proxyTypeAllows('Any', { section: 'balances', method: 'transfer' })).toBe(true);
  });

  it('orders types as is_superset does', () => {
    for (const t of PROXY_TYPES) {
      expect(isSuperset(t, t)).toBe(true);
      expect(isSuperset('Any', t)).toBe(true);
      if (t !== 'Any') expect(isSuperset(t, 'Any')).toBe(false);
      if (t !== 'Any') expect(isSuperset('NonTransfer', t)).toBe(true);
    }
    expect(isSuperset('StakePoolManager', 'Governance')).toBe(false);
  });
});
