import {
  B,
  fromInt,
  GENESIS_TOKENOMIC_PARAMETERS,
  halveBudget,
  KHALA_TOKENOMIC_PARAMETERS,
  maxStake,
  minStake,
  powTarget,
  U256_MAX,
  ve,
} from '@phala-mining/math';
import { beforeAll, describe, expect, it } from 'vitest';
import { freeBalance } from '../../src/pallets/balances/index.js';
import {
  bind,
  CoolDownPeriod,
  currentChallenge,
  ExpectedHeartbeatCount,
  fromStorageParams,
  HeartbeatPaused,
  MinerBindings,
  Miners,
  Mining,
  MiningHalvingInterval,
  MiningStartBlock,
  NextSessionId,
  OnlineMiners,
  reclaim,
  ScheduledTokenomicUpdate,
  Stakes,
  SUBSIDY_POOL_ACCOUNT,
  startMining,
  stopMining,
  TokenomicParameters,
  toStorageParams,
  unbindMiner,
  WorkerBindings,
} from '../../src/pallets/phala/mining/index.js';
import { GatekeeperEvent } from '../../src/pallets/phala/mining/types.js';
import {
  MiningInfoUpdateEvent,
  MiningReportEvent,
  OutboundMessages,
  RuntimePanic,
  SystemEvent,
  TOPICS,
  utf8Hex,
} from '../../src/pallets/phala/mq/index.js';
import { Workers } from '../../src/pallets/phala/registry/index.js';
import { TREASURY_ACCOUNT } from '../../src/runtime/accounts.js';
import { decodeAll, type Hex } from '../../src/scale/types.js';
import {
  accountOf,
  callOf,
  deliver,
  errorOf,
  eventNames,
  eventsOf,
  moduleError,
  PHA,
  phalaExt,
  ROOT,
  ready,
  registerWorker,
  runCall,
  START_MS,
  signed,
  snapshot,
  worker,
} from '../helpers/palletTest.js';

const OPERATOR = accountOf(1);
const OTHER = accountOf(2);
const MINER = accountOf(0x50);
const MINER2 = accountOf(0x51);
const W = worker(0xaa);
const W2 = worker(0xbb);
const P = 2000;
const err = (name: string) => moduleError(Mining, name);
const SMIN = minStake(GENESIS_TOKENOMIC_PARAMETERS, P);

beforeAll(ready);

function boundExt() {
  const ext = phalaExt();
  registerWorker(ext, W, OPERATOR, P);
  bind(ext, MINER, W);
  ext.events.length = 0;
  return ext;
}

function miningExt(stake = SMIN) {
  const ext = boundExt();
  startMining(ext, MINER, stake);
  ext.events.length = 0;
  return ext;
}

function outboundSystemEvents(ext: ReturnType<typeof phalaExt>) {
  return OutboundMessages.get(ext.state)
    .filter((m) => m.destination === TOPICS.systemEvent)
    .map((m) => decodeAll(SystemEvent, m.payload));
}

describe('genesis', () => {
  it('writes the default tokenomics and a 7-day cooldown', () => {
    const ext = phalaExt();
    expect(TokenomicParameters.get(ext.state)).toEqual(toStorageParams(GENESIS_TOKENOMIC_PARAMETERS));
    expect(CoolDownPeriod.get(ext.state)).toBe(604_800n);
    expect(MiningHalvingInterval.get(ext.state)).toBeUndefined();
  });
  it('production tokenomics come with the halving schedule', () => {
    const ext = phalaExt({ tokenomics: 'production' });
    expect(TokenomicParameters.get(ext.state)).toEqual(toStorageParams(KHALA_TOKENOMIC_PARAMETERS));
    expect(MiningStartBlock.get(ext.state)).toBe(0);
    expect(MiningHalvingInterval.get(ext.state)).toBe(1_296_000);
  });
});

