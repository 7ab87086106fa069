import type { Ext } from '../../../runtime/ext.js';
import { badOrigin, type Origin } from '../../../runtime/pallet.js';
import type { Hex } from '../../../scale/types.js';
import { pushPalletMessage } from '../mq/index.js';
import { SystemEvent, TOPICS, type WorkerEventValue } from '../mq/types.js';
import { Declaration as Registry } from './declaration.js';
import { PALLET } from './storage.js';
import { PRuntimeManagementEvent, type PRuntimeManagementEventValue } from './types.js';

export function ensureGovernance(origin: Origin): void {
  if (origin.kind !== 'root') throw badOrigin();
}

export function pushWorkerEvent(ext: Ext, pubkey: Hex, event: WorkerEventValue): void {
  pushPalletMessage(ext, PALLET, TOPICS.systemEvent, SystemEvent, {
    tag: 'WorkerEvent',
    value: { pubkey, event },
  });
}

export function managementEvent(ext: Ext, event: PRuntimeManagementEventValue): void {
  pushPalletMessage(ext, PALLET, TOPICS.pruntimeManagement, PRuntimeManagementEvent, event);
  Registry.emit(ext, 'PRuntimeManagement', event as never);
}

/**
 * The first step of Khala's IAS report validation: the signing certificate must chain to Intel's IAS root CA and
 * have signed the report. The dev chain does not ship Intel's root certificate (and an SGX enclave cannot run here
 * anyway), so no certificate chains to it: every attestation is rejected at this step, exactly as Khala rejects a
 * report signed by anyone but Intel. Workers are registered on the dev chain with `force_register_worker` or
 * `devRegisterWorker` instead.
 */
export function validateIasSigningCert(_rawSigningCert: Hex, _signature: Hex): never {
  throw Registry.error('InvalidIASSigningCert');
}
