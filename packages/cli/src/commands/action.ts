import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { type GlobalOptions, Session } from '../session.js';

/** A command body: the session first, then commander's arguments (positionals, then the command's own options). */
export type Handler = (session: Session, ...args: any[]) => Promise<void>;

/** Wraps a handler into a commander action that opens a {@link Session} and always closes it. */
export type Action = (handler: Handler) => (...args: unknown[]) => Promise<void>;

export function makeAction(io: CliIo): Action {
  return (handler) =>
    async (...args) => {
      const command = args[args.length - 1] as Command;
      const session = new Session(io, command.optsWithGlobals<GlobalOptions>());
      try {
        // a malformed or unreadable key is refused (exit 6) before any argument is read or the network touched
        await session.key();
        await handler(session, ...args.slice(0, -1));
      } finally {
        await session.close();
      }
    };
}
