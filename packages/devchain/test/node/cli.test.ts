import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, stopCli } from '../helpers/cli.js';
import { RpcClient } from './rpcClient.js';

const start = startCli;
const stop = stopCli;

// each test starts the CLI from source two to four times: ~2 s each here alone, 5–10 s on a loaded machine
describe('phala-devchain CLI', { timeout: 180_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'devchain-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves, saves its state on SIGTERM and resumes from it', async () => {
    const file = join(dir, 'state.json');
    const first = await start(['--port', '0', '--state', file, '--block-mode', 'manual']);
    const client = await RpcClient.connect(first.endpoint);
    expect(await client.call('system_chain')).toBe('Khala Local Testnet');
    const hash = await client.call('dev_newBlock', [{ count: 2 }]);
    await client.close();
    expect(await stop(first.child, 'SIGTERM')).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8')).canonical.at(-1)).toBe(hash);

    const second = await start(['--port', '0', '--state', file]);
    const again = await RpcClient.connect(second.endpoint);
    expect(await again.call('chain_getBlockHash')).toBe(hash);
    await again.close();
    expect(await stop(second.child, 'SIGINT')).toBe(0);
  });

  it("--production serves no dev methods and refuses a dev chain's state file (another genesis: no Sudo key)", async () => {
    const fresh = await start(['--port', '0', '--production']);
    const client = await RpcClient.connect(fresh.endpoint);
    expect((await client.request('dev_newBlock')).error?.code).toBe(-32601);
    expect((await client.request('phala_registerWorker', [{}])).error?.code).toBe(-32601);
    await client.close();
    expect(await stop(fresh.child, 'SIGTERM')).toBe(0);

    const file = join(dir, 'dev.json');
    const dev = await start(['--port', '0', '--state', file, '--block-mode', 'manual']);
    expect(await stop(dev.child, 'SIGTERM')).toBe(0);
    await expect(start(['--port', '0', '--state', file, '--production'])).rejects.toThrow(/--production/);
  });

  it('warns when listening beyond loopback', async () => {
    const wide = await start(['--port', '0', '--host', '0.0.0.0']);
    await wide.waitFor(/warning: listening on 0\.0\.0\.0, not loopback: .*dev_\* methods.*Sudo key/);
    expect(await stop(wide.child, 'SIGTERM')).toBe(0);
  });

  it('stops on SIGTERM in the middle of a long dev_newBlock run', async () => {
    // 100,000 blocks take minutes; without yielding between blocks the signal would wait for all of them. The
    // saved state says where it stopped: in the middle, whatever the machine's speed (no deadline to race)
    const file = join(dir, 'long-run.json');
    const node = await start([
      '--port',
      '0',
      '--state',
      file,
      '--block-mode',
      'manual',
      '--max-new-blocks',
      '100000',
    ]);
    const client = await RpcClient.connect(node.endpoint);
    void client.request('dev_newBlock', [{ count: 100_000 }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await client.call('system_name')).toBe('phala-devchain');
    const code = await stop(node.child, 'SIGTERM');
    expect(code).toBe(0);
    expect(node.output()).toMatch(/SIGTERM: saving and shutting down/);
    // genesis and fewer than the 100,000 blocks asked for
    expect(JSON.parse(await readFile(file, 'utf8')).canonical.length).toBeLessThan(100_001);
  });

  it('rejects a bad block mode', async () => {
    await expect(start(['--port', '0', '--block-mode', 'sometimes'])).rejects.toThrow(/unknown block mode/);
  });
});
