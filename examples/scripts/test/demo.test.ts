import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pha } from '@phala-mining/core';
import { createTestChain } from '@phala-mining/testing';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo.js';

/** The story's steps, in order: each must be narrated. */
const STEPS = [
  'Create a stake pool',
  'Set the payout to 20 %',
  'Set the staking capacity',
  'Register and add two workers',
  'Bob and Charlie contribute',
  'Start mining both workers',
  'Rewards accrue',
  'Claim the owner and staker rewards',
  'Stop a worker',
  'Charlie withdraws more than is free',
  '7 days pass',
  'Reclaim the worker: its stake pays the queue',
  'Remove the worker',
];

function expectSteps(output: string): void {
  let at = 0;
  STEPS.forEach((step, i) => {
    const heading = `[${i + 1}/${STEPS.length}] ${step}`;
    const found = output.indexOf(heading, at);
    expect(found, `step "${heading}" narrated in order`).toBeGreaterThanOrEqual(0);
    at = found;
  });
}

describe('pnpm demo', () => {
  it('walks the whole lifecycle on an embedded dev chain, narrating every step and transaction', async () => {
    let output = '';
    const outcome = await runDemo({
      write: (text) => {
        output += text;
      },
    });

    expectSteps(output);
    // every transaction shows its progress to finality
    const txLines = output.split('\n').filter((l) => l.includes('⧗'));
    expect(txLines.length).toBeGreaterThanOrEqual(13);
    for (const line of txLines)
      expect(line).toMatch(/signed \(nonce \d+\) → broadcast → in block #\d+ → finalized ✓$/);
    // the facts each step is about
    expect(output).toContain('Commission: 20 %');
    expect(output).toContain('Cap: 100,000 PHA');
    expect(output).toMatch(/Smin 4,472\.1359 PHA ≤ stake 10,000 PHA ≤ Smax/);
    expect(output).toMatch(/round 3: mined [\d,.]+ PHA in all · Owner Reward/);
    expect(output).toContain('Paid at once: 5,000 PHA. Queued: 5,000 PHA');
    expect(output).toMatch(/Charlie +5,000 +7d/);
    expect(output).toContain('cooldown over (0s left)');
    expect(output).toContain('Withdraw Queue: empty — Charlie was paid');

    expect(outcome.mined).toBeGreaterThan(0n);
    expect(outcome.ownerClaimed).toBeGreaterThan(0n);
    expect(outcome.stakerClaimed).toBeGreaterThan(outcome.ownerClaimed);
    expect(outcome.withdrawnNow).toBe(pha('5000'));
    expect(outcome.queued).toBe(pha('5000'));
    expect(outcome.queueAfterReclaim).toBe(0);
    expect(outcome.workersAtEnd).toEqual([{ pubkey: outcome.workers[0], state: 'Mining' }]);
  });

  it('runs from the command line against an external endpoint (--endpoint)', async () => {
    const chain = await createTestChain();
    try {
      const script = fileURLToPath(new URL('../src/demo.ts', import.meta.url));
      const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
      const { stdout } = await promisify(execFile)(tsx, [script, '--endpoint', chain.endpoint], {
        timeout: 110_000,
      });
      expect(stdout).toContain(`on the dev chain at ${chain.endpoint}`);
      expectSteps(stdout);
      expect(stdout).toContain('Done');
    } finally {
      await chain.close();
    }
  });
});
