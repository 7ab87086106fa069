/**
 * A dev chain in its own process, for benchmarks that need the node's CPU time apart from the client's: started
 * with the accounts given (hex public keys, JSON in argv[2]) endowed, it prints its endpoint and answers each
 * `cpu` line on stdin with its `process.cpuUsage()` as JSON.
 */
import { createInterface } from 'node:readline';
import { startDevChain } from '../src/node/devchain.js';

const PHA = 10n ** 12n;
const endowed = (JSON.parse(process.argv[2] ?? '[]') as string[]).map(
  (key) => [key as `0x${string}`, 1_000_000n * PHA] as [`0x${string}`, bigint],
);
const chain = await startDevChain({ port: 0, runtime: { endowed } });
console.log(chain.endpoint);

// BENCH_CPU_PROFILE=dir: the node's CPU between the first two `cpu` lines (the measured part) is profiled into
// dir/watched-node.cpuprofile
const profileDir = process.env.BENCH_CPU_PROFILE;
let cpuLines = 0;
const session = profileDir ? new (await import('node:inspector/promises')).Session() : undefined;
async function profile(line: number): Promise<void> {
  if (!session || line > 2) return;
  if (line === 1) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    return;
  }
  const { profile } = await session.post('Profiler.stop');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(`${profileDir}/watched-node.cpuprofile`, JSON.stringify(profile));
  session.disconnect();
}
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'cpu') return;
  const usage = process.cpuUsage();
  void profile(++cpuLines).then(() => console.log(JSON.stringify(usage)));
});
process.stdin.on('end', () => void chain.close().then(() => process.exit(0)));
