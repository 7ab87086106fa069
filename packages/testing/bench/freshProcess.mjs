// One sample of a fresh process's start, run by startup.ts as `node bench/freshProcess.mjs <kind> [endpoint]`
// (plain node, importing the built packages as a test file does). Prints one JSON line: per phase, wall and CPU ms
// (and, for the counted window of 'testChain', how busy the main thread was: the headroom left for overlapping).
// BENCH_CPU_PROFILE=dir: that counted window (import of testing + createTestChain) is profiled into
// dir/testChain-<pid>.cpuprofile — for where the time goes; the sampling itself inflates the phases it covers.
import { performance } from 'node:perf_hooks';

const kind = process.argv[2];
const profileDir = process.env.BENCH_CPU_PROFILE;
const phases = {};
let last = { wall: performance.now(), cpu: process.cpuUsage() };
const mark = (name) => {
  const cpu = process.cpuUsage(last.cpu);
  const wall = performance.now();
  phases[name] = { wall: wall - last.wall, cpu: (cpu.user + cpu.system) / 1000 };
  last = { wall, cpu: process.cpuUsage() };
};

const { ApiPromise, WsProvider } = await import('@polkadot/api');
mark('importApi');
if (kind === 'testChain') {
  const session = profileDir ? await startProfile() : undefined;
  if (session) last = { wall: performance.now(), cpu: process.cpuUsage() };
  const loop = performance.eventLoopUtilization();
  const { createTestChain } = await import('@phala-mining/testing');
  mark('importTesting');
  const chain = await createTestChain();
  mark('createTestChain');
  // the share of the counted window the main thread ran (1 = never idle: only less work, or work moved to another
  // thread, can shorten it)
  phases.mainThread = { busy: performance.eventLoopUtilization(loop).utilization };
  if (session) await stopProfile(session, `${profileDir}/testChain-${process.pid}.cpuprofile`);
  await chain.close();
} else if (kind === 'node') {
  const { startDevChain } = await import('@phala-mining/devchain');
  mark('importDevchain');
  const chain = await startDevChain({ port: 0 });
  mark('startDevChain');
  await chain.close();
} else if (kind === 'client') {
  const provider = new WsProvider(process.argv[3], false);
  await provider.connect();
  await provider.isReady;
  const api = await ApiPromise.create({
    provider,
    noInitWarn: true,
    signedExtensions: { CheckMqSequence: { extrinsic: {}, payload: {} } },
  });
  mark('apiCreate');
  await provider.send('system_health', []);
  await api.disconnect();
} else if (kind === 'apiDeferred') {
  // what the import of @polkadot/api leaves to run after it resolves (@polkadot/x-fetch's dynamic import of
  // node-fetch, V8's idle-time GC of the import's garbage): in a 'testChain' process it lands in importTesting
  await new Promise((resolve) => setTimeout(resolve, 300));
  mark('apiDeferred');
} else {
  throw new Error(`unknown kind ${kind}`);
}
console.log(JSON.stringify(phases));
process.exit(0);

async function startProfile() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return session;
}

async function stopProfile(session, file) {
  const { profile } = await session.post('Profiler.stop');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
}
