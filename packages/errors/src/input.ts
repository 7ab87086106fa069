/** Bad input the family's packages share a class for. */
import { InputError } from './base.js';

/**
 * An argument a helper or query cannot use (testing's helpers, the indexer's queries and HTTP parameters); the
 * message says which argument and why.
 */
export class InvalidArgumentError extends InputError {
  override readonly name = 'InvalidArgumentError' as const;
  readonly code = 'InvalidArgument' as const;
}
