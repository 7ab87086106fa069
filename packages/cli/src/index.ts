export {
  type CliError,
  ConnectionFailedError,
  describeError,
  EXIT_CODES,
  type ExitClass,
  errorJson,
  exitClassOf,
  exitCodeOf,
  FeeNotCoveredError,
  InterruptedError,
  KeyError,
  type KeyErrorReason,
  UsageError,
} from './errors.js';
export {
  type Align,
  type Column,
  formatDuration,
  percentText,
  phaText,
  renderFields,
  renderTable,
  shortKey,
  toJson,
} from './format.js';
export { type CliIo, type InStream, type OutStream, processIo } from './io.js';
export { DEV_ACCOUNTS, ENV, type KeySource, loadKey, requireKey } from './keys.js';
export { createProgram, run, VERSION } from './program.js';
export { type GlobalOptions, NETWORK_NAMES, type NetworkName, resolveEndpoint, Session } from './session.js';
export {
  renderOverview,
  renderPoolDetails,
  renderPoolList,
  renderQueue,
  renderStake,
  renderWatch,
  renderWorkers,
  type WatchState,
} from './views.js';