describe('bind / unbind', () => {
  it('binds a benchmarked worker and creates a Ready miner', () => {
    const ext = phalaExt();
    registerWorker(ext, W, OPERATOR, P);
    ext.events.length = 0;
    bind(ext, MINER, W);
    expect(MinerBindings.get(ext.state, MINER)).toBe(W);
    expect(WorkerBindings.get(ext.state, W)).toBe(MINER);
    const info = Miners.get(ext.state, MINER)!;
    expect(info.state).toBe('Ready');
    expect(info.benchmark.mining_start_time).toBe(BigInt(START_MS / 1000));
    expect(eventsOf(ext, 'PhalaMining')).toEqual([
      { name: 'PhalaMining.MinerBound', fields: { miner: MINER, worker: W } },
    ]);
  });

  it('rejects bind in Khala order', () => {
    const ext = boundExt();
    expect(errorOf(() => bind(ext, MINER2, W2))).toEqual(err('WorkerNotRegistered'));
    runCall(
      ext,
      ROOT,
      callOf('PhalaRegistry', 'force_register_worker', { pubkey: W2, ecdh_pubkey: W2, operator: OPERATOR }),
    );
    expect(errorOf(() => bind(ext, MINER2, W2))).toEqual(err('BenchmarkMissing'));
    registerWorker(ext, W2, OPERATOR, P);
    expect(errorOf(() => bind(ext, MINER, W2))).toEqual(err('DuplicateBoundMiner'));
    expect(errorOf(() => bind(ext, MINER2, W))).toEqual(err('DuplicateBoundWorker'));
    // a miner cooling down after a forced unbind cannot be rebound
    startMining(ext, MINER, SMIN);
    unbindMiner(ext, MINER, false);
    expect(Miners.get(ext.state, MINER)!.state).toBe('MiningCoolingDown');
    expect(errorOf(() => bind(ext, MINER, W2))).toEqual(err('MinerNotReady'));
  });

  it('unbind (call): checks binding, registration and operator; stops a mining miner first', () => {
    const ext = miningExt();
    const before = snapshot(ext);
    expect(runCall(ext, ROOT, callOf('PhalaMining', 'unbind', { miner: MINER }))).toBe('BadOrigin');
    expect(runCall(ext, signed(OPERATOR), callOf('PhalaMining', 'unbind', { miner: MINER2 }))).toEqual(
      err('MinerNotBound'),
    );
    expect(runCall(ext, signed(OTHER), callOf('PhalaMining', 'unbind', { miner: MINER }))).toEqual(
      err('BadSender'),
    );
    expect(snapshot(ext)).toEqual(before);
    expect(runCall(ext, signed(OPERATOR), callOf('PhalaMining', 'unbind', { miner: MINER }))).toBeUndefined();
    expect(eventNames(ext, 'PhalaMining')).toEqual(['PhalaMining.MinerStopped', 'PhalaMining.MinerUnbound']);
    expect(MinerBindings.has(ext.state, MINER)).toBe(false);
    expect(WorkerBindings.has(ext.state, W)).toBe(false);
    expect(Miners.get(ext.state, MINER)!.state).toBe('MiningCoolingDown');
    expect(Stakes.get(ext.state, MINER)).toBe(SMIN);
    expect(OnlineMiners.get(ext.state)).toBe(0);
  });

  it('unbind (call) of a worker no longer registered fails with WorkerNotRegistered', () => {
    const ext = boundExt();
    Workers.remove(ext.state, W);
    const before = snapshot(ext);
    expect(runCall(ext, signed(OPERATOR), callOf('PhalaMining', 'unbind', { miner: MINER }))).toEqual(
      err('WorkerNotRegistered'),
    );
    expect(snapshot(ext)).toEqual(before);
  });

  it('unbindMiner of an unbound miner fails with MinerNotBound', () => {
    const ext = phalaExt();
    expect(errorOf(() => unbindMiner(ext, MINER, true))).toEqual(err('MinerNotBound'));
  });
});

