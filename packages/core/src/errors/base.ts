/**
 * The root of every SDK error and its categories live in @phala-mining/errors, the bottom package every other one
 * (testing, the dev chain, the indexer) can depend on; core re-exports them unchanged, so
 * `import { MiningError } from '@phala-mining/core'` is the same class.
 */
export {
  AbortedError,
  ChainError,
  CompatibilityError,
  InputError,
  MINING_ERROR_CATEGORIES,
  MiningError,
  type MiningErrorCategory,
  RuleError,
  SignerError,
  TransportError,
  UnexpectedError,
} from '@phala-mining/errors';
