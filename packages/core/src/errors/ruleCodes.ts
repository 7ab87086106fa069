/**
 * The codes of the rules checked before signing, read off the rule classes of each domain file. It lives apart from
 * the error index because the pallet error table (palletRules.ts types @phala-mining/errors' table with it) needs
 * it, and the index imports that: deriving it from the index's union would make the modules import each other. `index.ts` checks that it
 * equals every `RuleError` code of the union.
 */
import type { RuleError } from './base.js';
import type * as coldKeys from './coldKeys.js';
import type * as pool from './pool.js';
import type * as stake from './stake.js';
import type * as workers from './workers.js';

/** The concrete rule classes a module exports (its other exports — input errors, helpers — drop out). */
type RuleClassesOf<M> = Extract<M[keyof M], new (...args: never) => RuleError>;

/** The codes of the rules checked before signing (the `RuleError` classes). */
export type RuleErrorCode = InstanceType<
  | RuleClassesOf<typeof coldKeys>
  | RuleClassesOf<typeof pool>
  | RuleClassesOf<typeof stake>
  | RuleClassesOf<typeof workers>
>['code'];