describe('start mining', () => {
  it('starts with Smin and records Ve, stake, session and the MiningStart message', () => {
    const ext = boundExt();
    startMining(ext, MINER, SMIN);
    const expectedVe = ve(GENESIS_TOKENOMIC_PARAMETERS, SMIN, P, 1);
    const info = Miners.get(ext.state, MINER)!;
    expect(info).toMatchObject({
      state: 'MiningIdle',
      ve: expectedVe,
      v: expectedVe,
      v_updated_at: BigInt(START_MS / 1000),
    });
    expect(info.benchmark.p_init).toBe(P);
    expect(Stakes.get(ext.state, MINER)).toBe(SMIN);
    expect(OnlineMiners.get(ext.state)).toBe(1);
    expect(NextSessionId.get(ext.state)).toBe(1);
    expect(eventsOf(ext, 'PhalaMining')).toEqual([
      { name: 'PhalaMining.MinerStarted', fields: { miner: MINER, init_v: expectedVe, init_p: P } },
    ]);
    expect(outboundSystemEvents(ext)).toContainEqual({
      tag: 'WorkerEvent',
      value: {
        pubkey: W,
        event: { tag: 'MiningStart', value: { session_id: 0, init_v: expectedVe, init_p: P } },
      },
    });
  });

  it('accepts exactly Smax and rejects one planck more (TooMuchStake)', () => {
    const smax = maxStake(GENESIS_TOKENOMIC_PARAMETERS, P, 1)!;
    const ext = boundExt();
    expect(errorOf(() => ext.transactional(() => startMining(ext, MINER, smax + 1n)))).toEqual(
      err('TooMuchStake'),
    );
    startMining(ext, MINER, smax);
    expect(Stakes.get(ext.state, MINER)).toBe(smax);
  });

  it('force_start_mining reports every error without changing state', () => {
    const ext = boundExt();
    const start = (miner: Hex, stake: bigint) =>
      runCall(ext, ROOT, callOf('PhalaMining', 'force_start_mining', { miner, stake }));
    const before = snapshot(ext);
    expect(
      runCall(
        ext,
        signed(OPERATOR),
        callOf('PhalaMining', 'force_start_mining', { miner: MINER, stake: SMIN }),
      ),
    ).toBe('BadOrigin');
    expect(start(MINER2, SMIN)).toEqual(err('MinerNotFound'));
    expect(start(MINER, SMIN - 1n)).toEqual(err('InsufficientStake'));
    expect(start(MINER, 100_000n * PHA)).toEqual(err('TooMuchStake'));
    expect(snapshot(ext)).toEqual(before);

    const params = TokenomicParameters.get(ext.state)!;
    TokenomicParameters.kill(ext.state);
    expect(start(MINER, SMIN)).toEqual(err('InternalErrorBadTokenomicParameters'));
    TokenomicParameters.set(ext.state, params);

    const info = Workers.get(ext.state, W)!;
    Workers.set(ext.state, W, { ...info, initial_score: 49 });
    expect(start(MINER, SMIN)).toEqual(err('BenchmarkTooLow'));
    Workers.set(ext.state, W, { ...info, initial_score: undefined });
    expect(start(MINER, SMIN)).toEqual(err('BenchmarkMissing'));
    Workers.set(ext.state, W, info);

    Stakes.set(ext.state, MINER, 1n);
    expect(start(MINER, SMIN)).toEqual(err('InternalErrorCannotStartWithExistingStake'));
    Stakes.remove(ext.state, MINER);

    expect(start(MINER, SMIN)).toBeUndefined();
    expect(start(MINER, SMIN)).toEqual(err('MinerNotReady'));
  });

  it('BenchmarkTooLow is checked before the stake', () => {
    const ext = phalaExt();
    registerWorker(ext, W, OPERATOR, 49);
    bind(ext, MINER, W);
    expect(errorOf(() => startMining(ext, MINER, 0n))).toEqual(err('BenchmarkTooLow'));
  });

  it('confidence levels 4 and 5 allow a larger stake', () => {
    const p = GENESIS_TOKENOMIC_PARAMETERS;
    expect(maxStake(p, P, 5)!).toBeGreaterThan(maxStake(p, P, 4)!);
    const ext = phalaExt();
    registerWorker(ext, W, OPERATOR, P, 5);
    bind(ext, MINER, W);
    startMining(ext, MINER, maxStake(p, P, 5)!);
    expect(Miners.get(ext.state, MINER)!.ve).toBeLessThanOrEqual(p.vMax);
  });
});

