/**
 * A pool run by a StakePoolManager proxy: the owner key (Alice) stays cold after one `addProxy`; a hot key (Dave)
 * adds, starts, stops and reclaims workers for it with `asProxy`. The proxy filter keeps the pool's money and
 * settings with the owner: a `setCap` through the proxy is refused, naming the filter, before anything is signed.
 */
import { asProxy, ProxyCallFilteredError, pha, sameAccount } from '@phala-mining/core';
import { ensureMiningEnabled, newPool, stakeRange } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface ProxyOperatorOutcome {
  pid: bigint;
  /** the pool's owner: the cold key, not the proxy */
  owner: string;
  /** the proxy relation as the chain lists it */
  proxyType: string;
  worker: string;
  /** worker states the proxy drove it through */
  states: string[];
  /** the worker's state after the reclaim: it stays in the pool, Ready again */
  stateAfterReclaim: string;
  /** what `setCap` through the proxy is refused with */
  rejected: { code: string; proxyType: string; call: string };
}

export function main(endpoint?: string): Promise<ProxyOperatorOutcome> {
  return withSession(endpoint, async (session) => {
    const { client, chain, accounts } = session;
    const { alice: owner, dave: hot } = accounts;
    await ensureMiningEnabled(session);
    const pid = await newPool(session, owner);
    await client.pool(pid).contribute(pha('20000')).send(owner);

    // once, signed by the owner: Dave may now run Alice's pools (and nothing else)
    const existing = await until(client.proxies$(owner.address));
    if (!existing.some((p) => sameAccount(p.delegate, hot.address) && p.proxyType === 'StakePoolManager'))
      await client.addProxy(hot.address).send(owner);
    const [relation] = await until(client.proxies$(owner.address), (ps) => ps.length > 0);

    const manager = asProxy(hot, { real: owner.address });
    const worker = await chain.registerWorker({ operator: owner, score: 2000, cores: 4 });
    const states: string[] = [];

    // every rule is checked as Alice (owner of the pool, operator of the worker); Dave signs and pays the fee
    await client.pool(pid).addWorker(worker).send(manager);
    const { smin } = await stakeRange(session, pid, worker);
    await client.pool(pid).startMining(worker, smin).send(manager);
    states.push((await until(client.workers$(pid), (ws) => ws[0]?.state === 'Mining'))[0]!.state);
    await client.pool(pid).stopMining(worker).send(manager);
    const [cooling] = await until(client.workers$(pid), (ws) => ws[0]?.state === 'CoolingDown');
    states.push(cooling!.state);
    await chain.timeTravel(new Date(Number(cooling!.cooldownEnd!) * 1000));
    await client.pool(pid).reclaimWorker(worker).send(manager);
    const [after] = await until(client.workers$(pid), (ws) => ws[0]?.state === 'Ready');

    const rejected = await client
      .pool(pid)
      .setCap(pha('50000'))
      .send(manager)
      .then(
        () => {
          throw new Error('setCap through a StakePoolManager proxy was accepted');
        },
        (error: unknown) => {
          if (!(error instanceof ProxyCallFilteredError)) throw error;
          return { code: error.code, proxyType: error.proxyType, call: error.call };
        },
      );
    const pool = (await until(client.pool$(pid)))!;
    return {
      pid,
      owner: pool.owner,
      proxyType: relation!.proxyType,
      worker,
      states,
      stateAfterReclaim: after!.state,
      rejected,
    };
  });
}

runAsCommand(import.meta.url, main);
