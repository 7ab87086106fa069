// @vitest-environment jsdom
import './jsdom-setup.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChainTest } from '@phala-mining/testing/vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { afterAll, expect } from 'vitest';
import { type HistoryDb, type HistoryServer, openHistory, serveHistory } from '../src/index.js';
import { usePoolEvents, useRewardHistory } from '../src/react.js';
import { ARCHIVE, runScenario } from './scenario.js';

let history: HistoryDb;
let server: HistoryServer;
const dir = mkdtempSync(join(tmpdir(), 'phala-history-react-'));

/**
 * The testing package's chain fixture (an archive dev chain, one per file) after the indexer's scenario, indexed
 * into `history` and served over HTTP at `server`, for the file's tests.
 */
const test = createChainTest({ devchain: ARCHIVE }).extend<{ served: true }>({
  served: [
    async ({ fileChain: chain }, use) => {
      await runScenario(chain);
      history = await openHistory({ db: join(dir, 'history.db') });
      try {
        await history.sync(chain.endpoint, { untilHead: true });
        server = await serveHistory(history, { port: 0 });
        await use(true);
      } finally {
        await server?.close();
        await history.close();
      }
    },
    { scope: 'file', auto: true },
  ],
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('useRewardHistory reads daily rewards from the HTTP API', async () => {
  const { result } = renderHook(() => useRewardHistory(server.url, { pool: 0, by: 'day' }));
  await waitFor(() => expect(result.current.loading).toBe(false));
  expect(result.current.error).toBeUndefined();
  const expected = await history.rewards({ pool: 0, by: 'day' });
  expect(result.current.data).toEqual(expected.map((p) => ({ ...p })));
});

test('usePoolEvents pages through a pool’s events', async () => {
  const { result } = renderHook(() => usePoolEvents(server.url, 0, { limit: 5 }));
  await waitFor(() => expect(result.current.data).toBeDefined());
  const expected = await history.events({ pool: 0, limit: 5 });
  expect(result.current.data!.items.map((e) => e.kind)).toEqual(expected.items.map((e) => e.kind));
  expect(result.current.data!.items.map((e) => e.amountPlanck)).toEqual(expected.items.map((e) => e.amount));
  expect(result.current.data!.next).toBe(expected.next);
});

test('reports a bad request as an error', async () => {
  const { result } = renderHook(() => useRewardHistory(server.url, { pool: 0, from: 'not a date' }));
  await waitFor(() => expect(result.current.loading).toBe(false));
  expect(result.current.error?.message).toMatch(/from/);
});