describe('stop, cool down, reclaim', () => {
  it('stop → CoolingDown; reclaim only after the cooldown', () => {
    const ext = miningExt();
    const stopAt = ext.nowSeconds;
    expect(runCall(ext, ROOT, callOf('PhalaMining', 'force_stop_mining', { miner: MINER }))).toBeUndefined();
    expect(Miners.get(ext.state, MINER)).toMatchObject({
      state: 'MiningCoolingDown',
      cool_down_start: stopAt,
    });
    expect(OnlineMiners.get(ext.state)).toBe(0);
    expect(eventNames(ext, 'PhalaMining')).toEqual(['PhalaMining.MinerStopped']);
    expect(outboundSystemEvents(ext)).toContainEqual({
      tag: 'WorkerEvent',
      value: { pubkey: W, event: { tag: 'MiningStop' } },
    });

    ext.nowMs += 604_799_000;
    const before = snapshot(ext);
    expect(errorOf(() => ext.transactional(() => reclaim(ext, MINER, true)))).toEqual(
      err('CoolDownNotReady'),
    );
    expect(snapshot(ext)).toEqual(before);
    ext.nowMs += 1000;
    ext.events.length = 0;
    expect(reclaim(ext, MINER, true)).toEqual({ originalStake: SMIN, slashed: 0n });
    expect(Miners.get(ext.state, MINER)).toMatchObject({ state: 'Ready', cool_down_start: 0n });
    expect(Stakes.has(ext.state, MINER)).toBe(false);
    expect(eventsOf(ext, 'PhalaMining')).toEqual([
      { name: 'PhalaMining.MinerReclaimed', fields: { miner: MINER, original_stake: SMIN, slashed: 0n } },
    ]);
  });

  it('reclaim without the cooldown check (restart) still needs CoolingDown', () => {
    const ext = miningExt();
    expect(errorOf(() => reclaim(ext, MINER, false))).toEqual(err('CoolDownNotReady'));
    expect(errorOf(() => reclaim(ext, MINER2, false))).toEqual(err('MinerNotFound'));
    stopMining(ext, MINER);
    expect(reclaim(ext, MINER, false).originalStake).toBe(SMIN);
  });

  it('stop errors: MinerNotBound, MinerNotMining', () => {
    const ext = boundExt();
    const stop = (miner: Hex) => runCall(ext, ROOT, callOf('PhalaMining', 'force_stop_mining', { miner }));
    const before = snapshot(ext);
    expect(stop(MINER2)).toEqual(err('MinerNotBound'));
    expect(stop(MINER)).toEqual(err('MinerNotMining'));
    expect(runCall(ext, signed(OPERATOR), callOf('PhalaMining', 'force_stop_mining', { miner: MINER }))).toBe(
      'BadOrigin',
    );
    expect(snapshot(ext)).toEqual(before);
    startMining(ext, MINER, SMIN);
    stopMining(ext, MINER);
    expect(stop(MINER)).toEqual(err('MinerNotMining'));
  });

  it('set_cool_down_expiration is root only', () => {
    const ext = phalaExt();
    expect(
      runCall(ext, signed(OPERATOR), callOf('PhalaMining', 'set_cool_down_expiration', { period: 5n })),
    ).toBe('BadOrigin');
    expect(
      runCall(ext, ROOT, callOf('PhalaMining', 'set_cool_down_expiration', { period: 5n })),
    ).toBeUndefined();
    expect(CoolDownPeriod.get(ext.state)).toBe(5n);
    expect(eventsOf(ext, 'PhalaMining')).toEqual([
      { name: 'PhalaMining.CoolDownExpirationChanged', fields: { period: 5n } },
    ]);
  });
});

