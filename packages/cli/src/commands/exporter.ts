import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MiningClient, type PoolOverview, withdrawalRisk } from '@phala-mining/core';
import { Command } from 'commander';
import { combineLatest, distinctUntilChanged, map, type Observable, of } from 'rxjs';
import { parseAccount, parseAmount, parsePid } from '../args.js';
import { UsageError } from '../errors.js';
import { type DetectorOptions, FleetDetectors, type WithdrawalAtRisk } from '../fleet/detectors.js';
import { FleetMetrics } from '../fleet/metrics.js';
import { WebhookQueue } from '../fleet/webhook.js';
import { toJson } from '../format.js';
import { parseDuration } from '../guardian/guard.js';
import type { Session } from '../session.js';
import type { Action } from './action.js';

interface ExporterOptions {
  listen: string;
  owner?: string;
  pools?: string;
  webhook?: string;
  unpaidSettlements: string;
  rewardDrop: string;
  rewardWindow: string;
  claimableAbove?: string;
  lowBalanceOps: string;
  repeat: string;
  withdrawalMargin: string;
}

function parseListen(text: string): { host: string; port: number } {
  const m = /^(.*):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[2]) : Number.NaN;
  if (!m?.[1] || port > 65_535)
    throw new UsageError(`--listen must be host:port, got ${JSON.stringify(text)}`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

function count(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`${name} must be a number ≥ 0, got ${JSON.stringify(text)}`);
  return n;
}

/** The pools to export: the owner's fleet (one batched subscription) or the listed pools. */
function source$(
  client: MiningClient,
  owner: string | undefined,
  pids: bigint[] | undefined,
): Observable<PoolOverview[]> {
  if (pids === undefined) return client.fleet$(owner!).pipe(map((f) => f.pools));
  if (pids.length === 0) return of([]);
  return combineLatest(pids.map((pid) => client.poolOverview$(pid))).pipe(
    map((list) => list.filter((p): p is PoolOverview => p !== undefined)),
  );
}

// the fee of one stake pool call, for "balance below the fees of N operations"; paymentInfo needs no valid state
async function feePerOperation(client: MiningClient, owner: string): Promise<bigint | undefined> {
  try {
    const tx = client.api.tx.phalaStakePool.stopMining(0, `0x${'00'.repeat(32)}`);
    const info = await tx.paymentInfo(owner);
    return info.partialFee.toBigInt();
  } catch {
    return undefined;
  }
}

/** The withdrawal guardian's verdict for each pool the chain will stop entirely (core's rule, at chain time `now`). */
function forcedStops(
  pools: readonly PoolOverview[],
  now: bigint,
  gracePeriod: bigint,
): Map<bigint, WithdrawalAtRisk> {
  const out = new Map<bigint, WithdrawalAtRisk>();
  for (const { pool, workers } of pools) {
    const risk = withdrawalRisk({ pool, workers, now, gracePeriod });
    if (!risk.atRisk) continue;
    const left = risk.timeLeft!;
    out.set(pool.pid, {
      seconds: Number(left > 0n ? left : 0n),
      shortfall: risk.shortfall,
      deadline: risk.deadline!,
    });
  }
  return out;
}

