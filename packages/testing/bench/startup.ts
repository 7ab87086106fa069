/**
 * "Chain with a ready client" start time, two ways, each against baselines measured in the same run and
 * interleaved so load on the machine hits them alike; medians of wall and CPU time (`process.cpuUsage()`, the
 * honest figure on a shared machine).
 *
 * 1. A fresh process per sample (issue 16: what a vitest worker pays per test file), `bench/freshProcess.mjs`
 *    under plain node importing the built packages:
 *    - `import @polkadot/api` — the test file's own import of the client library, shown apart, not counted;
 *    - `import @phala-mining/testing` after it (devchain included) — counted;
 *    - `createTestChain()` until its ApiPromise is ready (node started, client connected with the metadata handed
 *      over, dev accounts available; pairs are derived on first read) — counted;
 *    - baselines: `startDevChain()` alone in a fresh process (the node's share; and with the import of the devchain
 *      package, the node's whole share), and a stock `ApiPromise.create` in a fresh process against a running chain
 *      (fetches its metadata: the client's own cost).
 *    "Ready" = import of testing + createTestChain; the target is ≤ 200 ms. How busy the main thread was during it
 *    (event-loop utilization) says what is left to overlap: at 1 only less work, or work on another thread, helps.
 *    - apart: the CPU the import of @polkadot/api leaves to run after it resolves (x-fetch's import of node-fetch,
 *      idle-time GC), measured in a fresh process left idle; in a testChain process it falls in the import of testing.
 * 2. Within one process (later chains of a test file): createTestChain() against a bare connect and a bare node.
 * BENCH_RUNS sets the number of in-process runs (default 15), BENCH_FRESH_RUNS the fresh-process ones (default 7);
 * BENCH_CPU_PROFILE=dir profiles each fresh testChain process's counted window into dir (see freshProcess.mjs).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDevChain } from '@phala-mining/devchain';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { createTestChain } from '../src/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const FRESH_RUNS = Number(process.env.BENCH_FRESH_RUNS ?? 7);
const TARGET_MS = 500;
const FRESH_TARGET_MS = 200;
const signedExtensions = { CheckMqSequence: { extrinsic: {}, payload: {} } };

async function timed(run: () => Promise<() => Promise<void>>): Promise<number> {
  const start = performance.now();
  const cleanup = await run();
  const elapsed = performance.now() - start;
  await cleanup();
  return elapsed;
}

type Phases = Record<string, { wall: number; cpu: number }>;
/** the main thread's event-loop utilization over the counted window, by process (testChain samples only) */
const mainThreadBusy: number[] = [];
const freshScript = fileURLToPath(new URL('./freshProcess.mjs', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** One fresh `node bench/freshProcess.mjs <kind>`: its phases, and the whole process's wall time. */
function fresh(
  kind: string,
  endpoint?: string,
): Promise<Phases & { process: { wall: number; cpu: number } }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [freshScript, kind, ...(endpoint ? [endpoint] : [])], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${kind}: exited with ${code}`));
      const { mainThread, ...phases } = JSON.parse(out.trim().split('\n').pop()!) as Phases & {
        mainThread?: { busy: number };
      };
      if (mainThread) mainThreadBusy.push(mainThread.busy);
      const cpu = Object.values(phases).reduce((sum, p) => sum + p.cpu, 0);
      resolve({ ...phases, process: { wall: performance.now() - t0, cpu } });
    });
  });
}

const host = await startDevChain({ port: 0 });
const freshSamples: Record<string, Array<Phases & { process: { wall: number; cpu: number } }>> = {
  testChain: [],
  node: [],
  client: [],
  apiDeferred: [],
};
for (let i = 0; i < FRESH_RUNS; i++) {
  freshSamples.testChain!.push(await fresh('testChain'));
  freshSamples.node!.push(await fresh('node'));
  freshSamples.client!.push(await fresh('client', host.endpoint));
  freshSamples.apiDeferred!.push(await fresh('apiDeferred'));
}
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

const phase = (kind: string, name: string, of: 'wall' | 'cpu') =>
  median(freshSamples[kind]!.map((p) => (p as Phases)[name]![of]));
const both = (kind: string, name: string) =>
  `${ms(phase(kind, name, 'wall'))} (cpu ${ms(phase(kind, name, 'cpu'))})`;
const readyOf = (p: Phases, of: 'wall' | 'cpu') => p.importTesting![of] + p.createTestChain![of];
const ready = {
  wall: median(freshSamples.testChain!.map((p) => readyOf(p, 'wall'))),
  cpu: median(freshSamples.testChain!.map((p) => readyOf(p, 'cpu'))),
};
console.log(
  `@phala-mining/testing startup in a fresh process, ${FRESH_RUNS} processes each (median wall (cpu))`,
);
console.log(`  import @polkadot/api (the test file's own; not counted)  ${both('testChain', 'importApi')}`);
console.log(
  `  import @phala-mining/testing (devchain included)        ${both('testChain', 'importTesting')}`,
);
console.log(
  `  createTestChain() → ApiPromise ready                    ${both('testChain', 'createTestChain')}`,
);
console.log(
  `  ready = import of testing + createTestChain              ${ms(ready.wall)} (cpu ${ms(ready.cpu)})`,
);
console.log(`  baseline: startDevChain() in a fresh process (node)      ${both('node', 'startDevChain')}`);
const nodeWhole = (of: 'wall' | 'cpu') =>
  median(freshSamples.node!.map((p) => p.importDevchain![of] + p.startDevChain![of]));
console.log(
  `  baseline: import of devchain + startDevChain (the node's whole share)  ${ms(nodeWhole('wall'))} (cpu ${ms(nodeWhole('cpu'))})`,
);
console.log(`  baseline: stock ApiPromise.create, fresh process (client) ${both('client', 'apiCreate')}`);
console.log(
  `  apart: the api import's deferred work (in import of testing)  cpu ${ms(phase('apiDeferred', 'apiDeferred', 'cpu'))}`,
);
console.log(`  main thread busy during ready (1 = never idle)          ${median(mainThreadBusy).toFixed(3)}`);
console.log(
  `  ratio ready / (node + client), cpu                        ${(ready.cpu / (phase('node', 'startDevChain', 'cpu') + phase('client', 'apiCreate', 'cpu'))).toFixed(2)}×`,
);
// like for like: "ready" includes the import of the devchain package, and the api import's deferred work once,
// which the node's and the client's fresh processes each carry (in the import, in ApiPromise.create): taken off once
console.log(
  `  ratio ready / (node's whole share + client − deferred), cpu ${(ready.cpu / (nodeWhole('cpu') + phase('client', 'apiCreate', 'cpu') - phase('apiDeferred', 'apiDeferred', 'cpu'))).toFixed(2)}×`,
);
console.log(
  `  target ≤ ${FRESH_TARGET_MS} ms: wall ${ready.wall <= FRESH_TARGET_MS ? 'met' : 'MISSED'}, cpu ${ready.cpu <= FRESH_TARGET_MS ? 'met' : 'MISSED'}`,
);
console.log('');
console.log(`@phala-mining/testing startup within one process, ${RUNS} runs (median; min)`);
console.log(`  createTestChain → api ready   ${ms(m.testChain)}; ${ms(Math.min(...samples.testChain))}`);
console.log(`  baseline: ApiPromise connect  ${ms(m.connect)}; ${ms(Math.min(...samples.connect))}`);
console.log(`  baseline: startDevChain       ${ms(m.node)}; ${ms(Math.min(...samples.node))}`);
console.log(`  ratio vs connect              ${(m.testChain / m.connect).toFixed(2)}×`);
console.log(`  ratio vs node + connect       ${(m.testChain / (m.node + m.connect)).toFixed(2)}×`);
console.log(
  `  target ≤ ${TARGET_MS} ms: ${m.testChain <= TARGET_MS ? 'met' : 'MISSED'} (${ms(m.testChain)})`,
);