describe('worker heartbeat', () => {
  const beat = (challengeTimeMs: bigint, iterations: bigint) =>
    ({
      tag: 'Heartbeat',
      value: { session_id: 0, challenge_block: 1, challenge_time: challengeTimeMs, iterations },
    }) as const;

  it('p_instant = min(Δiter·6/Δs, p_init·1.2), Δs from the previous challenge time', () => {
    const ext = miningExt();
    const t0 = BigInt(START_MS);
    expect(
      deliver(ext, { tag: 'Worker', value: W }, TOPICS.miningReport, MiningReportEvent, beat(t0, 1000n)),
    ).toBeUndefined();
    // the first heartbeat measures against challenge_time_last = 0: practically zero
    expect(Miners.get(ext.state, MINER)!.benchmark).toMatchObject({
      p_instant: 0,
      iterations: 1000n,
      challenge_time_last: t0 / 1000n,
    });
    ext.nowMs += 120_000;
    ext.events.length = 0;
    // 120 s later, 30000 iterations more: 30000·6/120 = 1500
    deliver(
      ext,
      { tag: 'Worker', value: W },
      TOPICS.miningReport,
      MiningReportEvent,
      beat(t0 + 120_000n, 31_000n),
    );
    expect(Miners.get(ext.state, MINER)!.benchmark.p_instant).toBe(1500);
    expect(eventsOf(ext, 'PhalaMining')).toEqual([
      { name: 'PhalaMining.BenchmarkUpdated', fields: { miner: MINER, p_instant: 1500 } },
    ]);
    // far more iterations are capped at 1.2 × p_init
    ext.nowMs += 120_000;
    deliver(
      ext,
      { tag: 'Worker', value: W },
      TOPICS.miningReport,
      MiningReportEvent,
      beat(t0 + 240_000n, 10_000_000n),
    );
    expect(Miners.get(ext.state, MINER)!.benchmark.p_instant).toBe(2400);
    // a decreasing counter restarts the count from the reported value
    ext.nowMs += 60_000;
    deliver(
      ext,
      { tag: 'Worker', value: W },
      TOPICS.miningReport,
      MiningReportEvent,
      beat(t0 + 300_000n, 5n),
    );
    expect(Miners.get(ext.state, MINER)!.benchmark).toMatchObject({ p_instant: 0, iterations: 5n });
  });

  it('ignores heartbeats of unbound workers and panics on a heartbeat from the past', () => {
    const ext = miningExt();
    const before = snapshot(ext);
    expect(
      deliver(ext, { tag: 'Worker', value: W2 }, TOPICS.miningReport, MiningReportEvent, beat(0n, 1n)),
    ).toEqual(expect.objectContaining({ error: err('WorkerNotBound') }));
    expect(snapshot(ext)).toEqual(before);
    deliver(
      ext,
      { tag: 'Worker', value: W },
      TOPICS.miningReport,
      MiningReportEvent,
      beat(BigInt(START_MS), 1n),
    );
    expect(() =>
      deliver(
        ext,
        { tag: 'Worker', value: W },
        TOPICS.miningReport,
        MiningReportEvent,
        beat(BigInt(START_MS), 2n),
      ),
    ).toThrow(RuntimePanic);
  });
});

