import { InputError } from '@phala-mining/errors';

/** Why a state file or chain database cannot be used; its own module so the database can throw it without importing
 * the JSON persistence (which needs the node, which holds the database). An input error of the family: the file or
 * `--db` option the caller gave cannot be used (unreadable, invalid, another chain's, or no SQLite driver for it). */
export class PersistenceError extends InputError {
  override readonly name = 'PersistenceError' as const;
  constructor(
    readonly code: 'StateFileUnreadable' | 'StateFileInvalid' | 'StateFileOtherChain' | 'DbUnavailable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
