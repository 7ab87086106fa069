/**
 * A fleet of 3 pools × 200 workers on the dev chain: `apply` from registered-but-unbound workers to all mining
 * (transactions sent vs one per operation, wall time), a /metrics scrape's latency, and the requests per block of
 * the exporter's batched subscriptions vs naive per-key reads — all in the same run against the same chain.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMiningClient, pha, poolSubAccount } from '@phala-mining/core';
import { createTestChain } from '@phala-mining/testing';
import type { ApiPromise } from '@polkadot/api';
import { firstValueFrom, filter as where } from 'rxjs';
import { applyFleet } from '../src/fleet/applyFleet.js';
import { parseFleetFile } from '../src/fleet/fleetFile.js';
import { FleetMetrics } from '../src/fleet/metrics.js';

const POOLS = 3;
const PER_POOL = 200;
const CHUNK = 64;
const SCRAPES = 20;
const BLOCKS = 10;

function counter(api: ApiPromise): { reset(): void; readonly count: number } {
  const provider = (
    api as unknown as { _rpcCore: { provider: { send: (...a: unknown[]) => Promise<unknown> } } }
  )._rpcCore.provider;
  const send = provider.send.bind(provider);
  const state = {
    count: 0,
    reset() {
      state.count = 0;
    },
  };
  provider.send = async (method: unknown, ...rest: unknown[]) => {
    if (typeof method === 'string' && !/unsubscribe/i.test(method)) state.count++;
    return send(method, ...rest);
  };
  return state;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// what a per-key exporter reads each block: every pool record and every worker's three records, one request each
async function naiveRead(api: ApiPromise, pids: bigint[]): Promise<void> {
  const q = api.query as any;
  await q.phalaMining.tokenomicParameters();
  await q.phalaMining.coolDownPeriod();
  await q.timestamp.now();
  for (const pid of pids) {
    const pool = (await q.phalaStakePool.stakePools(pid)).unwrap();
    await q.phalaStakePool.poolContributionWhitelists(pid);
    await q.phalaStakePool.poolDescriptions(pid);
    for (const w of pool.workers) {
      const key = w.toHex();
      const sub = poolSubAccount(pid, key);
      await q.phalaRegistry.workers(key);
      await q.phalaMining.miners(sub);
      await q.phalaMining.stakes(sub);
    }
  }
}

async function main(): Promise<void> {
  const chain = await createTestChain();
  const { alice } = chain.accounts;
  const client = await createMiningClient({
    endpoint: chain.endpoint,
    network: 'devchain',
    waitFor: 'inBlock',
  });
  try {
    process.stdout.write(`setting up ${POOLS} pools and ${POOLS * PER_POOL} registered workers… `);
    await chain.setMiningEnabled(true);
    await chain.fund(alice, pha('10000000'));
    const pids: bigint[] = [];
    for (let p = 0; p < POOLS; p++) {
      const { value } = await client.createPool().send(alice);
      await client.pool(value).contribute(pha('1000000')).send(alice);
      pids.push(value);
    }
    const keys: string[][] = [];
    for (let p = 0; p < POOLS; p++) {
      keys.push([]);
      for (let i = 0; i < PER_POOL; i++)
        keys[p]!.push(await chain.registerWorker({ operator: alice, score: 2000, cores: 4 }));
    }
    console.log('done');

    const text = [
      'pools:',
      ...pids.flatMap((pid, p) => [
        `  - pid: ${pid}`,
        '    workers:',
        ...keys[p]!.map((k) => `      - { key: "${k}", stake: smin, mining: true }`),
      ]),
    ].join('\n');
    const fleet = parseFleetFile(text, 'bench.yaml');
    let transactions = 0;
    let operations = 0;
    const t0 = performance.now();
    await applyFleet(fleet, {
      client,
      owner: alice.address,
      signer: alice,
      chunkSize: CHUNK,
      waitFor: 'inBlock',
      onProgress: (p) => {
        transactions++;
        operations += p.operations;
      },
    });
    const applyMs = performance.now() - t0;
    const view = await firstValueFrom(
      client
        .fleet$(alice.address)
        .pipe(where((f) => f.pools.every((p) => p.workers.every((w) => w.state === 'Mining')))),
    );
    const mining = view.pools.reduce((n, p) => n + p.workers.length, 0);
    console.log(`apply, empty → ${mining} workers mining in ${POOLS} pools (chunks of ${CHUNK} operations):`);
    console.log(
      `  ${operations} operations in ${transactions} transactions (one per operation: ${operations})`,
    );
    console.log(
      `  ratio ÷${(operations / transactions).toFixed(1)} transactions; wall time ${(applyMs / 1000).toFixed(1)} s`,
    );

    // /metrics over a real socket, the exporter's registry filled from the fleet
    const metrics = new FleetMetrics();
    metrics.update({ pools: view.pools, balances: new Map(), forcedStopSeconds: new Map(), blockNumber: 1 });
    const server = createServer((_req, res) => {
      metrics
        .text()
        .then((body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    const scrapes: number[] = [];
    let bytes = 0;
    for (let i = 0; i < SCRAPES; i++) {
      const t = performance.now();
      bytes = (await (await fetch(url)).text()).length;
      scrapes.push(performance.now() - t);
    }
    server.close();
    const updates: number[] = [];
    for (let i = 0; i < SCRAPES; i++) {
      const t = performance.now();
      metrics.update({
        pools: view.pools,
        balances: new Map(),
        forcedStopSeconds: new Map(),
        blockNumber: i,
      });
      updates.push(performance.now() - t);
    }
    console.log(
      `/metrics of ${mining} workers: median scrape ${median(scrapes).toFixed(1)} ms (${(bytes / 1024).toFixed(0)} KiB), median refresh per block ${median(updates).toFixed(1)} ms`,
    );

    // requests per block: the exporter's subscriptions (live) vs a per-key exporter reading everything each block
    const count = counter(client.api);
    const sub = client.fleet$(alice.address).subscribe();
    await new Promise((r) => setTimeout(r, 500));
    count.reset();
    for (let b = 0; b < BLOCKS; b++) await chain.newBlocks(1);
    await new Promise((r) => setTimeout(r, 500));
    const live = count.count / BLOCKS;
    sub.unsubscribe();
    count.reset();
    const t = performance.now();
    await naiveRead(client.api, pids);
    const naiveMs = performance.now() - t;
    const naive = count.count;
    console.log(`requests per block, ${POOLS} pools × ${PER_POOL} workers:`);
    console.log(`  naive per-key reads : ${naive} requests (${naiveMs.toFixed(0)} ms) every block`);
    console.log(
      `  fleet$ (batched)    : ${live.toFixed(1)} requests per block over ${BLOCKS} blocks (subscriptions push)`,
    );
    console.log(`  ratio ÷${(naive / Math.max(live, 1)).toFixed(0)} requests (target ≥ 10)`);
  } finally {
    await client.disconnect();
    await chain.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
