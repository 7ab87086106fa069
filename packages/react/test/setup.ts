import { TextEncoder as NodeTextEncoder } from 'node:util';

// jsdom installs a WebSocket whose events Node's EventTarget refuses ("must be an instance of Event"). Without a
// global one, @polkadot/api's WsProvider uses the `ws` package, exactly as in any Node process. Components under
// test never touch WebSocket themselves: the client is created here in Node and handed to <MiningProvider>.
if (typeof window !== 'undefined') {
  Reflect.deleteProperty(globalThis, 'WebSocket');
  Reflect.deleteProperty(window, 'WebSocket');
  // under jsdom the encoder's Uint8Arrays come from another realm than the test's, so @polkadot/util's
  // `instanceof Uint8Array` refuses them wherever a library encodes text with the global TextEncoder. A browser
  // has one realm: an encoder returning this realm's Uint8Array is the faithful stand-in.
  class SameRealmTextEncoder extends NodeTextEncoder {
    override encode(input?: string): Uint8Array<ArrayBuffer> {
      return new Uint8Array(super.encode(input));
    }
  }
  Object.defineProperty(globalThis, 'TextEncoder', {
    value: SameRealmTextEncoder,
    configurable: true,
    writable: true,
  });
}

import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// waitFor's default 1 s is a fast machine's: what the tests wait for comes over the dev chain's socket, which a
// loaded CI machine can take seconds to deliver. The wait still fails, with its last error, when nothing comes.
configure({ asyncUtilTimeout: 30_000 });

// testing-library unmounts after each test only when vitest's globals are on; they are not here
afterEach(() => cleanup());
