/**
 * Bench rows 1: cold start to the first RPC answer, against a bare `ws` echo server measured the same way in the
 * same run. Every figure is a median of samples taken alternately (baseline, measured, baseline, …) so load on
 * this shared machine hits both alike, with the CPU time (`process.cpuUsage()`, or the child's /proc stat) beside
 * the wall time:
 * - in-process cold: a fresh `node bench/coldProcess.mjs` per sample; the first startDevChain of the process,
 *   after the built package's import (printed apart);
 * - in-process warm: later starts in this process;
 * - spawned: `node dist/cli.js --port 0` until it answers, against a spawned echo script.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WebSocket, WebSocketServer } from 'ws';
import type { DevChain, DevChainOptions } from '../src/node/devchain.js';

type Row = (name: string, value: string, baseline: string, ratio: string) => void;
interface Sample {
  wall: number;
  cpu: number;
}

const SAMPLES = Number(process.env.BENCH_START_SAMPLES ?? 5);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`);
const ratio = (value: number) =>
  value >= 100 ? `${value.toFixed(0)}×` : value >= 10 ? `${value.toFixed(1)}×` : `${value.toFixed(2)}×`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
const medians = (samples: Sample[]): Sample => ({
  wall: median(samples.map((s) => s.wall)),
  cpu: median(samples.map((s) => s.cpu)),
});
const show = (s: Sample) => `${ms(s.wall)} (cpu ${ms(s.cpu)})`;
const ratios = (m: Sample, b: Sample) => `${ratio(m.wall / b.wall)} wall, ${ratio(m.cpu / b.cpu)} cpu`;

function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function sampled(fn: () => Promise<void>): Promise<Sample> {
  const c0 = cpuNow();
  const t0 = performance.now();
  await fn();
  return { wall: performance.now() - t0, cpu: cpuNow() - c0 };
}

function ask(endpoint: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(endpoint);
    ws.once('open', () =>
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_chain', params: [] })),
    );
    ws.once('message', (data) => {
      ws.close();
      resolve((JSON.parse(data.toString()) as { result?: unknown }).result);
    });
    ws.once('error', reject);
  });
}

async function echoRoundTrip(): Promise<void> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (ws) =>
    ws.on('message', (data) => ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, result: String(data) }))),
  );
  await ask(`ws://127.0.0.1:${(server.address() as { port: number }).port}`);
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** CPU ms (user + system) a live child has used so far, from /proc (Linux; undefined elsewhere). */
function childCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command), in clock ticks (100 Hz)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Spawns `node <args>`, waits for a `ws://` endpoint on stdout, asks `system_chain`; wall and child CPU. */
async function spawnedRoundTrip(args: string[]): Promise<Sample> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: packageDir,
  });
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /ws:\/\/[^\s]+/.exec(out);
        if (m) resolve(m[0]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code} before printing an endpoint`)));
    });
    await ask(endpoint);
    const wall = performance.now() - t0;
    return { wall, cpu: childCpuMs(child.pid) ?? Number.NaN };
  } finally {
    child.kill('SIGKILL');
  }
}

function freshColdProcess(): Promise<Record<string, Sample> & { chainName: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/coldProcess.mjs'], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`coldProcess.mjs exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!));
    });
  });
}

export async function benchColdStart(
  row: Row,
  startFromSrc: (options: DevChainOptions) => Promise<DevChain>,
): Promise<void> {
  console.error(`cold start (medians of ${SAMPLES}, alternating with the baseline)`);
  const distEntry = new URL('../dist/index.js', import.meta.url);
  const fromDist = existsSync(fileURLToPath(distEntry));
  if (fromDist) {
    const runs = [];
    for (let i = 0; i < SAMPLES; i++) runs.push(await freshColdProcess());
    const cold = medians(runs.map((r) => r.cold!));
    const echo = medians(runs.map((r) => r.echo!));
    row(
      `in-process start → first answer ("${runs[0]!.chainName}"), cold: first start of a fresh process, dist`,
      show(cold),
      `ws echo ${show(echo)}`,
      ratios(cold, echo),
    );
    row(
      '  (import of dist/index.js before it, not counted)',
      show(medians(runs.map((r) => r.import!))),
      '—',
      '—',
    );
  } else {
    console.error('  (dist missing: run `pnpm build` for the cold in-process figure)');
  }

  // What a user imports: the built package when there is one (running the sources through tsx would time the
  // TypeScript transform of the whole runtime), else the sources.
  const start = fromDist
    ? ((await import(distEntry.href)) as { startDevChain: typeof startFromSrc }).startDevChain
    : startFromSrc;
  await (await start({ port: 0 })).close();
  const warm: Sample[] = [];
  const echo: Sample[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    echo.push(await sampled(echoRoundTrip));
    let chain: DevChain | undefined;
    warm.push(
      await sampled(async () => {
        chain = await start({ port: 0 });
        await ask(chain.endpoint);
      }),
    );
    await chain!.close();
  }
  row(
    'in-process start → first answer, warm',
    show(medians(warm)),
    `ws echo ${show(medians(echo))}`,
    ratios(medians(warm), medians(echo)),
  );

  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  if (!existsSync(cli)) {
    console.error('  (dist/cli.js missing: run `pnpm build` for the spawned-process figure)');
    return;
  }
  const echoScript = [
    "const { WebSocketServer } = require('ws');",
    "const s = new WebSocketServer({ port: 0, host: '127.0.0.1' });",
    "s.on('listening', () => console.log('ws://127.0.0.1:' + s.address().port));",
    "s.on('connection', (ws) => ws.on('message', (d) => ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, result: String(d) }))));",
  ].join('\n');
  const echoRuns: Sample[] = [];
  const cliRuns: Sample[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    echoRuns.push(await spawnedRoundTrip(['-e', echoScript]));
    cliRuns.push(await spawnedRoundTrip([cli, '--port', '0']));
  }
  const spawnedEcho = medians(echoRuns);
  const spawnedCli = medians(cliRuns);
  row(
    'spawned `node dist/cli.js --port 0` → first answer',
    show(spawnedCli),
    `spawned ws echo ${show(spawnedEcho)}`,
    ratios(spawnedCli, spawnedEcho),
  );
}
