import { firstValueFrom } from 'rxjs';
import { describe, expect } from 'vitest';
import { miningTest as test } from '../../test/chainTest.js';
import { miningPool, states, travelTo } from '../../test/guardianPool.js';
import { until } from '../../test/helpers.js';
import { pha } from '../index.js';

describe('reclaimable', () => {
  test('lists the workers whose cooldown ended; reclaiming them pays the queue', async ({
    chain,
    client,
  }) => {
    const { alice, bob, charlie } = chain.accounts;
    const { pid, workers } = await miningPool(chain, ['3000', '4000', '5000']);
    await client
      .pool(pid)
      .withdraw({ amount: pha('3500') })
      .send(bob);
    const plan = await client.planWithdrawalCover(pid, { strategy: 'fewest' });
    await plan.operation!.send(alice);
    const [stopped] = plan.stops;
    expect(await client.reclaimable(pid)).toEqual([]); // cooling down, not over

    const { coolDownPeriod } = await client.guardianSnapshot(pid);
    const end = (await client.guardianSnapshot(pid)).workers.find((w) => w.pubkey === stopped!.worker)!
      .cooldownEnd!;
    await travelTo(chain, end - 6n);
    expect(await client.reclaimable(pid)).toEqual([]); // one block early: the chain would refuse it
    expect(coolDownPeriod).toBeGreaterThan(0n);
    await travelTo(chain, end);
    const ready = await client.reclaimable(pid);
    expect(ready).toEqual([{ pid, worker: stopped!.worker, stake: stopped!.stake, cooldownEnd: end }]);
    // the live form says the same
    expect(await until(client.reclaimable$(pid), (r) => r.length === 1)).toEqual(ready);

    // anyone may reclaim: Charlie does, and the queue is paid from the freed stake
    await client.pool(pid).reclaimWorker(stopped!.worker).send(charlie);
    expect(await client.reclaimable(pid)).toEqual([]);
    const risk = await client.withdrawalRisk(pid);
    expect(risk.requests).toEqual([]);
    const s = await states(client, pid);
    expect(s[stopped!.worker]).toBe('Ready');
    expect(workers.filter((w) => w !== stopped!.worker).map((w) => s[w])).toEqual(['Mining', 'Mining']);
    expect((await firstValueFrom(client.pool$(pid)))?.withdrawQueue).toEqual([]);
  });
});
