// The test chain runs in this process: under jsdom it must use Node's `ws` and this realm's Uint8Array (as in
// packages/react's test setup, where the reasons are spelled out).
import { TextEncoder as NodeTextEncoder } from 'node:util';

// jsdom installs a WebSocket whose events Node's EventTarget refuses ("must be an instance of Event"). Without a
// global one, @polkadot/api's WsProvider uses the `ws` package, exactly as in any Node process. Components under
// test never touch WebSocket themselves: the client is created here in Node and handed to <MiningProvider>.
if ('window' in globalThis) {
  Reflect.deleteProperty(globalThis, 'WebSocket');
  Reflect.deleteProperty((globalThis as { window?: object }).window ?? {}, 'WebSocket');
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
