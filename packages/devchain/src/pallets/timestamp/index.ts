import { badOrigin, call, DispatchError, definePallet } from '../../runtime/pallet.js';
import { storageOf } from '../../runtime/storage.js';
import { bool, compact, u64 } from '../../scale/types.js';

const store = storageOf('Timestamp');

export const Now = store.value('Now', {
  value: u64,
  default: 0n,
  docs: [' Current time for the current block.'],
});
export const DidUpdate = store.value('DidUpdate', {
  value: bool,
  default: false,
  docs: [' Did the timestamp get updated in this block?'],
});

/** Khala's slot is 12 s; pallet_timestamp requires at least half of it between blocks. */
export const MINIMUM_PERIOD_MS = 6000n;

export const Timestamp = definePallet({
  name: 'Timestamp',
  index: 1,
  path: 'pallet_timestamp::pallet',
  alias: 'pallet_timestamp',
  storage: [Now, DidUpdate],
  calls: {
    set: call({
      index: 0,
      args: { now: [compact(u64), 'T::Moment'] },
      docs: [' Set the current time.'],
      dispatch(ext, origin, { now }) {
        if (origin.kind !== 'none') throw badOrigin();
        if (DidUpdate.get(ext.state))
          throw new DispatchError('Other', 'Timestamp must be updated only once in the block');
        const previous = Now.get(ext.state);
        if (previous !== 0n && now < previous + MINIMUM_PERIOD_MS) {
          throw new DispatchError(
            'Other',
            'Timestamp must increment by at least <MinimumPeriod> between sequential blocks',
          );
        }
        Now.set(ext.state, now);
        DidUpdate.set(ext.state, true);
        ext.nowMs = globalThis.Number(now);
      },
    }),
  },
  constants: {
    MinimumPeriod: {
      type: u64,
      value: MINIMUM_PERIOD_MS,
      docs: [
        ' The minimum period between blocks. Beware that this is different to the *expected*',
        ' period that the block production apparatus provides.',
      ],
    },
  },
  onInitialize(ext) {
    ext.nowMs = globalThis.Number(Now.get(ext.state));
  },
  onFinalize(ext) {
    DidUpdate.kill(ext.state);
  },
  genesis(ext, config) {
    Now.set(ext.state, BigInt(config.genesisTimestamp));
    ext.nowMs = config.genesisTimestamp;
  },
});
