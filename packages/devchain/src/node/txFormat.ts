import { compactFromU8a } from '@polkadot/util';
import { ErrorCode, PoolRejectedError } from './errors.js';

/** An opaque extrinsic is `Compact<u32> length ++ body`; anything else cannot even be handed to the runtime. */
export function checkOpaqueFormat(bytes: Uint8Array): void {
  let ok = false;
  try {
    const [offset, length] = compactFromU8a(bytes);
    ok = bytes.length > 0 && offset + length.toNumber() === bytes.length && length.toNumber() > 0;
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new PoolRejectedError(
      ErrorCode.BadFormat,
      'Extrinsic has invalid format: Could not decode the length-prefixed extrinsic',
      'The length prefix does not match the extrinsic size',
    );
  }
}
