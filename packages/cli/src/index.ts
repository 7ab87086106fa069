export { run, createProgram, VERSION } from './program.js';
export {
  EXIT_CODES,
  type ExitClass,
  exitClassOf,
  exitCodeOf,
  describeError,
  errorJson,
  CliError,
  UsageError,
  KeyError,
  type KeyErrorReason,
  ConnectionFailedError,
} from './errors.js';
export { type CliIo, type InStream, type OutStream, processIo } from './io.js';
export { ENV, DEV_ACCOUNTS, type KeySource, loadKey, requireKey } from './keys.js';
export { Session, resolveEndpoint, NETWORK_NAMES, type NetworkName, type GlobalOptions } from './session.js';
export {
  formatDuration,
  phaText,
  percentText,
  renderTable,
  renderFields,
  shortKey,
  toJson,
  type Column,
  type Align,
} from './format.js';
export {
  renderPoolDetails,
  renderPoolList,
  renderWorkers,
  renderQueue,
  renderStake,
  renderOverview,
  renderWatch,
  type WatchState,
} from './views.js';
