import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PoolOverview, WorkerView } from '@phala-mining/core';
import { PLANCK_PER_PHA } from '@phala-mining/core';
import { describe, expect, it } from 'vitest';
import { type DetectorOptions, FleetDetectors } from './detectors.js';
import { postWithRetries } from './webhook.js';

const PHA = PLANCK_PER_PHA;
const KEY = `0x${'ab'.repeat(32)}`;
const OTHER = `0x${'cd'.repeat(32)}`;

const options = (o: Partial<DetectorOptions> = {}): DetectorOptions => ({
  noPayoutSettlements: 2,
  rewardDropPercent: 50,
  rewardWindow: 2,
  claimableAbove: 10n * PHA,
  lowBalanceOps: 10,
  feePerOp: PHA / 10n,
  repeatSeconds: { default: 60 },
  ...o,
});

function worker(
  pubkey: string,
  state: WorkerView['state'],
  totalReward: bigint,
  reclaimable = false,
): WorkerView {
  return { pubkey, state, totalReward, reclaimable } as WorkerView;
}
function fleet(workers: WorkerView[], ownerReward = 0n): PoolOverview[] {
  return [{ pool: { pid: 7n, ownerReward } as PoolOverview['pool'], workers }];
}
const at = (pools: PoolOverview[], now: number, ownerFree = 100n * PHA) => ({
  pools,
  owner: 'owner',
  ownerFree,
  block: now,
  now: now * 1000,
});
const names = (alerts: { detector: string }[]) => alerts.map((a) => a.detector);