describe('gatekeeper reports', () => {
  const GK = { tag: 'Gatekeeper' } as const;
  const report = (
    timestampMs: bigint,
    fields: Partial<{ offline: Hex[]; recovered_to_online: Hex[]; settle: any[] }>,
  ) => ({
    block_number: 2,
    timestamp_ms: timestampMs,
    offline: [],
    recovered_to_online: [],
    settle: [],
    ...fields,
  });

  it('offline → MiningUnresponsive, recovered → MiningIdle; others are skipped', () => {
    const ext = miningExt();
    registerWorker(ext, W2, OPERATOR, P);
    bind(ext, MINER2, W2); // Ready: skipped
    ext.events.length = 0;
    deliver(
      ext,
      GK,
      TOPICS.miningUpdate,
      MiningInfoUpdateEvent,
      report(BigInt(START_MS), { offline: [W, W2, worker(0xcc)] }),
    );
    expect(Miners.get(ext.state, MINER)!.state).toBe('MiningUnresponsive');
    expect(Miners.get(ext.state, MINER2)!.state).toBe('Ready');
    expect(eventsOf(ext, 'PhalaMining')).toEqual([
      { name: 'PhalaMining.MinerEnterUnresponsive', fields: { miner: MINER } },
    ]);
    expect(outboundSystemEvents(ext)).toContainEqual({
      tag: 'WorkerEvent',
      value: { pubkey: W, event: { tag: 'MiningEnterUnresponsive' } },
    });
    ext.events.length = 0;
    deliver(
      ext,
      GK,
      TOPICS.miningUpdate,
      MiningInfoUpdateEvent,
      report(BigInt(START_MS), { recovered_to_online: [W, W2] }),
    );
    expect(Miners.get(ext.state, MINER)!.state).toBe('MiningIdle');
    expect(eventsOf(ext, 'PhalaMining')).toEqual([
      { name: 'PhalaMining.MinerExitUnresponsive', fields: { miner: MINER } },
    ]);
  });

  it('settles V and the treasury share; drops stale settlements; only the gatekeeper may report', () => {
    const ext = miningExt();
    const v = fromInt(3000n);
    const payout = fromInt(8n);
    const treasury = fromInt(2n);
    const settle = [{ pubkey: W, v, payout, treasury }];
    const before = snapshot(ext);
    expect(
      deliver(
        ext,
        { tag: 'Worker', value: W },
        TOPICS.miningUpdate,
        MiningInfoUpdateEvent,
        report(BigInt(START_MS + 12_000), { settle }),
      ),
    ).toEqual(expect.objectContaining({ error: err('BadSender') }));
    expect(snapshot(ext)).toEqual(before);

    // reported in the same second the miner started: its V is newer, the settlement is dropped
    deliver(ext, GK, TOPICS.miningUpdate, MiningInfoUpdateEvent, report(BigInt(START_MS), { settle }));
    expect(eventsOf(ext, 'PhalaMining')).toEqual([
      { name: 'PhalaMining.MinerSettlementDropped', fields: { miner: MINER, v, payout } },
    ]);
    expect(Miners.get(ext.state, MINER)!.v).not.toBe(v);

    ext.events.length = 0;
    ext.nowMs += 12_000;
    const pool = freeBalance(ext.state, SUBSIDY_POOL_ACCOUNT);
    const treasuryBefore = freeBalance(ext.state, TREASURY_ACCOUNT);
    deliver(
      ext,
      GK,
      TOPICS.miningUpdate,
      MiningInfoUpdateEvent,
      report(BigInt(START_MS + 12_000), { settle }),
    );
    expect(eventsOf(ext, 'PhalaMining')).toEqual([
      { name: 'PhalaMining.MinerSettled', fields: { miner: MINER, v_bits: v, payout_bits: payout } },
    ]);
    expect(Miners.get(ext.state, MINER)).toMatchObject({
      v,
      v_updated_at: ext.nowSeconds,
      stats: { total_reward: B(payout) },
    });
    expect(freeBalance(ext.state, SUBSIDY_POOL_ACCOUNT)).toBe(pool - 2n * PHA);
    expect(freeBalance(ext.state, TREASURY_ACCOUNT)).toBe(treasuryBefore + 2n * PHA);
  });

  it('a treasury share the subsidy pool cannot pay is InternalErrorMinerSettleFailed', () => {
    const ext = miningExt();
    ext.nowMs += 12_000;
    const settle = [{ pubkey: W, v: 1n, payout: 0n, treasury: fromInt(100_000_000n) }];
    deliver(ext, GK, TOPICS.miningUpdate, MiningInfoUpdateEvent, report(BigInt(ext.nowMs), { settle }));
    expect(eventNames(ext, 'PhalaMining')).toEqual(['PhalaMining.InternalErrorMinerSettleFailed']);
  });
});

