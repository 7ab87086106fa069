import { describe, expect, it } from 'vitest';
import { parseBlockMode } from '../../src/node/blockMode.js';
import { startDevChain } from '../../src/node/devchain.js';
import { DevNode } from '../../src/node/node.js';
import { FakeRuntime, tx } from './fakeRuntime.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits until `done()` holds: timing assertions that a loaded CI machine cannot break (the test timeout bounds it). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await sleep(5);
}

describe('block production modes', () => {
  it('instant: one block right after a ready transaction, none for a future one', async () => {
    const node = new DevNode(new FakeRuntime());
    node.pool.submit(tx(1, 1));
    await sleep(20);
    expect(node.head.number).toBe(0);
    node.pool.submit(tx(1, 0));
    await sleep(20);
    await node.producer.idle();
    expect(node.head.number).toBe(1);
    expect(node.head.extrinsics).toHaveLength(3);
    await node.close();
  });

  it('batch: several transactions land in one block', async () => {
    // a delay far above a loaded machine's timer lag: the three submissions always fall inside one batch
    const node = new DevNode(new FakeRuntime(), { blockMode: { mode: 'batch', delayMs: 400 } });
    node.pool.submit(tx(1, 0));
    node.pool.submit(tx(2, 0));
    await sleep(10);
    node.pool.submit(tx(3, 0));
    expect(node.head.number).toBe(0);
    await until(() => node.head.number >= 1);
    await node.producer.idle();
    expect(node.head.number).toBe(1);
    expect(node.head.extrinsics).toHaveLength(4);
    await node.close();
  });

  it('interval: builds on a timer, even without transactions, and stops on mode change', async () => {
    const node = new DevNode(new FakeRuntime(), { blockMode: { mode: 'interval', intervalMs: 20 } });
    await until(() => node.head.number >= 3);
    node.setBlockMode({ mode: 'manual' });
    await node.producer.idle();
    const built = node.head.number;
    await sleep(100);
    expect(node.head.number).toBe(built);
    node.pool.submit(tx(1, 0));
    await sleep(30);
    expect(node.pool.size).toBe(1);
    // switching to instant picks up what is waiting
    node.setBlockMode({ mode: 'instant' });
    await until(() => node.pool.size === 0);
    await node.producer.idle();
    expect(node.head.number).toBe(built + 1);
    await node.close();
  });

  it('keeps going after a failed build and reports it to dev_newBlock callers', async () => {
    const runtime = new FakeRuntime();
    const node = new DevNode(runtime, { blockMode: { mode: 'manual' } });
    runtime.options.failBuilds = true;
    await expect(node.newBlock()).rejects.toThrow(/on purpose/);
    runtime.options.failBuilds = false;
    expect((await node.newBlock()).number).toBe(1);
    await node.close();
  });

  it('parses chopsticks and CLI block mode names', () => {
    expect(parseBlockMode('Instant')).toEqual({ mode: 'instant' });
    expect(parseBlockMode('Batch')).toMatchObject({ mode: 'batch' });
    expect(parseBlockMode('manual')).toEqual({ mode: 'manual' });
    expect(parseBlockMode('interval', 500)).toEqual({ mode: 'interval', intervalMs: 500 });
    expect(parseBlockMode({ interval: 250 })).toEqual({ mode: 'interval', intervalMs: 250 });
    expect(() => parseBlockMode({ interval: -1 })).toThrow();
    expect(() => parseBlockMode('often')).toThrow();
  });

  it('close() leaves no timers or sockets behind', async () => {
    const before = new Set(process.getActiveResourcesInfo());
    const count = (list: string[]) =>
      list.filter((r) => r === 'Timeout' || r === 'TCPServerWrap' || r === 'TCPSocketWrap').length;
    const baseline = count([...before]);
    const chain = await startDevChain({ port: 0, runtime: new FakeRuntime(), blockMode: { interval: 10 } });
    chain.node.pool.submit(tx(1, 0));
    await sleep(40);
    await chain.close();
    await sleep(10);
    expect(count(process.getActiveResourcesInfo())).toBeLessThanOrEqual(baseline);
  });
});