describe('FleetDetectors', () => {
  it('raises Unresponsive once per repeat interval and its end once', () => {
    const d = new FleetDetectors(options());
    expect(d.check(at(fleet([worker(KEY, 'Mining', 0n)]), 0))).toEqual([]);
    const down = d.check(at(fleet([worker(KEY, 'Unresponsive', 0n)]), 1));
    expect(down).toMatchObject([{ detector: 'unresponsive', pool: '7', worker: KEY, severity: 'critical' }]);
    expect(down[0]!.text).toBe(`worker ${KEY} in pool 7 is Unresponsive`);
    expect(d.check(at(fleet([worker(KEY, 'Unresponsive', 0n)]), 30))).toEqual([]);
    expect(names(d.check(at(fleet([worker(KEY, 'Unresponsive', 0n)]), 62)))).toEqual(['unresponsive']);
    expect(names(d.check(at(fleet([worker(KEY, 'Mining', 0n)]), 63)))).toEqual(['responsive']);
    expect(d.check(at(fleet([worker(KEY, 'Mining', 0n)]), 64))).toEqual([]);
  });

  it('counts settlements, not blocks, for a Mining worker without payout', () => {
    const d = new FleetDetectors(options({ rewardDropPercent: 0 }));
    d.check(at(fleet([worker(KEY, 'Mining', 0n), worker(OTHER, 'Mining', 0n)]), 0));
    // blocks without a settlement change nothing
    for (let i = 1; i < 5; i++)
      expect(d.check(at(fleet([worker(KEY, 'Mining', 0n), worker(OTHER, 'Mining', 0n)]), i))).toEqual([]);
    expect(d.check(at(fleet([worker(KEY, 'Mining', 0n), worker(OTHER, 'Mining', 1n)]), 5))).toEqual([]);
    const second = d.check(at(fleet([worker(KEY, 'Mining', 0n), worker(OTHER, 'Mining', 2n)]), 6));
    expect(second).toMatchObject([{ detector: 'noPayout', worker: KEY }]);
  });

  it('flags a pool payout below the trailing average', () => {
    const d = new FleetDetectors(options({ noPayoutSettlements: 0 }));
    let reward = 0n;
    const pay = (n: bigint, t: number) => {
      reward += n;
      return names(d.check(at(fleet([worker(KEY, 'Mining', reward)]), t)));
    };
    expect(pay(0n, 0)).toEqual([]);
    expect(pay(100n, 1)).toEqual([]);
    expect(pay(100n, 2)).toEqual([]);
    expect(pay(60n, 3)).toEqual([]); // 60 ≥ 50 % of 100
    expect(pay(30n, 4)).toEqual(['rewardDrop']); // 30 < 50 % of 80
  });

  it('raises withdrawalAtRisk within the margin, repeated at its interval, and not without a risk', () => {
    const d = new FleetDetectors(
      options({ withdrawalMarginSeconds: 6 * 3600, claimableAbove: undefined, lowBalanceOps: 0 }),
    );
    const pools = fleet([worker(KEY, 'Mining', 0n)]);
    const risk = (seconds: number) =>
      new Map([[7n, { seconds, shortfall: 5n * PHA, deadline: 1_000_000n + BigInt(seconds) }]]);
    expect(d.check({ ...at(pools, 0), withdrawalRisks: risk(7 * 3600) })).toEqual([]);
    const raised = d.check({ ...at(pools, 1), withdrawalRisks: risk(6 * 3600) });
    expect(raised).toMatchObject([{ detector: 'withdrawalAtRisk', severity: 'critical', pool: '7' }]);
    expect(raised[0]!.text).toBe(
      `pool 7 will stop every worker in 6 h (at ${new Date((1_000_000 + 6 * 3600) * 1000).toISOString()}) for an unmet withdrawal: 5 PHA short — see \`phala-mining pool guard 7\``,
    );
    expect(d.check({ ...at(pools, 30), withdrawalRisks: risk(5 * 3600) })).toEqual([]);
    expect(names(d.check({ ...at(pools, 62), withdrawalRisks: risk(4 * 3600) }))).toEqual([
      'withdrawalAtRisk',
    ]);
    // covered: nothing, and a new risk is raised at once
    expect(d.check({ ...at(pools, 63), withdrawalRisks: new Map() })).toEqual([]);
    expect(names(d.check({ ...at(pools, 64), withdrawalRisks: risk(60) }))).toEqual(['withdrawalAtRisk']);
    // off by default
    expect(new FleetDetectors(options()).check({ ...at(pools, 0), withdrawalRisks: risk(60) })).toEqual([]);
  });

  it('raises reclaimable, claimable and low balance', () => {
    const d = new FleetDetectors(options());
    const alerts = d.check(at(fleet([worker(KEY, 'CoolingDown', 0n, true)], 11n * PHA), 0, PHA / 2n));
    expect(names(alerts).sort()).toEqual(['claimable', 'lowBalance', 'reclaimable']);
    expect(alerts.find((a) => a.detector === 'lowBalance')!.text).toContain(
      'below the fees of 10 operations',
    );
    expect(
      new FleetDetectors(options()).check(at(fleet([worker(KEY, 'CoolingDown', 0n)], 9n * PHA), 0, 2n * PHA)),
    ).toEqual([]);
  });
});

describe('postWithRetries', () => {
  it('retries a failing endpoint with backoff, and gives up on a 4xx at once', async () => {
    let calls = 0;
    const bodies: unknown[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        calls++;
        bodies.push(JSON.parse(body));
        if (req.url === '/bad') res.writeHead(400).end();
        else res.writeHead(calls < 3 ? 503 : 200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await postWithRetries(`${base}/ok`, { text: 'hi' }, { backoffMs: 5 })).toBe(200);
      expect(calls).toBe(3);
      expect(bodies).toEqual([{ text: 'hi' }, { text: 'hi' }, { text: 'hi' }]);
      calls = 0;
      await expect(postWithRetries(`${base}/bad`, {}, { backoffMs: 5 })).rejects.toThrow(
        'webhook answered 400',
      );
      expect(calls).toBe(1);
      await expect(
        postWithRetries('http://127.0.0.1:1/', {}, { attempts: 2, backoffMs: 5 }),
      ).rejects.toThrow();
    } finally {
      server.close();
    }
  });
});
