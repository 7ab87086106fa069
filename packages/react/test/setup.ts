// jsdom installs a WebSocket whose events Node's EventTarget refuses ("must be an instance of Event"). Without a
// global one, @polkadot/api's WsProvider uses the `ws` package, exactly as in any Node process. Components under
// test never touch WebSocket themselves: the client is created here in Node and handed to <MiningProvider>.
if (typeof window !== 'undefined') {
  Reflect.deleteProperty(globalThis, 'WebSocket');
  Reflect.deleteProperty(window, 'WebSocket');
}

import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// testing-library unmounts after each test only when vitest's globals are on; they are not here
afterEach(() => cleanup());
