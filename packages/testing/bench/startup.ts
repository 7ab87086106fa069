/**
 * "Chain with a ready client" start time: createTestChain() until its ApiPromise is ready, against two baselines
 * measured in the same run, interleaved so load on the machine hits all three alike:
 *  - connect: a bare `ApiPromise.create` to a chain that is already running (the client's own cost)
 *  - node: `startDevChain({ port: 0 })` alone (the node's own cost)
 * BENCH_RUNS sets the number of runs (default 15).
 */
import { startDevChain } from '@phala-mining/devchain';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { createTestChain } from '../src/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TARGET_MS = 500;
const signedExtensions = { CheckMqSequence: { extrinsic: {}, payload: {} } };

async function timed(run: () => Promise<() => Promise<void>>): Promise<number> {
  const start = performance.now();
  const cleanup = await run();
  const elapsed = performance.now() - start;
  await cleanup();
  return elapsed;
}

const host = await startDevChain({ port: 0 });
const samples = { testChain: [] as number[], connect: [] as number[], node: [] as number[] };
const cases: Record<keyof typeof samples, () => Promise<() => Promise<void>>> = {
  testChain: async () => {
    const chain = await createTestChain();
    return () => chain.close();
  },
  connect: async () => {
    const provider = new WsProvider(host.endpoint);
    const api = await ApiPromise.create({ provider, noInitWarn: true, signedExtensions });
    return async () => {
      // as createTestChain's close(): let the runtime-version subscription be answered before hanging up
      await provider.send('system_health', []);
      await api.disconnect();
    };
  },
  node: async () => {
    const chain = await startDevChain({ port: 0 });
    return () => chain.close();
  },
};
// one untimed round: module loading and JIT warm-up are not what a test file pays per chain
for (const run of Object.values(cases)) await timed(run);
for (let i = 0; i < RUNS; i++) {
  for (const [name, run] of Object.entries(cases))
    samples[name as keyof typeof samples].push(await timed(run));
}
await host.close();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const m = {
  testChain: median(samples.testChain),
  connect: median(samples.connect),
  node: median(samples.node),
};

console.log(`@phala-mining/testing startup, ${RUNS} runs (median; min)`);
console.log(`  createTestChain → api ready   ${ms(m.testChain)}; ${ms(Math.min(...samples.testChain))}`);
console.log(`  baseline: ApiPromise connect  ${ms(m.connect)}; ${ms(Math.min(...samples.connect))}`);
console.log(`  baseline: startDevChain       ${ms(m.node)}; ${ms(Math.min(...samples.node))}`);
console.log(`  ratio vs connect              ${(m.testChain / m.connect).toFixed(2)}×`);
console.log(`  ratio vs node + connect       ${(m.testChain / (m.node + m.connect)).toFixed(2)}×`);
console.log(
  `  target ≤ ${TARGET_MS} ms: ${m.testChain <= TARGET_MS ? 'met' : 'MISSED'} (${ms(m.testChain)})`,
);
