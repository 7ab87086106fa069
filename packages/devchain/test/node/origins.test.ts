/**
 * Other origins: a web page must not be able to drive the dev chain (open a WebSocket, POST text/plain without a
 * preflight, or rebind its own host name to 127.0.0.1). The allowed origins and clients without Origin work.
 */

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type DevChain, startDevChain } from '../../src/node/devchain.js';
import { openScenario, type Scenario } from '../helpers/stockApi.js';

/** Opens a WebSocket with the given headers; resolves with the HTTP status of a refused upgrade, or 101. */
function upgrade(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once('error', (error) => {
      if (!/Unexpected server response/.test(String(error))) reject(error);
    });
  });
}

function post(chain: DevChain, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(chain.httpEndpoint, { method: 'POST', headers, body });
}

const setStorage = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'dev_setStorage',
  params: [[['0x0102', '0x03']]],
});

describe('origins and hosts (default policy)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await openScenario();
  });
  afterAll(async () => s?.close());

  it('refuses a WebSocket from another origin', async () => {
    expect(await upgrade(s.chain.endpoint, { Origin: 'https://evil.example' })).toBe(403);
  });

  it('does not execute a text/plain POST from another origin, and sends no CORS grant', async () => {
    const reply = await post(s.chain, setStorage, {
      'content-type': 'text/plain',
      Origin: 'https://evil.example',
    });
    expect(reply.status).toBe(403);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    expect(await s.rpc('state_getStorage', ['0x0102'])).toBeNull();
  });

  it('refuses a Host that is not a loopback name (DNS rebinding)', async () => {
    const port = s.chain.port;
    expect(await upgrade(s.chain.endpoint, { Host: `evil.example:${port}` })).toBe(403);
    // fetch may not set Host: a plain http request does, as a rebinding page's browser would
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          headers: { host: `evil.example:${port}`, 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(setStorage);
    });
    expect(status).toBe(403);
    expect(await s.rpc('state_getStorage', ['0x0102'])).toBeNull();
  });

  it('serves the origins Substrate allows by default, and clients without Origin', async () => {
    for (const origin of ['http://localhost:5173', 'https://127.0.0.1:3000', 'https://polkadot.js.org']) {
      expect(await upgrade(s.chain.endpoint, { Origin: origin })).toBe(101);
      const reply = await post(s.chain, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_name' }), {
        'content-type': 'application/json',
        Origin: origin,
      });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('access-control-allow-origin')).toBe(origin);
    }
    expect(await upgrade(s.chain.endpoint, {})).toBe(101);
    expect(await upgrade(s.chain.endpoint, { Host: `localhost:${s.chain.port}` })).toBe(101);
    // the stock client of the scenario (no Origin) still transfers
    const outcome = await s.send(s.api.tx.balances.transfer(s.keys.bob.address, 1n), s.keys.alice);
    expect(outcome.events).toContain('balances.Transfer');
  });
});

describe('origins widened with cors', () => {
  it("'all' accepts any origin; a list accepts exactly its entries", async () => {
    const all = await startDevChain({ port: 0, cors: 'all' });
    const listed = await startDevChain({ port: 0, cors: ['https://app.example'] });
    try {
      expect(await upgrade(all.endpoint, { Origin: 'https://evil.example' })).toBe(101);
      expect(await upgrade(listed.endpoint, { Origin: 'https://app.example' })).toBe(101);
      expect(await upgrade(listed.endpoint, { Origin: 'http://localhost:5173' })).toBe(403);
    } finally {
      await Promise.all([all.close(), listed.close()]);
    }
  });
});

describe('production mode', () => {
  it('has no Sudo key: sudo(system.setStorage) by //Alice fails, nothing is written', async () => {
    const s = await openScenario({ devRpc: false });
    try {
      const outcome = await s.send(
        s.api.tx.sudo.sudo(s.api.tx.system.setStorage([['0x0102', '0x03']])),
        s.keys.alice,
      );
      expect(outcome.error).toBe('sudo.RequireSudo');
      expect(await s.rpc('state_getStorage', ['0x0102'])).toBeNull();
      expect((await s.api.query.sudo.key()).isNone).toBe(true);
    } finally {
      await s.close();
    }
  });
});
