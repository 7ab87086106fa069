import { describe, expect, it } from 'vitest';
import { poolSubAccountHex } from './subAccount.js';

describe('poolSubAccount', () => {
  it('matches the spec test vector (pid 0, worker 32×0x01)', () => {
    expect(poolSubAccountHex(0n, `0x${'01'.repeat(32)}`)).toBe(
      '0x73706d2f803c9328556c016cedafac785969cbfc41cd3f3e6948ee5d3e5bebec',
    );
  });
});
