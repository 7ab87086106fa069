/** Why a state file or chain database cannot be used; its own module so the database can throw it without importing
 * the JSON persistence (which needs the node, which holds the database). */
export class PersistenceError extends Error {
  override readonly name = 'PersistenceError';
  constructor(
    readonly code:
      | 'STATE_FILE_UNREADABLE'
      | 'STATE_FILE_INVALID'
      | 'STATE_FILE_OTHER_CHAIN'
      | 'DB_UNAVAILABLE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
