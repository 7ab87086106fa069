import { describe, expect, it } from 'vitest';
import { runGuard } from '../src/guard-withdrawals.js';

describe('guard-withdrawals example', () => {
  it('narrates the rescue: the lone pool stops entirely, the guarded one keeps its other workers mining', async () => {
    let output = '';
    const outcome = await runGuard({
      write: (t) => {
        output += t;
      },
    });
    expect(outcome.predictedStop).toBe(true);
    expect(outcome.unguardedStates).toEqual(['CoolingDown', 'CoolingDown', 'CoolingDown', 'CoolingDown']);
    expect(outcome.stopped.length).toBeGreaterThan(0);
    expect(outcome.guardedStates.filter((s) => s === 'Mining')).toHaveLength(4 - outcome.stopped.length);
    expect(outcome.queueAfterReclaim).toBe(0);
    for (let i = 1; i <= 5; i++) expect(output).toContain(`[${i}/5]`);
    expect(output).toContain('AT RISK: 5,500 PHA short');
  });
});
