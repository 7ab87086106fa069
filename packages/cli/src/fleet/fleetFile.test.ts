import { PLANCK_PER_PHA } from '@phala-mining/core';
import { describe, expect, it } from 'vitest';
import { FleetFileError, parseFleetFile } from './fleetFile.js';

const KEY_A = `0x${'aa'.repeat(32)}`;
const KEY_B = `0x${'bb'.repeat(32)}`;
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

function refused(text: string): FleetFileError {
  try {
    parseFleetFile(text, 'f.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(FleetFileError);
    return e as FleetFileError;
  }
  throw new Error('the file was accepted');
}

describe('parseFleetFile', () => {
  it('reads pools and workers into planck, Permill and normalized keys', () => {
    const fleet = parseFleetFile(
      [
        'pools:',
        '  - pid: new',
        '    payout: 12.5',
        '    cap: unlimited',
        '    description: main',
        `    whitelist: [${ALICE}]`,
        '    workers:',
        `      - { key: "${KEY_A.toUpperCase().replace('0X', '0x')}", stake: 2500.5, mining: true }`,
        `      - { key: "${KEY_B}", stake: smax, mining: false }`,
        '  - pid: 3',
        '    cap: "1_000"',
      ].join('\n'),
    );
    expect(fleet.pools).toHaveLength(2);
    const [first, second] = fleet.pools;
    expect(first?.pid).toBe('new');
    expect(first?.payoutPermill).toBe(125_000);
    expect(first?.cap).toBeNull();
    expect(first?.whitelist?.[0]).toMatch(/^4/); // SS58 prefix 30
    expect(first?.workers[0]).toMatchObject({
      key: KEY_A,
      stake: { kind: 'amount', planck: 2500n * PLANCK_PER_PHA + PLANCK_PER_PHA / 2n },
      mining: true,
      at: { line: 8, column: 9 },
    });
    expect(first?.workers[1]?.stake).toEqual({ kind: 'smax' });
    expect(second).toMatchObject({ pid: 3n, cap: 1000n * PLANCK_PER_PHA, workers: [] });
    expect(second?.payoutPermill).toBeUndefined();
  });

  it('refuses malformed YAML with its line and column', () => {
    const e = refused('pools:\n  - pid: 1\n    workers: [\n');
    expect(e.problem).toBe('Malformed');
    expect(e.position.line).toBeGreaterThanOrEqual(3);
    expect(e.message).toMatch(/^f\.yaml:\d+:\d+: /);
  });

  it('refuses an unknown field at the field itself', () => {
    const e = refused(
      ['pools:', '  - pid: 1', '    workers:', `      - key: "${KEY_A}"`, '        staek: 10'].join('\n'),
    );
    expect(e.problem).toBe('UnknownField');
    expect(e.position).toEqual({ line: 5, column: 9 });
    expect(e.message).toBe('f.yaml:5:9: unknown field "staek" in pools.0.workers.0');
  });

  it('refuses an unknown top-level field', () => {
    const e = refused('pools: []\npool: []\n');
    expect(e).toMatchObject({ problem: 'UnknownField', position: { line: 2, column: 1 } });
  });

  it('refuses a bad key, a bad amount and duplicates where they are written', () => {
    expect(refused('pools:\n  - pid: 1\n    workers:\n      - key: "0x12"\n')).toMatchObject({
      problem: 'Invalid',
      position: { line: 4, column: 14 },
    });
    const amount = refused(
      `pools:\n  - pid: 1\n    workers:\n      - key: "${KEY_A}"\n        stake: 1.1234567890123\n`,
    );
    expect(amount).toMatchObject({ problem: 'Invalid', position: { line: 5, column: 16 } });
    expect(amount.message).toMatch(/decimals/i);
    const dup = refused(
      `pools:\n  - pid: 1\n    workers:\n      - key: "${KEY_A}"\n  - pid: 2\n    workers:\n      - key: "${KEY_A}"\n`,
    );
    expect(dup.message).toContain('also listed at 4:9');
    expect(refused('pools:\n  - pid: 1\n  - pid: 1\n').position).toEqual({ line: 3, column: 10 });
    expect(refused('pools:\n  - pid: 1\n    payout: 101\n').position).toEqual({ line: 3, column: 13 });
    expect(refused('pools:\n  - pid: 1\n    whitelist: [nobody]\n').message).toContain('pools.0.whitelist.0');
  });
});
