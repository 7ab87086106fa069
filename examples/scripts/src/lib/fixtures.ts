import { pha } from '@phala-mining/core';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Session } from './session.js';
import { until } from './wait.js';

/*
 * The steps an example needs done before the operation it shows. Each is one of the other examples in a line or
 * two, so every script stays about its own operation.
 */

/** A new pool owned by `owner` (default Alice); returns its pid. */
export async function newPool(
  { client, accounts }: Session,
  owner: KeyringPair = accounts.alice,
): Promise<bigint> {
  const { value: pid } = await client.createPool().send(owner);
  return pid;
}

/** Registers a simulated worker operated by the pool owner (dev RPC) and adds it to the pool. */
export async function addRegisteredWorker(
  { chain, client, accounts }: Session,
  pid: bigint,
  options: { score?: number; cores?: number; owner?: KeyringPair } = {},
): Promise<`0x${string}`> {
  const owner = options.owner ?? accounts.alice;
  const worker = await chain.registerWorker({
    operator: owner,
    score: options.score ?? 2000,
    cores: options.cores ?? 4,
  });
  await client.pool(pid).addWorker(worker).send(owner);
  return worker;
}

/** The worker's Smin and Smax as the Worker List shows them. */
export async function stakeRange(
  { client }: Session,
  pid: bigint,
  worker: string,
): Promise<{ smin: bigint; smax: bigint }> {
  const views = await until(client.workers$(pid), (ws) =>
    ws.some((w) => w.pubkey === worker && w.smin !== undefined),
  );
  const view = views.find((w) => w.pubkey === worker)!;
  return { smin: view.smin!, smax: view.smax ?? view.smin! };
}

/**
 * A pool of Alice's with Bob's stake and one worker mining at Smin, online. `stake` is Bob's contribution
 * (default 10 000 PHA); what the worker does not use stays free in the pool.
 */
export async function miningPool(
  session: Session,
  options: { stake?: bigint; score?: number } = {},
): Promise<{ pid: bigint; worker: `0x${string}`; workerStake: bigint }> {
  const { client, chain, accounts } = session;
  const pid = await newPool(session);
  await client
    .pool(pid)
    .contribute(options.stake ?? pha('10000'))
    .send(accounts.bob);
  const worker = await addRegisteredWorker(session, pid, { score: options.score ?? 2000 });
  const { smin } = await stakeRange(session, pid, worker);
  await client.pool(pid).startMining(worker, smin).send(accounts.alice);
  await chain.setWorkerOnline(worker, true);
  return { pid, worker, workerStake: smin };
}

/**
 * Lets `rounds` settlement rounds pass: a few blocks of mining, then the gatekeeper settles and pays every
 * responsive mining worker for the time since its last settlement.
 */
export async function earnRewards({ chain }: Session, rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await chain.newBlocks(BLOCKS_PER_ROUND);
    await chain.settle();
  }
}

/** Blocks of mining between two settlements in the examples (12 s each). */
export const BLOCKS_PER_ROUND = 10;

/**
 * Stopping a worker needs the stake pool's mining switch on. A fresh dev chain starts with it off, as Khala did
 * before mining opened; Alice is the dev chain's sudo key and turns it on.
 */
export async function ensureMiningEnabled({ client, chain }: Session): Promise<boolean> {
  const { miningEnabled } = await until(client.tokenomics$());
  if (miningEnabled) return false;
  await chain.setMiningEnabled(true);
  await until(client.tokenomics$(), (t) => t.miningEnabled);
  return true;
}
