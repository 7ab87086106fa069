import type { DevNode } from '../../node.js';

/** What the method modules share. */
export interface RpcEnv {
  readonly node: DevNode;
  /** the socket address clients reach us on, for system_localListenAddresses */
  readonly listenAddress: () => { host: string; port: number };
  /** writes the state file (dev_saveState); absent when no file is configured */
  readonly save?: (() => Promise<string>) | undefined;
}
