import { multisigAccount } from '@phala-mining/core';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Acting, actingAddress, actingKey, actingSigner, knownMultisig } from '../src/acting/acting.js';

let alice: { address: string };
let bob: { address: string };
let charlie: { address: string };

beforeAll(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 30 });
  alice = keyring.addFromUri('//Alice');
  bob = keyring.addFromUri('//Bob');
  charlie = keyring.addFromUri('//Charlie');
});

describe('the "acting as" choice', () => {
  it('a multisig typed in is checked: the threshold, the signatories, the addresses', () => {
    expect(knownMultisig(alice.address, [], 2)).toEqual({ error: 'Choose at least one other signatory.' });
    expect(knownMultisig(alice.address, [bob.address], 3)).toEqual({
      error: 'The threshold is a whole number from 2 to 2 (the number of signatories).',
    });
    expect(knownMultisig(alice.address, [bob.address, bob.address], 2)).toEqual({
      error: 'Each signatory once.',
    });
    expect(knownMultisig(alice.address, [alice.address], 2)).toEqual({
      error: 'The other signatories do not include the signing account.',
    });
    expect(knownMultisig(alice.address, ['5nope'], 2)).toEqual({ error: '5nope: not an SS58 address' });
    const ok = knownMultisig(alice.address, [bob.address, charlie.address], 2);
    expect(ok).toEqual({
      multisig: {
        address: multisigAccount([alice.address, bob.address, charlie.address], 2),
        threshold: 2,
        signatories: [alice.address, bob.address, charlie.address],
      },
    });
  });

  it('the signer wraps the key as proxy or multisig signatory, and is none while the key is another account', () => {
    const key = alice as never;
    const proxy: Acting = { kind: 'proxy', real: bob.address, proxyType: 'StakePoolManager', delay: 0 };
    const m = knownMultisig(alice.address, [bob.address, charlie.address], 2);
    if (!('multisig' in m)) throw new Error(m.error);
    const multisig: Acting = { kind: 'multisig', ...m.multisig };
    expect(actingSigner(key, { kind: 'self' }, alice.address)).toBe(alice);
    expect(actingSigner(key, proxy, alice.address)).toMatchObject({ coldKey: 'proxy', address: bob.address });
    expect(actingSigner(key, multisig, alice.address)).toMatchObject({
      coldKey: 'multisig',
      address: m.multisig.address,
      threshold: 2,
    });
    // the render where the account changed to Bob and his key has not arrived yet: nothing signs
    expect(actingSigner(key, multisig, bob.address)).toBeUndefined();
    expect(actingAddress(proxy, alice.address)).toBe(bob.address);
    expect(actingKey(multisig)).toBe(`multisig:${m.multisig.address}`);
  });
});
