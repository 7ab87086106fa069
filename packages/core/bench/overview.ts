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

function countRequests(api: ApiPromise): { reset(): void; readonly count: number } {
  const provider = (api as unknown as { _rpcCore: { provider: { send: (...a: unknown[]) => unknown } } })
    ._rpcCore.provider;
  const send = provider.send.bind(provider);
  let count = 0;
  provider.send = (method: unknown, ...rest: unknown[]) => {
    if (typeof method === 'string' && !/unsubscribe/i.test(method)) {
      count++;
      if (process.env.BENCH_VERBOSE === '2') console.log('    →', method);
    }
    return send(method, ...rest);
  };
  return {
    reset: () => {
      count = 0;
    },
    get count() {
      return count;
    },
  };
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

    const counter = countRequests(client.api);
    const sdkTimes: number[] = [];
    const naiveTimes: number[] = [];
    let sdkRequests = 0;
    let naiveRequests = 0;
    let rows = 0;
    for (let r = 0; r < ROUNDS; r++) {
      counter.reset();
      let t = performance.now();
      const overview = await firstValueFrom(
        client.poolOverview$(pid).pipe(filter((o) => (o?.workers.length ?? 0) === WORKERS)),
      );
      sdkTimes.push(performance.now() - t);
      sdkRequests = counter.count;
      rows = overview!.workers.length;

      if (process.env.BENCH_VERBOSE) {
        const q = client.api.query as any;
        const keys: unknown[] = [
          [q.phalaMining.tokenomicParameters],
          [q.phalaMining.coolDownPeriod],
          [q.timestamp.now],
        ];
        for (const w of workers) {
          const sub = poolSubAccount(pid, w);
          keys.push([q.phalaRegistry.workers, w], [q.phalaMining.miners, sub], [q.phalaMining.stakes, sub]);
        }
        const t0 = performance.now();
        await new Promise<void>((res) => {
          let u: (() => void) | undefined;
          let got = false;
          void client.api
            .queryMulti(keys as never, () => {
              got = true;
              u?.();
              res();
            })
            .then((x) => {
              u = x as unknown as () => void;
              if (got) u();
            });
        });
        console.log(`  raw 603-key subscription: ${(performance.now() - t0).toFixed(1)} ms`);
      }
      counter.reset();
      t = performance.now();
      await naiveOverview(client.api, pid);
      naiveTimes.push(performance.now() - t);
      naiveRequests = counter.count;
      if (process.env.BENCH_VERBOSE)
        console.log(
          `  round ${r + 1}: sdk ${sdkTimes[r]!.toFixed(1)} ms, naive ${naiveTimes[r]!.toFixed(1)} ms`,
        );
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const sdk = median(sdkTimes);
    const naive = median(naiveTimes);
    console.log(`pool overview, ${rows} workers (median of ${ROUNDS} rounds, same chain, same connection)`);
    console.log(
      `  naive per-key queries : ${naive.toFixed(1)} ms, ${naiveRequests} requests (one round trip each)`,
    );
    console.log(`  @phala-mining/core    : ${sdk.toFixed(1)} ms, ${sdkRequests} requests (round trips)`);
    console.log(`  speed-up ×${(naive / sdk).toFixed(1)}  (target ≥ 10)`);
    console.log(
      `  requests ÷${(naiveRequests / sdkRequests).toFixed(0)}  (SDK round trips: ${sdkRequests}, target ≤ 2)`,
    );
  } finally {
    await client.disconnect();
    await chain.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
