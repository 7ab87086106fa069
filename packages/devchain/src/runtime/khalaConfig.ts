/**
 * The Khala runtime's wiring of pallet Config items — `impl pallet_mining::Config for Runtime { type OnReward =
 * PhalaStakePool; … }` and `msg_routing.rs` in khala-parachain's `runtime/khala/src/`. Upward calls between the
 * Phala pallets go through here, so the pallets themselves import only downward: mq ← registry ← mining ← stakepool.
 */

import * as mining from '../pallets/phala/mining/index.js';
import { type MiningConfig, MiningConfigKey } from '../pallets/phala/mining/index.js';
import { decodePayload, type MessageHandler, type MqConfig, MqConfigKey } from '../pallets/phala/mq/index.js';
import { TOPICS } from '../pallets/phala/mq/types.js';
import * as registry from '../pallets/phala/registry/index.js';
import * as stakePool from '../pallets/phala/stakepool/index.js';
import type { Hex } from '../scale/types.js';
import { type PalletConfigs, wireConfigs } from './config.js';

/** Khala's message routing, in `msg_routing.rs` order: registry worker and gatekeeper messages, then mining. */
export const KHALA_MESSAGE_ROUTES: ReadonlyMap<Hex, MessageHandler> = new Map<Hex, MessageHandler>([
  [
    TOPICS.registryEvent,
    (ext, sender, payload) =>
      registry.onMessageReceived(ext, sender, decodePayload(registry.RegistryEvent, payload)),
  ],
  [
    TOPICS.registryGkEvent,
    (ext, sender, payload) =>
      registry.onGkMessageReceived(ext, sender, decodePayload(registry.GatekeeperRegistryEvent, payload)),
  ],
  [
    TOPICS.miningUpdate,
    (ext, sender, payload) =>
      mining.onGkMessageReceived(ext, sender, decodePayload(mining.MiningInfoUpdateEvent, payload)),
  ],
  [
    TOPICS.miningReport,
    (ext, sender, payload) =>
      mining.onMiningMessageReceived(ext, sender, decodePayload(mining.MiningReportEvent, payload)),
  ],
]);

const mqConfig: MqConfig = { routes: KHALA_MESSAGE_ROUTES, checkMessage: registry.checkMessage };

/** `type OnReward = PhalaStakePool; type OnStopped = PhalaStakePool; type OnUnbound = PhalaStakePool;` */
const miningConfig: MiningConfig = {
  onReward: stakePool.onReward,
  onStopped: stakePool.onStopped,
  onUnbound: stakePool.onUnbound,
};

/** The Config items of Khala's Phala pallets; immutable, so every runtime instance may share them. */
export function khalaPalletConfigs(): PalletConfigs {
  return wireConfigs([
    [MqConfigKey, mqConfig],
    [MiningConfigKey, miningConfig],
  ]);
}