describe('on_finalize', () => {
  it('broadcasts the heartbeat challenge unless paused', () => {
    const ext = miningExt();
    Mining.spec.onFinalize!(ext);
    const challenges = outboundSystemEvents(ext).filter((e) => e.tag === 'HeartbeatChallenge');
    expect(challenges).toHaveLength(1);
    expect(challenges[0]!.value).toEqual(currentChallenge(ext));
    expect((challenges[0]!.value as { online_target: bigint }).online_target).toBe(powTarget(1));

    const paused = miningExt();
    expect(
      runCall(paused, signed(OPERATOR), callOf('PhalaMining', 'set_heartbeat_paused', { paused: true })),
    ).toBe('BadOrigin');
    expect(
      runCall(paused, ROOT, callOf('PhalaMining', 'set_heartbeat_paused', { paused: true })),
    ).toBeUndefined();
    expect(HeartbeatPaused.get(paused.state)).toBe(true);
    Mining.spec.onFinalize!(paused);
    expect(outboundSystemEvents(paused).filter((e) => e.tag === 'HeartbeatChallenge')).toHaveLength(0);
  });

  it('force_heartbeat challenges every worker', () => {
    const ext = phalaExt();
    ExpectedHeartbeatCount.set(ext.state, 5);
    expect(runCall(ext, ROOT, callOf('PhalaMining', 'force_heartbeat'))).toBeUndefined();
    expect(outboundSystemEvents(ext)).toEqual([
      { tag: 'HeartbeatChallenge', value: { seed: 0n, online_target: U256_MAX } },
    ]);
  });

  it('update_tokenomic takes effect at the end of the block', () => {
    const ext = phalaExt();
    const next = { ...toStorageParams(GENESIS_TOKENOMIC_PARAMETERS), k: fromInt(7n) };
    expect(
      runCall(ext, signed(OPERATOR), callOf('PhalaMining', 'update_tokenomic', { new_params: next })),
    ).toBe('BadOrigin');
    expect(
      runCall(ext, ROOT, callOf('PhalaMining', 'update_tokenomic', { new_params: next })),
    ).toBeUndefined();
    expect(TokenomicParameters.get(ext.state)!.k).toBe(GENESIS_TOKENOMIC_PARAMETERS.k);
    Mining.spec.onFinalize!(ext);
    expect(TokenomicParameters.get(ext.state)).toEqual(next);
    expect(ScheduledTokenomicUpdate.get(ext.state)).toBeUndefined();
    expect(eventNames(ext, 'PhalaMining')).toEqual(['PhalaMining.TokenomicParametersChanged']);
    const gk = OutboundMessages.get(ext.state).filter((m) => m.destination === TOPICS.gatekeeperEvent);
    expect(gk.map((m) => decodeAll(GatekeeperEvent, m.payload))).toEqual([
      { tag: 'TokenomicParametersChanged', value: next },
    ]);
    expect(gk[0]!.sender).toEqual({ tag: 'Pallet', value: utf8Hex('PhalaMining') });
  });

  it('halves the budget at the last block of each interval', () => {
    const at = (blockNumber: number) => {
      const ext = phalaExt({ tokenomics: 'production', blockNumber });
      MiningHalvingInterval.set(ext.state, 10);
      Mining.spec.onFinalize!(ext);
      return ext;
    };
    const halved = at(9);
    expect(eventNames(halved, 'PhalaMining')).toEqual([
      'PhalaMining.SubsidyBudgetHalved',
      'PhalaMining.TokenomicParametersChanged',
    ]);
    expect(fromStorageParams(TokenomicParameters.get(halved.state)!)).toEqual(
      halveBudget(KHALA_TOKENOMIC_PARAMETERS),
    );
    expect(eventNames(at(10), 'PhalaMining')).toEqual([]);
    expect(eventNames(at(19), 'PhalaMining')).toEqual([
      'PhalaMining.SubsidyBudgetHalved',
      'PhalaMining.TokenomicParametersChanged',
    ]);

    const broken = phalaExt({ blockNumber: 9 });
    MiningHalvingInterval.set(broken.state, 10);
    TokenomicParameters.kill(broken.state);
    Mining.spec.onFinalize!(broken);
    expect(eventNames(broken, 'PhalaMining')).toEqual(['PhalaMining.InternalErrorWrongHalvingConfigured']);
  });
});
