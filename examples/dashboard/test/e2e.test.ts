import { describe } from 'vitest';
import { coldKeyFlows } from './flows/coldKeys.js';
import { fleetFlows, manyWorkersFlows } from './flows/fleet.js';
import { guardianFlows } from './flows/guardian.js';
import { layoutFlows } from './flows/layout.js';
import { nonceFlows } from './flows/nonce.js';
import { ownerFlows } from './flows/owner.js';
import { stakerFlows } from './flows/staker.js';
import { useHarness } from './harness.js';

// One dev chain, indexer and browser for every flow, in this order: each flow starts from the state the last left
// (pools, workers, stakes, the chain's clock), as a user's session would.
describe('dashboard in Chromium against the dev chain and the indexer', () => {
  useHarness();
  ownerFlows();
  fleetFlows();
  stakerFlows();
  manyWorkersFlows();
  guardianFlows();
  coldKeyFlows();
  layoutFlows();
  nonceFlows();
});
