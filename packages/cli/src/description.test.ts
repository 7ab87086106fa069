import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePoolDescription } from '@phala-mining/core';
import { describe, expect, it } from 'vitest';
import { descriptionFields, descriptionInput } from './description.js';

describe('pool set-description input', () => {
  it('text, field flags (the App object, version 1) or a JSON file; exactly one', async () => {
    expect(await descriptionInput('hello', {})).toBe('hello');
    expect(await descriptionInput(undefined, { telegram: 't', ann: 'a' })).toEqual({
      telegram: 't',
      ann: 'a',
      version: 1,
    });
    const dir = mkdtempSync(join(tmpdir(), 'desc-'));
    const file = join(dir, 'd.json');
    writeFileSync(file, '{"wechat":"w","version":1}');
    expect(await descriptionInput(undefined, { descriptionFile: file })).toEqual({ wechat: 'w', version: 1 });
    writeFileSync(file, '{"wechat":');
    await expect(descriptionInput(undefined, { descriptionFile: file })).rejects.toMatchObject({
      code: 'Usage',
    });
    await expect(descriptionInput('x', { telegram: 't' })).rejects.toMatchObject({ code: 'Usage' });
    await expect(descriptionInput(undefined, {})).rejects.toMatchObject({ code: 'Usage' });
    await expect(
      descriptionInput(undefined, { descriptionFile: join(dir, 'none.json') }),
    ).rejects.toMatchObject({
      code: 'Usage',
    });
  });

  it('shows the App fields that are set, or the text on one line', () => {
    expect(
      descriptionFields(parsePoolDescription('{"telegram":"t","discord":"","ann":"a\\nb","version":1}')),
    ).toEqual([
      ['Telegram', 't'],
      ['Announcement', 'a b'],
    ]);
    expect(descriptionFields(parsePoolDescription('free\ttext'))).toEqual([['Description', 'free text']]);
    expect(descriptionFields(parsePoolDescription(''))).toEqual([['Description', '—']]);
  });
});
