import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer as InjectedSigner } from '@polkadot/types/types';
import { assertType, expectTypeOf, test } from 'vitest';
import type { MiningSigner } from '../index.js';

declare const pair: KeyringPair;
declare const injected: InjectedSigner;
const alice = '5GrwvaDbBKf6QmhcYB8VmZS4DJdkfqD5SuLMnG7exemzkz4C';

test('a signer is a keyring pair or an address with an injected signer', () => {
  expectTypeOf<MiningSigner>().toEqualTypeOf<
    KeyringPair | { address: string; signer: InjectedSigner; local?: boolean }
  >();
  expectTypeOf(pair).toExtend<MiningSigner>();
  expectTypeOf({ address: alice, signer: injected }).toExtend<MiningSigner>();
  expectTypeOf<MiningSigner['address']>().toEqualTypeOf<string>();
});

test('an address alone, or a signer without its address, is not a signer', () => {
  expectTypeOf(alice).not.toExtend<MiningSigner>();
  expectTypeOf<{ address: string }>().not.toExtend<MiningSigner>();
  expectTypeOf<{ signer: InjectedSigner }>().not.toExtend<MiningSigner>();
  // @ts-expect-error an injected signer is the extension's `signer` object, not a function
  assertType<MiningSigner>({ address: alice, signer: () => '0x' });
  assertType<MiningSigner>({ address: alice, signer: injected });
});
