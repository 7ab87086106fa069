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
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'cpu') console.log(JSON.stringify(process.cpuUsage()));
});
process.stdin.on('end', () => void chain.close().then(() => process.exit(0)));
