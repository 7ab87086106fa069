/**
 * The dev chain's Phala pallets must look exactly like Khala's to any client. This compares every item of
 * PhalaMq, PhalaRegistry, PhalaMining and PhalaStakePool in our metadata with the live Khala 1190 metadata
 * (reference data in ../shared), after applying the documented differences of runtime 1192.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { u8aToHex } from '@polkadot/util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKhalaRuntime } from '../../src/index.js';
import { decodeMetadata, ShapeDescriber } from './metadataShape.js';

const SHARED = fileURLToPath(new URL('../../../../../shared/khala/metadata/', import.meta.url));
const PALLETS = ['PhalaMq', 'PhalaRegistry', 'PhalaMining', 'PhalaStakePool'] as const;

/** Items Khala 1192 has and 1190 lacks (../shared/khala/metadata/README.md). */
const ADDED_IN_1192: Record<string, string[]> = {
  PhalaStakePool: [
    'errors 29 MinerDoesNotExist',
    'errors 29 MinerDoesNotExist docs',
    'errors 30 WorkerIsNotReady',
    'errors 30 WorkerIsNotReady docs',
  ],
  PhalaMining: [
    'calls 6 set_heartbeat_paused',
    'calls 6 set_heartbeat_paused docs',
    'storage HeartbeatPaused',
    'storage HeartbeatPaused docs',
  ],
};

/**
 * Constant values that a dev chain sets differently on purpose: it accepts workers without Intel attestation,
 * so it cannot require an allow-listed pRuntime or relay chain genesis (as Phala's own dev node does).
 */
const DEV_VALUE_DIFFERENCES: Record<string, string[]> = {
  PhalaRegistry: ['constant VerifyPRuntime value', 'constant VerifyRelaychainGenesisBlockHash value'],
};

function expected1192Order(pallet: string, order: string): string {
  if (pallet !== 'PhalaMining') return order;
  const items = order.split(',');
  items.splice(items.indexOf('ExpectedHeartbeatCount') + 1, 0, 'HeartbeatPaused');
  return items.join(',');
}

describe('metadata conformance with live Khala 1190 (+ 1192 deltas)', () => {
  let real: ShapeDescriber;
  let ours: ShapeDescriber;

  beforeAll(() => {
    const envelope = JSON.parse(readFileSync(`${SHARED}khala-1190.json`, 'utf8')) as { result: string };
    real = new ShapeDescriber(decodeMetadata(envelope.result as `0x${string}`));
    ours = new ShapeDescriber(decodeMetadata(u8aToHex(createKhalaRuntime().metadata())));
  });

  for (const pallet of PALLETS) {
    it(`${pallet}: every item matches`, () => {
      const theirs = real.describePallet(pallet);
      const mine = ours.describePallet(pallet);
      expect(mine.size, `${pallet} is missing from the dev chain`).toBeGreaterThan(0);
      const differences: string[] = [];
      for (const [key, value] of theirs) {
        if (DEV_VALUE_DIFFERENCES[pallet]?.includes(key)) continue;
        const want = key === 'storage order' ? expected1192Order(pallet, value) : value;
        const got = mine.get(key);
        if (got === undefined) differences.push(`missing ${key}`);
        else if (got !== want) differences.push(`${key}:\n  khala: ${want}\n  ours:  ${got}`);
      }
      for (const key of mine.keys()) {
        if (!theirs.has(key) && !ADDED_IN_1192[pallet]?.includes(key)) differences.push(`extra ${key}`);
      }
      for (const key of ADDED_IN_1192[pallet] ?? []) {
        if (!key.endsWith(' docs') && !mine.has(key)) differences.push(`missing 1192 item ${key}`);
      }
      expect(differences, differences.join('\n')).toEqual([]);
    });
  }

  it('the outer enums place the Phala pallets at Khala indices', () => {
    for (const pallet of PALLETS) {
      expect(ours.pallet(pallet)?.index.toNumber()).toBe(real.pallet(pallet)?.index.toNumber());
    }
  });
});