async function runExporter(s: Session, o: ExporterOptions): Promise<void> {
  const listen = parseListen(o.listen);
  if (o.owner !== undefined && o.pools !== undefined)
    throw new UsageError('give --owner or --pools, not both');
  const pids = o.pools?.split(',').map((p) => parsePid(p.trim()));
  let owner = o.owner === undefined ? undefined : parseAccount(o.owner, s.ss58);
  if (owner === undefined && pids === undefined) {
    const key = await s.key();
    if (!key) throw new UsageError('give --owner, --pools, or a key whose pools to watch');
    owner = key.address;
  }
  const repeat = count('--repeat', o.repeat);
  const detectorOptions: Omit<DetectorOptions, 'feePerOp'> = {
    noPayoutSettlements: count('--unpaid-settlements', o.unpaidSettlements),
    rewardDropPercent: count('--reward-drop', o.rewardDrop),
    rewardWindow: Math.max(1, count('--reward-window', o.rewardWindow)),
    claimableAbove: o.claimableAbove === undefined ? undefined : parseAmount(o.claimableAbove),
    lowBalanceOps: count('--low-balance-ops', o.lowBalanceOps),
    withdrawalMarginSeconds: Number(parseDuration('--withdrawal-margin', o.withdrawalMargin)),
    repeatSeconds: { default: repeat, responsive: 0 },
  };
  const client = await s.client();
  const fee = owner === undefined ? undefined : await feePerOperation(client, owner);
  const detectors = new FleetDetectors({
    ...detectorOptions,
    lowBalanceOps: fee === undefined ? 0 : detectorOptions.lowBalanceOps,
    feePerOp: fee ?? 0n,
  });
  const webhook =
    o.webhook === undefined
      ? undefined
      : new WebhookQueue(o.webhook, (e) =>
          s.io.stderr.write(`phala-mining exporter: webhook delivery failed: ${(e as Error).message}\n`),
        );

  const metrics = new FleetMetrics();
  const head$ = client.api.rx.rpc.chain.subscribeNewHeads().pipe(
    map((h) => h.number.toNumber()),
    distinctUntilChanged(),
  );
  const balance$ = owner === undefined ? of(undefined) : client.balance$(owner);
  // chain time, for the guardian's forced-stop figure (the pools' own subscriptions do not carry the clock)
  const clock$ = client.api.rx.query.timestamp.now().pipe(
    map((ms) => ms.toBigInt() / 1000n),
    distinctUntilChanged(),
  );
  const server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url === '/metrics' || req.url?.startsWith('/metrics?'))) {
      metrics.text().then(
        (text) => {
          res.writeHead(200, { 'content-type': metrics.registry.contentType });
          res.end(text);
        },
        (e) => {
          res.writeHead(500).end(String(e));
        },
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('see /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) =>
      reject(new UsageError(`cannot listen on ${o.listen}: ${e.message}`, { cause: e })),
    );
    server.listen(listen.port, listen.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  s.io.stderr.write(`phala-mining exporter: serving http://${listen.host}:${port}/metrics\n`);

  await new Promise<void>((resolve, reject) => {
    let lastBlock: number | undefined;
    let lastNow: bigint | undefined;
    const sub = combineLatest([source$(client, owner, pids), balance$, head$, clock$]).subscribe({
      next: ([pools, balance, block, now]) => {
        const risks = forcedStops(pools, now, client.constants.gracePeriod);
        metrics.update({
          pools,
          balances: owner !== undefined && balance ? new Map([[owner, balance.free]]) : new Map(),
          forcedStopSeconds: new Map([...risks].map(([pid, r]) => [pid, r.seconds])),
          blockNumber: block,
        });
        // detectors look once per block, at the state of that block
        // (the clock is a subscription of its own: a block's time may arrive after its head, so both count)
        if (block === lastBlock && now === lastNow) return;
        lastBlock = block;
        lastNow = now;
        const alerts = detectors.check({
          pools,
          owner,
          ownerFree: balance?.free,
          block,
          now: Date.now(),
          withdrawalRisks: risks,
        });
        for (const alert of alerts) {
          s.io.stdout.write(`${toJson(alert)}\n`);
          webhook?.push(alert);
        }
      },
      error: (e) => {
        stop();
        reject(e);
      },
    });
    const release = s.io.onInterrupt?.(() => stop());
    function stop() {
      sub.unsubscribe();
      release?.();
      server.close();
      resolve();
    }
  });
  await webhook?.drain();
}

/** `phala-mining exporter`: Prometheus metrics and alerts for a fleet, from one long-running process. */
export function exporterCommand(action: Action): Command {
  return new Command('exporter')
    .description('serve Prometheus metrics of a fleet at /metrics and raise alerts (JSON lines, webhook)')
    .option('--listen <host:port>', 'where to serve /metrics (port 0: any free port)', '127.0.0.1:9101')
    .option('--owner <address>', "watch every pool of this owner (default: the key's address)")
    .option('--pools <pids>', 'watch these pools instead, comma-separated')
    .option('--webhook <url>', 'also POST each alert as JSON (fields text/content for Slack/Discord)')
    .option(
      '--unpaid-settlements <n>',
      'alert when a Mining worker is unpaid for this many settlements (0: off)',
      '3',
    )
    .option(
      '--reward-drop <percent>',
      "alert when a pool's payout falls below this % of its average (0: off)",
      '50',
    )
    .option('--reward-window <settlements>', 'settlements in the trailing average', '10')
    .option('--claimable-above <pha>', 'alert when an owner reward reaches this amount')
    .option(
      '--low-balance-ops <n>',
      "alert when the owner's free balance is below the fees of n operations (0: off)",
      '10',
    )
    .option(
      '--withdrawal-margin <duration>',
      'alert when a forced stop for unmet withdrawals is due within this time (6h, 2d; 0: off)',
      '6h',
    )
    .option('--repeat <seconds>', 'raise a condition that still holds again after this long', '3600')
    .action(action(runExporter));
}
