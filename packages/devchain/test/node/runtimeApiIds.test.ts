/** The runtime API ids are written out in apis.ts (no hashing at module load); each must be blake2-64 of its name. */
import { blake2AsHex } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { apiId, hashedApiId, RUNTIME_APIS, runtimeApiVersions } from '../../src/runtime/apis.js';

describe('runtime API ids', () => {
  it('are blake2-64 of the trait names, as decl_runtime_apis! computes them', () => {
    expect(runtimeApiVersions()).toEqual(RUNTIME_APIS.map(([name, v]) => [blake2AsHex(name, 64), v]));
    for (const [name] of RUNTIME_APIS) expect(apiId(name)).toBe(hashedApiId(name));
    // the well-known one clients look for first
    expect(apiId('Core')).toBe('0xdf6acb689907609b');
  });

  it('hashes a name the table does not have', () => {
    expect(apiId('GrandpaApi')).toBe(blake2AsHex('GrandpaApi', 64));
    expect(apiId('toString')).toBe(blake2AsHex('toString', 64));
  });
});
