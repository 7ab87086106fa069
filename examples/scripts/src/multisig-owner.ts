/**
 * A pool owned by a 2-of-3 multisig (Alice, Bob, Charlie): no single key can change it. Setting the payout takes
 * two signatories sending the same operation with `asMultisig` — the first opens it (and reserves the deposit),
 * the second executes it; `pendingMultisigs$` shows what waits for approval in between.
 */
import { asMultisig, multisigAccount, NotPoolOwnerError, pha } from '@phala-mining/core';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface MultisigOwnerOutcome {
  /** the multisig account, owner of the pool */
  owner: string;
  pid: bigint;
  /** what each step did: opened, then executed */
  steps: string[];
  /** approvals on chain between the two steps */
  pendingApprovals: number;
  /** the payout in Permill after the execution */
  commission: number;
  /** what one signatory alone is refused with */
  rejected: string;
}

export function main(endpoint?: string): Promise<MultisigOwnerOutcome> {
  return withSession(endpoint, async ({ client, chain, accounts }) => {
    const { alice, bob, charlie } = accounts;
    const owner = multisigAccount([alice.address, bob.address, charlie.address], 2, client.ss58);
    // the multisig account pays nothing itself but must exist to own a pool
    await chain.fund(owner, pha('100'));
    const byAlice = asMultisig(alice, { threshold: 2, others: [bob, charlie] });
    const byBob = asMultisig(bob, { threshold: 2, others: [alice, charlie] });

    await client.createPool().send(byAlice);
    const { value: pid } = await client.createPool().send(byBob);

    const steps: string[] = [];
    const opened = await client.pool(pid).setPayout(15).send(byAlice);
    steps.push(opened.multisig!.status);
    const [pending] = await until(client.pendingMultisigs$(owner), (ps) => ps.length === 1);
    const executed = await client.pool(pid).setPayout(15).send(byBob);
    steps.push(executed.multisig!.status);
    const pool = (await until(client.pool$(pid), (p) => p?.commission === 150_000))!;

    const rejected = await client
      .pool(pid)
      .setPayout(50)
      .dryRun(alice)
      .then(
        () => 'accepted',
        (error: unknown) => (error instanceof NotPoolOwnerError ? error.code : String(error)),
      );
    return {
      owner: pool.owner,
      pid,
      steps,
      pendingApprovals: pending!.approvals.length,
      commission: pool.commission,
      rejected,
    };
  });
}

runAsCommand(import.meta.url, main);
