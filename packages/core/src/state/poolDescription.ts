/**
 * Pool descriptions as the Phala App wrote and read them. Source: Phala-Network/apps, commit 8dc3b36a
 * ("feat(app): stake pool description (#190)"), packages/app-mining/src/hooks/useStakePoolDescription.ts (the type
 * and the Ajv schema the App read with: every field an optional string, `null` allowed, `version` required) and
 * components/StakePoolModal/SetDescriptionModalBody.tsx (what it wrote: `stringToHex(JSON.stringify({ telegram,
 * discord, wechat, twitter, email, forum, ann, version: 1 }))`, each field '' when left blank, `basic` never).
 * Any other stored text — never set, free text, malformed JSON — is plain text, as it was before the App's format.
 */
import { InvalidPoolDescriptionError } from '../errors/index.js';

/** The App's fields, in the order it wrote them (`basic` is declared by its type but it never wrote or showed it). */
export const POOL_DESCRIPTION_FIELDS = [
  'telegram',
  'discord',
  'wechat',
  'twitter',
  'email',
  'forum',
  'basic',
  'ann',
] as const;

/** One text field of {@link PoolDescription}. */
export type PoolDescriptionField = (typeof POOL_DESCRIPTION_FIELDS)[number];

/**
 * The Phala App's structured pool description (version 1). Every field is optional text; the App linked `telegram`
 * to t.me/…, `twitter` to twitter.com/…, `email` as mailto:, `forum` to forum.phala.network/u/…, offered `discord`
 * and `wechat` for copying, and showed `ann` as the pool's "Announcement" (its form limits: telegram 32, discord 37,
 * wechat 20, twitter 15, email 32, forum 50, ann 60 characters — UI limits, not the chain's).
 */
export interface PoolDescription {
  /** Telegram handle or group name (the App linked https://t.me/<telegram>) */
  telegram?: string;
  /** Discord user or server name */
  discord?: string;
  /** WeChat id */
  wechat?: string;
  /** Twitter handle without the @ (the App linked https://twitter.com/<twitter>) */
  twitter?: string;
  /** contact e-mail address */
  email?: string;
  /** user name on forum.phala.network */
  forum?: string;
  /** declared by the App's type; it never wrote or showed it */
  basic?: string;
  /** "Announcement": future plans — adding workers, changing stake or commission … */
  ann?: string;
  /** format version; the App wrote 1, the only one there is */
  version: 1;
}

/**
 * A pool's description as stored, interpreted: `app` when the text is the App's JSON (version 1), `text` otherwise
 * (including never set: `''`). `text` is always the stored UTF-8 text, so nothing is lost either way.
 */
export type PoolDescriptionContent =
  | {
      /** the stored text is the App's version-1 JSON */
      kind: 'app';
      /** the parsed fields; `null` and absent fields are left out, unknown extra fields dropped */
      value: PoolDescription;
      /** the stored text (JSON) */
      text: string;
    }
  | {
      /** anything else: free text, malformed JSON, another format */
      kind: 'text';
      /** the stored text; '' when the owner never set one */
      text: string;
    };

const FIELDS: ReadonlySet<string> = new Set(POOL_DESCRIPTION_FIELDS);

/** Reads a stored description the way the App did; anything that is not its version-1 object is text. */
export function parsePoolDescription(text: string): PoolDescriptionContent {
  const plain = { kind: 'text', text } as const;
  // the App's JSON always starts with '{'; skip JSON.parse for free text
  if (!text.trimStart().startsWith('{')) return plain;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return plain;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return plain;
  const record = json as Record<string, unknown>;
  // the App's schema took any integer version; only 1 was ever written and only its meaning is known
  if (record.version !== 1) return plain;
  const value: PoolDescription = { version: 1 };
  for (const field of POOL_DESCRIPTION_FIELDS) {
    const v = record[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return plain;
    value[field] = v;
  }
  return { kind: 'app', value, text };
}

/**
 * Checks a description object and encodes it as the App did: JSON with every App field in its order ('' when not
 * given; `basic` only when given), then `version: 1`. Throws {@link InvalidPoolDescriptionError}.
 */
export function encodePoolDescription(description: PoolDescription): string {
  if (typeof description !== 'object' || description === null || Array.isArray(description))
    throw new InvalidPoolDescriptionError('NotAnObject', undefined, description);
  const given: Record<string, unknown> = { ...description };
  for (const key of Object.keys(given)) {
    if (key !== 'version' && !FIELDS.has(key))
      throw new InvalidPoolDescriptionError('UnknownField', key, given[key]);
  }
  if (given.version !== 1) throw new InvalidPoolDescriptionError('UnknownVersion', 'version', given.version);
  const out: Record<string, string | number> = {};
  for (const field of POOL_DESCRIPTION_FIELDS) {
    const v = given[field];
    if (v !== undefined && typeof v !== 'string') throw new InvalidPoolDescriptionError('NotText', field, v);
    if (field === 'basic' && v === undefined) continue;
    out[field] = v ?? '';
  }
  out.version = 1;
  return JSON.stringify(out);
}
