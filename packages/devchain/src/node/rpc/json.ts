import { u8aToHex } from '@polkadot/util';
import type { HeaderFields, RuntimeVersion } from '../../runtime/interface.js';
import type { Hex } from '../../scale/types.js';
import type { BlockRecord } from '../chain.js';

/** Substrate's JSON header: number as hex, digest under `logs`. */
export function headerJson(header: HeaderFields) {
  return {
    parentHash: header.parentHash,
    number: `0x${header.number.toString(16)}`,
    stateRoot: header.stateRoot,
    extrinsicsRoot: header.extrinsicsRoot,
    digest: { logs: [...header.digest] },
  };
}

/** `chain_getBlock`'s SignedBlock. */
export function blockJson(block: BlockRecord) {
  return {
    block: { header: headerJson(block.header), extrinsics: block.extrinsics.map((x) => u8aToHex(x) as Hex) },
    justifications: null,
  };
}

/** `state_getRuntimeVersion` / `state_runtimeVersion`. */
export function runtimeVersionJson(version: RuntimeVersion) {
  return {
    specName: version.specName,
    implName: version.implName,
    authoringVersion: version.authoringVersion,
    specVersion: version.specVersion,
    implVersion: version.implVersion,
    apis: version.apis.map(([id, v]) => [id, v]),
    transactionVersion: version.transactionVersion,
    stateVersion: version.stateVersion,
  };
}

/** The runtime description in chainHead_v1 follow events. */
export function runtimeSpecJson(version: RuntimeVersion) {
  return {
    type: 'valid',
    spec: {
      specName: version.specName,
      implName: version.implName,
      specVersion: version.specVersion,
      implVersion: version.implVersion,
      transactionVersion: version.transactionVersion,
      apis: Object.fromEntries(version.apis.map(([id, v]) => [id, v])),
    },
  };
}
