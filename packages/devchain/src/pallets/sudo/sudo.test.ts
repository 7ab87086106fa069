import { describe, expect, it } from 'vitest';
import {
  accountOf,
  bindPallets,
  callOf,
  eventsOf,
  genesisExt,
  moduleError,
  NONE,
  ROOT,
  runCall,
  signed,
} from '../../../test/helpers/palletTest.js';
import type { RuntimeCallValue } from '../../runtime/ext.js';
import type { Hex } from '../../scale/types.js';
import { Balances, freeBalance } from '../balances/index.js';
import { System } from '../system/index.js';
import { Utility } from '../utility/index.js';
import { Key, Sudo } from './index.js';

const PHA = 10n ** 12n;
const ALICE = accountOf(0xa1);
const BOB = accountOf(0xb0);
const CHARLIE = accountOf(0xc4);
const PALLETS = [System, Utility, Balances, Sudo];
const id = (who: Hex) => ({ tag: 'Id', value: who });
const chain = (sudoKey: Hex = ALICE) =>
  genesisExt(
    {
      endowed: [
        [ALICE, 100n * PHA],
        [BOB, 10n * PHA],
      ],
      sudoKey,
    },
    { pallets: PALLETS },
  );
const REQUIRE_SUDO = moduleError(Sudo, 'RequireSudo');
const OK = { success: true, value: [] };

/** A root-only call with a visible effect. */
const setBob = (free: bigint) =>
  callOf('Balances', 'set_balance', { who: id(BOB), new_free: free, new_reserved: 0n });
const sudo = (inner: RuntimeCallValue) => callOf('Sudo', 'sudo', { call: inner });

describe('Sudo', () => {
  it('takes its key from the genesis config', () => {
    expect(Key.get(chain().state)).toBe(ALICE);
  });

  it('sudo dispatches the call as Root and reports Sudid', () => {
    const ext = chain();
    expect(runCall(ext, signed(ALICE), sudo(setBob(3n * PHA)))).toBeUndefined();
    expect(freeBalance(ext.state, BOB)).toBe(3n * PHA);
    expect(eventsOf(ext, 'Sudo')).toEqual([{ name: 'Sudo.Sudid', fields: { sudo_result: OK } }]);
  });

  it('sudo from anyone but the key fails with RequireSudo; unsigned origins with BadOrigin', () => {
    const ext = chain();
    expect(runCall(ext, signed(BOB), sudo(setBob(PHA)))).toEqual(REQUIRE_SUDO);
    expect(runCall(ext, ROOT, sudo(setBob(PHA)))).toBe('BadOrigin');
    expect(runCall(ext, NONE, sudo(setBob(PHA)))).toBe('BadOrigin');
    expect(freeBalance(ext.state, BOB)).toBe(10n * PHA);
  });

  it('an inner failure is reported in Sudid, rolled back, and sudo itself succeeds', () => {
    const ext = chain();
    const inner = callOf('Utility', 'batch_all', {
      calls: [
        setBob(PHA),
        callOf('Balances', 'force_unreserve', { who: { tag: 'Index', value: 0n }, amount: 1n }),
      ],
    });
    expect(runCall(ext, signed(ALICE), sudo(inner))).toBeUndefined();
    expect(eventsOf(ext)).toEqual([
      { name: 'Sudo.Sudid', fields: { sudo_result: { success: false, value: 'CannotLookup' } } },
    ]);
    expect(freeBalance(ext.state, BOB)).toBe(10n * PHA);
  });

  it('sudo_unchecked_weight behaves like sudo and declares the given weight', () => {
    const ext = chain();
    const weight = { ref_time: 123n, proof_size: 0n };
    const call = callOf('Sudo', 'sudo_unchecked_weight', { call: setBob(2n * PHA), weight });
    expect(runCall(ext, signed(BOB), call)).toEqual(REQUIRE_SUDO);
    expect(runCall(ext, signed(ALICE), call)).toBeUndefined();
    expect(freeBalance(ext.state, BOB)).toBe(2n * PHA);
    const spec = bindPallets([Sudo]).pallets[0]!.callsByName.get('sudo_unchecked_weight')!;
    expect(typeof spec.weight === 'function' ? spec.weight({ call: setBob(0n), weight }) : undefined).toBe(
      123n,
    );
  });

  it('set_key hands the key over and reports the old one', () => {
    const ext = chain();
    expect(runCall(ext, signed(BOB), callOf('Sudo', 'set_key', { new: id(BOB) }))).toEqual(REQUIRE_SUDO);
    expect(runCall(ext, signed(ALICE), callOf('Sudo', 'set_key', { new: id(CHARLIE) }))).toBeUndefined();
    expect(Key.get(ext.state)).toBe(CHARLIE);
    expect(eventsOf(ext)).toEqual([{ name: 'Sudo.KeyChanged', fields: { old_sudoer: ALICE } }]);
    expect(runCall(ext, signed(ALICE), sudo(setBob(PHA)))).toEqual(REQUIRE_SUDO);
    expect(runCall(ext, signed(CHARLIE), sudo(setBob(PHA)))).toBeUndefined();
    expect(
      runCall(ext, signed(CHARLIE), callOf('Sudo', 'set_key', { new: { tag: 'Raw', value: '0x00' } })),
    ).toBe('CannotLookup');
  });

  it('sudo_as dispatches as the given signed account', () => {
    const ext = chain();
    const send = callOf('Balances', 'transfer', { dest: id(CHARLIE), value: PHA });
    const call = callOf('Sudo', 'sudo_as', { who: id(BOB), call: send });
    expect(runCall(ext, signed(BOB), call)).toEqual(REQUIRE_SUDO);
    expect(runCall(ext, signed(ALICE), call)).toBeUndefined();
    expect(freeBalance(ext.state, BOB)).toBe(9n * PHA);
    expect(eventsOf(ext, 'Sudo')).toEqual([{ name: 'Sudo.SudoAsDone', fields: { sudo_result: OK } }]);
    // A root-only call fails as a signed account, inside the event.
    expect(
      runCall(ext, signed(ALICE), callOf('Sudo', 'sudo_as', { who: id(BOB), call: setBob(PHA) })),
    ).toBeUndefined();
    expect(eventsOf(ext, 'Sudo').at(-1)).toEqual({
      name: 'Sudo.SudoAsDone',
      fields: { sudo_result: { success: false, value: 'BadOrigin' } },
    });
  });

  it('without a key nobody is sudo', () => {
    const ext = chain();
    Key.kill(ext.state);
    expect(runCall(ext, signed(ALICE), sudo(setBob(PHA)))).toEqual(REQUIRE_SUDO);
  });
});
