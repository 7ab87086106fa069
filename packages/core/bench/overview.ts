/**
 * Full overview of a pool with 200 workers: the SDK's batched subscriptions vs naive per-key @polkadot/api queries,
 * measured in the same run against the same dev chain. Prints times, requests sent and the ratios.
 */
import { minStake } from '@phala-mining/math';
import { createTestChain } from '@phala-mining/testing';
import type { ApiPromise } from '@polkadot/api';
import { filter, firstValueFrom } from 'rxjs';
import { createMiningClient, pha, poolSubAccount } from '../src/index.js';

const WORKERS = 200;
const MINING = 50;
const ROUNDS = 5;
const COLD_PAUSE_MS = 3000;
/** added to every request: 0 = the local socket as is; 20 ms ≈ a nearby public endpoint */
const LATENCIES_MS = [0, 20];

/**
 * Counts the requests the client sends (every RPC call and subscription goes through `provider.send`) and can hold
 * each one back for `latencyMs`, modelling the round trip to a remote node (the dev chain runs in this process).
 */
function instrument(api: ApiPromise): { reset(): void; readonly count: number; latencyMs: number } {
  const provider = (
    api as unknown as { _rpcCore: { provider: { send: (...a: unknown[]) => Promise<unknown> } } }
  )._rpcCore.provider;
  const send = provider.send.bind(provider);
  const state = {
    count: 0,
    latencyMs: 0,
    reset() {
      state.count = 0;
    },
  };
  provider.send = async (method: unknown, ...rest: unknown[]) => {
    if (typeof method === 'string' && !/unsubscribe/i.test(method)) {
      state.count++;
      if (process.env.BENCH_VERBOSE === '2') console.log('    →', method);
      if (state.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.latencyMs));
    }
    return send(method, ...rest);
  };
  return state;
}

async function naiveOverview(api: ApiPromise, pid: bigint): Promise<number> {
  const q = api.query as any;
  const pool = (await q.phalaStakePool.stakePools(pid)).unwrap();
  await q.phalaStakePool.poolContributionWhitelists(pid);
  await q.phalaStakePool.poolDescriptions(pid);
  await q.phalaMining.tokenomicParameters();
  await q.phalaMining.coolDownPeriod();
  await q.timestamp.now();
  let n = 0;
  for (const w of pool.workers) {
    const key = w.toHex();
    const sub = poolSubAccount(pid, key);
    await q.phalaRegistry.workers(key);
    await q.phalaMining.miners(sub);
    await q.phalaMining.stakes(sub);
    n++;
  }
  return n;
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
    process.stdout.write(`setting up a pool with ${WORKERS} workers (${MINING} mining)… `);
    await chain.fund(alice, pha('10000000'));
    const { value: pid } = await client.createPool().send(alice);
    const workers: string[] = [];
    for (let i = 0; i < WORKERS; i++)
      workers.push(await chain.registerWorker({ operator: alice, score: 2000 + i, cores: 4 + (i % 8) }));
    const params = (await firstValueFrom(client.tokenomics$().pipe(filter((t) => t.params !== undefined))))
      .params!;
    const stakes = workers.slice(0, MINING).map((_, i) => minStake(params, 2000 + i));
    await client
      .pool(pid)
      .contribute(stakes.reduce((a, b) => a + b, 0n))
      .send(alice);
    for (let i = 0; i < WORKERS; i += 50) {
      let batch = client.pool(pid);
      for (const w of workers.slice(i, i + 50)) batch = batch.addWorker(w);
      await batch.send(alice);
    }
    let start = client.pool(pid);
    workers.slice(0, MINING).forEach((w, i) => {
      start = start.startMining(w, stakes[i]!);
    });
    await start.send(alice);
    console.log('done');

    const counter = instrument(client.api);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // one warm-up of each
    await firstValueFrom(client.poolOverview$(pid).pipe(filter((o) => (o?.workers.length ?? 0) === WORKERS)));
    await naiveOverview(client.api, pid);
    console.log(
      `pool overview, ${WORKERS} workers (${MINING} mining); median of ${ROUNDS} cold rounds, same chain, same run`,
    );
    for (const latency of LATENCIES_MS) {
      counter.latencyMs = latency;
      const sdkTimes: number[] = [];
      const naiveTimes: number[] = [];
      let sdkRequests = 0;
      let naiveRequests = 0;
      for (let r = 0; r < ROUNDS; r++) {
        // @polkadot/rpc-core keeps a dropped subscription alive for a moment (refCountDelay) and would hand it back:
        // wait it out so every round is cold and really subscribes
        await new Promise((resolve) => setTimeout(resolve, COLD_PAUSE_MS));
        counter.reset();
        const t = performance.now();
        await firstValueFrom(
          client.poolOverview$(pid).pipe(filter((o) => (o?.workers.length ?? 0) === WORKERS)),
        );
        sdkTimes.push(performance.now() - t);
        sdkRequests = counter.count;
      }
      for (let r = 0; r < (latency > 0 ? 1 : ROUNDS); r++) {
        counter.reset();
        const t = performance.now();
        await naiveOverview(client.api, pid);
        naiveTimes.push(performance.now() - t);
        naiveRequests = counter.count;
      }
      if (process.env.BENCH_VERBOSE)
        console.log(
          `  sdk ${sdkTimes.map((x) => x.toFixed(0))} ms, naive ${naiveTimes.map((x) => x.toFixed(0))} ms`,
        );
      const sdk = median(sdkTimes);
      const naive = median(naiveTimes);
      console.log(
        latency === 0
          ? '  local socket, in-process dev chain:'
          : `  + ${latency} ms per round trip (a remote node):`,
      );
      console.log(
        `    naive per-key queries : ${naive.toFixed(1)} ms, ${naiveRequests} requests, one round trip each`,
      );
      console.log(`    @phala-mining/core    : ${sdk.toFixed(1)} ms, ${sdkRequests} round trips`);
      console.log(
        `    ratio ×${(naive / sdk).toFixed(1)} faster (target ≥ 10), ${sdkRequests} round trips (target ≤ 2), ÷${(naiveRequests / Math.max(sdkRequests, 1)).toFixed(0)} requests`,
      );
    }
  } finally {
    await client.disconnect();
    await chain.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
