import { test } from 'vitest';
import * as m from './index.js';
test('scratch', () => {
  const P = m.KHALA_TOKENOMIC_PARAMETERS;
  console.log('smin', m.minStake(P, 2000), m.formatPha(m.minStake(P, 2000)));
  for (const L of [1, 4, 5]) { const x = m.maxStake(P, 2000, L)!; console.log('smax', L, x, m.formatPha(x), m.ve(P, x, 2000, L) <= P.vMax, m.ve(P, x + 1n, 2000, L) > P.vMax); }
  const G = m.GENESIS_TOKENOMIC_PARAMETERS;
  console.log('genesis', G, m.fixedToDecimal(G.slashRate), m.fixedToDecimal(G.costK), m.fixedToDecimal(G.costB));
  console.log('minstake1000', m.minStake(G, 1000));
  console.log('ve', m.ve(G, 10n**15n, 1000, 1) === m.fixedFromDecimal('1690.0000000000000000282'), m.ve(G, 10n**15n, 1000, 4) === m.fixedFromDecimal('1612.0000000000000000247'), m.ve(G, 10n**15n, 1000, 5) === m.fixedFromDecimal('1572.9999999999999999877'));
  let z = m.ONE; for (let i=0;i<300;i++) z = m.mulF(z, G.rho); console.log('rho^300', m.fixedToDecimal(z), z === m.fixedFromDecimal('1.00019999999998037056'));
  console.log(m.powTarget(20), m.powTarget(200000));
  // worked example
  let pool: m.PoolRecord = { payoutCommission: undefined, ownerReward: 0n, rewardAcc: 0n, totalShares: 0n, totalStake: 0n, freeStake: 0n, releasingStake: 0n, withdrawQueue: [] };
  const a = m.contribute(pool, undefined, 'alice', 1000n * m.PHA); pool = a.pool; let alice = a.user;
  const b = m.contribute(pool, undefined, 'bob', 500_123_456_789_012n); pool = b.pool; let bob = b.user;
  console.log(a.shares, b.shares);
  pool = { ...pool, payoutCommission: 100000 };
  const r = m.receiveReward(pool, 15n * m.PHA); pool = r.pool; console.log(r.distribution, pool.rewardAcc);
  console.log(m.pendingReward(alice.shares, pool.rewardAcc, alice.rewardDebt), m.pendingReward(bob.shares, pool.rewardAcc, bob.rewardDebt));
  pool = { ...pool, freeStake: pool.freeStake - 1400n * m.PHA };
  console.log('price', m.poolSharePrice(pool), 'bob value', m.bmul(bob.shares, m.poolSharePrice(pool)!), bob.locked);
  const w = m.withdraw(pool, bob, bob.shares, 1000n); pool = w.pool; bob = w.user;
  console.log(w.withdrawal, w.queuedShares, pool, bob);
  pool = { ...pool, releasingStake: 1400n * m.PHA };
  pool = { ...pool, freeStake: pool.freeStake + 1400n * m.PHA, releasingStake: 0n };
  const q = m.serveWithdrawQueue(pool, new Map([['bob', bob], ['alice', alice]])); console.log(q.withdrawals, q.pool, q.users.get('bob'));
});
