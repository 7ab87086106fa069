import { readFile } from 'node:fs/promises';
import {
  POOL_DESCRIPTION_FIELDS,
  type PoolDescription,
  type PoolDescriptionContent,
  type PoolDescriptionField,
} from '@phala-mining/core';
import { UsageError } from './errors.js';

/** `pool set-description` options: one flag per field of the Phala App's description, or a JSON file. */
export type DescriptionOptions = Partial<Record<PoolDescriptionField, string>> & { descriptionFile?: string };

/** What the App called each field (the CLI's labels and flag help). */
export const DESCRIPTION_LABELS: Record<PoolDescriptionField, string> = {
  telegram: 'Telegram',
  discord: 'Discord',
  wechat: 'WeChat',
  twitter: 'Twitter',
  email: 'Email',
  forum: 'Forum',
  basic: 'Basic',
  ann: 'Announcement',
};

/**
 * The description to set: the text argument, the field flags (`--telegram …`, the App's object, version 1), or
 * `--description-file f.json` (an App object, checked by core). Exactly one of the three.
 */
export async function descriptionInput(
  text: string | undefined,
  opts: DescriptionOptions,
): Promise<string | PoolDescription> {
  const fields = POOL_DESCRIPTION_FIELDS.filter((f) => opts[f] !== undefined);
  const given = [text !== undefined, fields.length > 0, opts.descriptionFile !== undefined].filter(
    Boolean,
  ).length;
  if (given !== 1)
    throw new UsageError(
      'give the description as text, as field flags (--telegram, --discord, --wechat, --twitter, --email, --forum, --ann), or --description-file f.json — exactly one of them',
    );
  if (text !== undefined) return text;
  if (fields.length > 0) {
    const description: PoolDescription = { version: 1 };
    for (const f of fields) description[f] = opts[f];
    return description;
  }
  const file = opts.descriptionFile!;
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    // core checks the shape (fields are text, version 1) and refuses anything else with a typed input error
    return JSON.parse(raw) as PoolDescription;
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** The description as label/value rows: the App's non-empty fields, or the text on one line ('—' when unset). */
export function descriptionFields(description: PoolDescriptionContent): [string, string][] {
  const oneLine = (s: string) => s.replace(/\s+/g, ' ');
  if (description.kind === 'text')
    return [['Description', description.text === '' ? '—' : oneLine(description.text)]];
  const rows = POOL_DESCRIPTION_FIELDS.filter((f) => (description.value[f] ?? '') !== '').map(
    (f): [string, string] => [DESCRIPTION_LABELS[f], oneLine(description.value[f]!)],
  );
  return rows.length === 0 ? [['Description', '— (the Phala App format, every field empty)']] : rows;
}
