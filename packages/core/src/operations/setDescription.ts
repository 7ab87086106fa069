import { stringToU8a, u8aToHex } from '@polkadot/util';
import { DescriptionTooLongError } from '../errors/index.js';
import {
  encodePoolDescription,
  type PoolDescription,
  parsePoolDescription,
} from '../state/poolDescription.js';
import type { PoolInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requireOwnedPool } from './poolChecks.js';

/** The chain's bound on a pool description, in UTF-8 bytes. */
export const MAX_DESCRIPTION_BYTES = 4400;

/** Rules of setting the description: pool exists, caller owns it. */
export function checkSetDescription(pid: bigint, pool: PoolInfo | undefined, caller: string): void {
  requireOwnedPool(pid, pool, caller);
}

/**
 * Sets the pool's description: raw text, or the Phala App's {@link PoolDescription} object (checked, then stored as
 * the App stored it: its JSON). Throws at once `InvalidPoolDescriptionError` for a malformed object and
 * {@link DescriptionTooLongError} above 4400 UTF-8 bytes of the stored text.
 */
export function setDescription(pid: bigint, description: string | PoolDescription): Operation<void> {
  const text = typeof description === 'string' ? description : encodePoolDescription(description);
  const bytes = stringToU8a(text);
  if (bytes.length > MAX_DESCRIPTION_BYTES)
    throw new DescriptionTooLongError(bytes.length, MAX_DESCRIPTION_BYTES);
  return {
    kind: 'setDescription',
    async validate({ view, caller }) {
      const pool = await view.pool(pid);
      checkSetDescription(pid, pool, caller);
      pool!.description = parsePoolDescription(text);
    },
    // a Uint8Array would be taken as already SCALE-encoded Bytes; hex is taken as the raw bytes
    calls: ({ api }) => [api.tx.phalaStakePool.setPoolDescription(pid, u8aToHex(bytes))],
  };
}
