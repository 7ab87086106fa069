/**
 * The settlement bench's memory rows that need more than the block it builds: the states a node keeps on top of
 * that state, and the same rows in a plain node process.
 */
import { fileURLToPath } from 'node:url';
import type { BlockState } from '../src/runtime/state.js';
import { runSection } from './sections.js';

type Row = (name: string, value: string, baseline: string, ratio: string) => void;

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`);

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** gc after a turn of the event loop (see collectAfterJob in index.ts) */
async function collectAfterJob(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  gc?.();
  gc?.();
}

/**
 * A node keeps the states of its last 256 blocks, and a state is flattened every 25 layers: 300 more layers on top
 * of that state (each the idle block 2's changes), the last 256 kept as the chain keeps them, against the memory of
 * the state alone. (Layers, not built blocks: 300 idle blocks on this state would take a minute.)
 */
export async function keptStates(
  report: Row,
  from: BlockState,
  changes: Map<`0x${string}`, Uint8Array | null>,
  alone: NodeJS.MemoryUsage,
): Promise<void> {
  const KEEP = 256;
  const kept: BlockState[] = [];
  let state = from;
  const c0 = cpuMs();
  for (let i = 0; i < 300; i++) {
    state = state.apply(new Map(changes));
    kept.push(state);
    if (kept.length > KEEP) kept.shift();
  }
  const cpu = cpuMs() - c0;
  await collectAfterJob();
  const mem = process.memoryUsage();
  const grew = mem.heapUsed - alone.heapUsed;
  report(
    `  …with ${KEEP} more states kept on top (300 idle-block layers, cpu ${ms(cpu)}): RSS / heap used`,
    `${mb(mem.rss)} / ${mb(mem.heapUsed)}`,
    `that state alone ${mb(alone.rss)} / ${mb(alone.heapUsed)}`,
    `${grew < 0 ? '−' : '+'}${mb(Math.abs(grew))} heap`,
  );
  // the idle figure of a node that keeps these states (in the plain node process, where the memory rows count)
  if (process.env.BENCH_PLAIN_NODE)
    await reportIdleMemory(report, `  …with ${KEEP} more states kept on top`, mem);
  if (kept.length !== KEEP) throw new Error('unreachable');
}

/** how long `idleMemory` waits at most for V8 to give heap back */
const IDLE_LIMIT_MS = 40_000;

/**
 * The memory of a node that holds the state and has gone idle: V8 gives back the heap pages a burst of work left
 * behind (its memory reducer, which runs a few seconds after the last major GC once allocation has stopped) only
 * when the isolate is idle, not at a forced `gc()`. Waits, doing nothing, until the committed heap has shrunk and
 * stayed put for 2 s, or `limitMs`; returns the memory then and how long that took (undefined: no reduction seen).
 */
export async function idleMemory(
  limitMs = IDLE_LIMIT_MS,
): Promise<{ mem: NodeJS.MemoryUsage; afterMs: number | undefined }> {
  const POLL = 250;
  const STILL = 2_000;
  const start = process.memoryUsage().heapTotal;
  const t0 = performance.now();
  let reducedAt: number | undefined;
  let last = start;
  let stillSince = t0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL));
    const now = performance.now();
    const { heapTotal } = process.memoryUsage();
    if (heapTotal !== last) {
      last = heapTotal;
      stillSince = now;
      if (heapTotal < start && reducedAt === undefined) reducedAt = now - t0;
    }
    if (reducedAt !== undefined && now - stillSince >= STILL) break;
    if (now - t0 >= limitMs) break;
  }
  return { mem: process.memoryUsage(), afterMs: reducedAt };
}

/** The row of `idleMemory`'s result beside the memory right after the block. */
export async function reportIdleMemory(report: Row, name: string, after: NodeJS.MemoryUsage): Promise<void> {
  const { mem, afterMs } = await idleMemory();
  report(
    `${name}, once idle (${afterMs === undefined ? `no heap given back within ${IDLE_LIMIT_MS / 1000} s` : `V8 gave heap back after ${(afterMs / 1000).toFixed(1)} s`}): RSS / heap total`,
    `${mb(mem.rss)} / ${mb(mem.heapTotal)}`,
    `right after it ${mb(after.rss)} / ${mb(after.heapTotal)}`,
    `${(mem.rss / after.rss).toFixed(2)}×`,
  );
}

/**
 * The settlement memory rows again, in a plain `node` process running the bench bundled to JavaScript, as a
 * `phala-devchain` runs its built code: under tsx the figures also hold tsx's loader (its hooks' worker thread with
 * an isolate of its own, the transpiled sources), ~80 MiB of RSS a node does not have.
 */
export async function benchPlainNodeMemory(row: Row, POOLS: number, WORKERS: number): Promise<void> {
  console.error(`settlement memory in a plain node process (${POOLS} pools × ${WORKERS} workers)`);
  const { build } = await import('tsup');
  const outDir = fileURLToPath(new URL('../node_modules/.cache/devchain-bench/', import.meta.url));
  await build({
    entry: { bench: fileURLToPath(new URL('./index.ts', import.meta.url)) },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    config: false,
    silent: true,
    skipNodeModulesBundle: true,
    clean: true,
  });
  const { rows: childRows } = await runSection(
    `${outDir}/bench.js`,
    {
      BENCH_ONLY: 'settlement',
      BENCH_POOLS: String(POOLS),
      BENCH_WORKERS: String(WORKERS),
      BENCH_PLAIN_NODE: '1',
    },
    ['--expose-gc'],
  );
  for (const [name, value, baseline, r] of childRows) {
    if (/memory|states kept/.test(name)) row(`${name} (plain node, no tsx)`, value, baseline, r);
  }
}
