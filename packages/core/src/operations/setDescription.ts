import { stringToU8a, u8aToHex } from '@polkadot/util';
import { DescriptionTooLongError } from '../errors/index.js';
import type { PoolInfo } from '../state/records.js';
import type { Operation } from './operation.js';
import { requireOwnedPool } from './poolChecks.js';

/** The chain's bound on a pool description, in UTF-8 bytes. */
export const MAX_DESCRIPTION_BYTES = 4400;

/** Rules of setting the description: pool exists, caller owns it. */
export function checkSetDescription(pid: bigint, pool: PoolInfo | undefined, caller: string): void {
  requireOwnedPool(pid, pool, caller);
}

/** Sets the pool's description; throws {@link DescriptionTooLongError} at once above 4400 UTF-8 bytes. */
export function setDescription(pid: bigint, description: string): Operation<void> {
  const bytes = stringToU8a(description);
  if (bytes.length > MAX_DESCRIPTION_BYTES)
    throw new DescriptionTooLongError(bytes.length, MAX_DESCRIPTION_BYTES);
  return {
    kind: 'setDescription',
    async validate({ view, caller }) {
      const pool = await view.pool(pid);
      checkSetDescription(pid, pool, caller);
      pool!.description = description;
    },
    // a Uint8Array would be taken as already SCALE-encoded Bytes; hex is taken as the raw bytes
    calls: ({ api }) => [api.tx.phalaStakePool.setPoolDescription(pid, u8aToHex(bytes))],
  };
}
