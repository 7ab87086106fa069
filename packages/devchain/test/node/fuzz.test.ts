import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevChain, startDevChain } from '../../src/node/devchain.js';
import { mulberry32 } from '../helpers/random.js';
import { FakeRuntime } from './fakeRuntime.js';
import { RpcClient } from './rpcClient.js';

describe('fuzz', () => {
  let chain: DevChain;
  let client: RpcClient;

  beforeAll(async () => {
    // manual mode: a random byte string that happens to be a valid fake extrinsic waits in the pool
    chain = await startDevChain({ port: 0, runtime: new FakeRuntime(), blockMode: 'manual' });
    client = await RpcClient.connect(chain.endpoint);
  });
  afterAll(async () => {
    await client.close();
    await chain.close();
  });

  it('survives thousands of random frames without changing the chain', async () => {
    const rand = mulberry32(0xdec0de);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const { methods } = await client.call<{ methods: string[] }>('rpc_methods');
    // methods that legitimately change the chain are excluded; everything else is fair game
    const safe = methods.filter((m) => !m.startsWith('dev_'));
    const hex = (n: number) =>
      `0x${Array.from({ length: n }, () =>
        Math.floor(rand() * 256)
          .toString(16)
          .padStart(2, '0'),
      ).join('')}`;
    const randomValue = (depth = 0): unknown => {
      switch (Math.floor(rand() * (depth > 2 ? 7 : 9))) {
        case 0:
          return null;
        case 1:
          return Math.floor(rand() * 2 ** 40) * (rand() < 0.2 ? -1 : 1);
        case 2:
          return rand() < 0.5;
        case 3:
          return hex(Math.floor(rand() * 40));
        case 4:
          return hex(32);
        case 5:
          return 'x'.repeat(Math.floor(rand() * 20));
        case 6:
          return rand() * 1e6;
        case 7:
          return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(depth + 1));
        default:
          return Object.fromEntries(
            Array.from({ length: Math.floor(rand() * 3) }, (_, i) => [`k${i}`, randomValue(depth + 1)]),
          );
      }
    };
    const head = chain.node.head.hash;
    const headStorage = JSON.stringify(
      chain.node.chain
        .stateAt(head)
        .entries()
        .map(([k, v]) => [k, Buffer.from(v).toString('hex')]),
    );
    const frames: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const kind = rand();
      if (kind < 0.1) {
        frames.push(
          Array.from({ length: Math.floor(rand() * 50) }, () =>
            String.fromCharCode(Math.floor(rand() * 128)),
          ).join(''),
        );
      } else if (kind < 0.2) {
        frames.push(JSON.stringify(randomValue()));
      } else if (kind < 0.45) {
        // random extrinsic bytes: mostly well-framed so they reach the runtime's decoder
        const len = Math.floor(rand() * 60);
        const body = hex(len).slice(2);
        const prefix = rand() < 0.8 ? (len * 4).toString(16).padStart(2, '0') : hex(1).slice(2);
        const method = pick([
          'author_submitExtrinsic',
          'author_submitAndWatchExtrinsic',
          'system_dryRun',
          'payment_queryInfo',
          'transaction_v1_broadcast',
        ]);
        frames.push(
          JSON.stringify({ jsonrpc: '2.0', id: i, method, params: [`0x${len < 64 ? prefix : ''}${body}`] }),
        );
      } else {
        const method = rand() < 0.9 ? pick(safe) : `${pick(safe)}_${hex(2)}`;
        const params =
          rand() < 0.1 ? randomValue() : Array.from({ length: Math.floor(rand() * 4) }, () => randomValue());
        const frame: Record<string, unknown> = { jsonrpc: rand() < 0.95 ? '2.0' : '1.0', method, params };
        if (rand() < 0.9) frame.id = rand() < 0.5 ? i : `s${i}`;
        frames.push(JSON.stringify(rand() < 0.05 ? [frame, frame] : frame));
      }
    }
    for (const frame of frames) client.ws.send(frame);
    // every frame gets processed before this reply comes back on the same socket
    await client.until(() => client.stray.length > 0);
    const reply = await client.call('system_chain');
    expect(reply).toBe('Fake Dev');
    await new Promise((r) => setTimeout(r, 200));
    for (const stray of client.stray as any[]) {
      const replies = Array.isArray(stray) ? stray : [stray];
      for (const r of replies) {
        if (r && typeof r === 'object' && r.error) expect(Number.isInteger(r.error.code)).toBe(true);
      }
    }
    expect(await client.call('chain_getBlockHash', [0])).toBe(chain.node.chain.genesis.hash);
    expect(chain.node.head.hash).toBe(head);
    expect(chain.node.head.number).toBe(0);
    const after = JSON.stringify(
      chain.node.chain
        .stateAt(head)
        .entries()
        .map(([k, v]) => [k, Buffer.from(v).toString('hex')]),
    );
    expect(after).toBe(headStorage);
    const fresh = await RpcClient.connect(chain.endpoint);
    expect(await fresh.call('system_name')).toBe('phala-devchain');
    await fresh.close();
  });
});
