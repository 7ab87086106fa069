/**
 * The dev chain's genesis looks like live Khala at 1192: PhalaStakePool's mining switch is on, so a pool owner can
 * stop a worker on a fresh chain. `runtime.miningEnabled: false` (and `phala-devchain --mining-disabled`) start with it
 * off, where stop_mining fails with FeatureNotEnabled. Through stock @polkadot/api over a real socket.
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import { afterEach, describe, expect, it } from 'vitest';
import { startCli, stopCli } from '../helpers/cli.js';
import { createdPid, openScenario, PHA, registerWorker, type Scenario } from '../helpers/stockApi.js';

describe('the mining switch at genesis', () => {
  let s: Scenario | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  /** creates a pool with one worker mining on 5,000 PHA (above Smin), then stops it; returns the stop's error, if any */
  const startThenStop = async (scenario: Scenario): Promise<string | undefined> => {
    const { alice, bob } = scenario.keys;
    const pid = createdPid(await scenario.send(scenario.api.tx.phalaStakePool.create(), alice));
    const worker = await registerWorker(scenario, alice, 2000);
    expect(
      (await scenario.send(scenario.api.tx.phalaStakePool.addWorker(pid, worker), alice)).error,
    ).toBeUndefined();
    expect(
      (await scenario.send(scenario.api.tx.phalaStakePool.contribute(pid, 6_000n * PHA), bob)).error,
    ).toBeUndefined();
    expect(
      (await scenario.send(scenario.api.tx.phalaStakePool.startMining(pid, worker, 5_000n * PHA), alice))
        .error,
    ).toBeUndefined();
    return (await scenario.send(scenario.api.tx.phalaStakePool.stopMining(pid, worker), alice)).error;
  };

  it('is on by default, and a fresh chain lets the owner stop a worker', async () => {
    s = await openScenario();
    expect((await s.api.query.phalaStakePool.miningEnabled()).isTrue).toBe(true);
    expect(await startThenStop(s)).toBeUndefined();
  });

  it('runtime.miningEnabled: false starts it off: stop_mining fails with FeatureNotEnabled', async () => {
    s = await openScenario({ runtime: { miningEnabled: false } });
    expect((await s.api.query.phalaStakePool.miningEnabled()).isTrue).toBe(false);
    expect(await startThenStop(s)).toBe('phalaStakePool.FeatureNotEnabled');
  });

  it('phala-devchain --mining-disabled starts it off; without the flag it is on', async () => {
    for (const [args, expected] of [
      [['--mining-disabled'], false],
      [[], true],
    ] as const) {
      const node = await startCli(['--port', '0', ...args]);
      const api = await ApiPromise.create({
        provider: new WsProvider(node.endpoint),
        signedExtensions: { CheckMqSequence: { extrinsic: {}, payload: {} } },
        noInitWarn: true,
      });
      try {
        expect(
          ((await api.query.phalaStakePool!.miningEnabled!()) as unknown as { isTrue: boolean }).isTrue,
        ).toBe(expected);
      } finally {
        await api.disconnect();
        await stopCli(node.child, 'SIGTERM');
      }
    }
  }, 60_000);
});
