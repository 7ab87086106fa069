// One sample of the in-process cold start, run by coldStart.ts as `node bench/coldProcess.mjs` in a fresh process:
// the built package is imported (timed apart), a bare `ws` echo server answers one request (the baseline, after
// the import so it pays no module loading), then the first startDevChain of the process answers `system_chain`.
// Prints one JSON line: per phase, wall and CPU ms.
import { WebSocket, WebSocketServer } from 'ws';

const phases = {};
const timed = async (name, fn) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const cpu = process.cpuUsage(c0);
  phases[name] = { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
  return value;
};
const ask = (endpoint) =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(endpoint);
    ws.once('open', () =>
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_chain', params: [] })),
    );
    ws.once('message', (data) => {
      ws.close();
      resolve(JSON.parse(String(data)).result);
    });
    ws.once('error', reject);
  });

const { startDevChain } = await timed('import', () => import('../dist/index.js'));
const echo = await timed('echo', async () => {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (ws) =>
    ws.on('message', (data) => ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, result: String(data) }))),
  );
  await ask(`ws://127.0.0.1:${server.address().port}`);
  return server;
});
const chain = await timed('cold', async () => {
  const c = await startDevChain({ port: 0 });
  phases.chainName = await ask(c.endpoint);
  return c;
});
await chain.close();
await new Promise((resolve) => echo.close(resolve));
console.log(JSON.stringify(phases));
process.exit(0);
