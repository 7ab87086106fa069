import { u8aToString } from '@polkadot/util';
import { describe, expect } from 'vitest';
import {
  DescriptionTooLongError,
  InvalidPoolDescriptionError,
  type PoolDescription,
  parsePoolDescription,
} from '../src/index.js';
import { test } from './chainTest.js';
import { rejection, until } from './helpers.js';

/** What `PhalaStakePool.PoolDescriptions[pid]` holds, as text. */
async function stored(client: { api: any }, pid: bigint): Promise<string> {
  const value = await client.api.query.phalaStakePool.poolDescriptions(pid);
  // Option<Bytes> or Bytes, depending on the metadata's storage default
  const bytes = value.isSome === undefined ? value : value.isSome ? value.unwrap() : undefined;
  return bytes === undefined ? '' : u8aToString(bytes.toU8a(true));
}

describe('pool descriptions as the Phala App wrote and read them, on the dev chain', () => {
  test('an App object is stored as the App stored it and read back as kind app', async ({
    chain,
    client,
  }) => {
    const { alice } = chain.accounts;
    const { value: pid } = await client.createPool().send(alice);
    const description: PoolDescription = {
      telegram: 'khala_pool',
      twitter: 'khalapool',
      ann: 'Adding 10 workers next week — 矿池公告',
      version: 1,
    };
    await client.pool(pid).setDescription(description).send(alice);
    // the App's writer: every field it had, '' when blank, in its order, then version 1
    expect(await stored(client, pid)).toBe(
      '{"telegram":"khala_pool","discord":"","wechat":"","twitter":"khalapool","email":"","forum":"","ann":"Adding 10 workers next week — 矿池公告","version":1}',
    );
    const pool = await until(client.pool$(pid), (p) => p?.description.kind === 'app');
    expect(pool!.description).toEqual({
      kind: 'app',
      value: { ...description, discord: '', wechat: '', email: '', forum: '' },
      text: await stored(client, pid),
    });
  });

  test('raw text and malformed JSON stay text; text that is the App JSON reads as the App object', async ({
    chain,
    client,
  }) => {
    const { alice } = chain.accounts;
    const { value: pid } = await client.createPool().send(alice);
    expect((await until(client.pool$(pid), (p) => p !== undefined))!.description).toEqual({
      kind: 'text',
      text: '',
    });
    await client.pool(pid).setDescription('hello miners').send(alice);
    await until(
      client.pool$(pid),
      (p) => p?.description.text === 'hello miners' && p.description.kind === 'text',
    );
    const broken = '{"telegram":"a", version: 1';
    await client.pool(pid).setDescription(broken).send(alice);
    await until(client.pool$(pid), (p) => p?.description.text === broken && p.description.kind === 'text');
    // written by another tool as text: it is still the App's format
    await client.pool(pid).setDescription('{"discord":"pool#1234","basic":null,"version":1}').send(alice);
    const app = await until(client.pool$(pid), (p) => p?.description.kind === 'app');
    expect(app!.description).toMatchObject({ kind: 'app', value: { discord: 'pool#1234', version: 1 } });
  });

  test('bad objects are typed input errors before anything is signed', async ({ chain, client }) => {
    const { alice } = chain.accounts;
    const { value: pid } = await client.createPool().send(alice);
    const wrongType = await rejection(
      client
        .pool(pid)
        .setDescription({ telegram: 42, version: 1 } as unknown as PoolDescription)
        .send(alice),
    );
    expect(wrongType).toBeInstanceOf(InvalidPoolDescriptionError);
    expect(wrongType).toMatchObject({ reason: 'NotText', field: 'telegram', input: 42, category: 'input' });
    const version = await rejection(
      client
        .pool(pid)
        .setDescription({ version: 2 } as unknown as PoolDescription)
        .send(alice),
    );
    expect(version).toMatchObject({ code: 'InvalidPoolDescription', reason: 'UnknownVersion', input: 2 });
    const typo = await rejection(
      client
        .pool(pid)
        .setDescription({ telegran: 'x', version: 1 } as unknown as PoolDescription)
        .send(alice),
    );
    expect(typo).toMatchObject({ reason: 'UnknownField', field: 'telegran' });
    // the bound is on the encoded text: 4400 bytes of JSON, not of the announcement alone
    const long = await rejection(
      client
        .pool(pid)
        .setDescription({ ann: 'é'.repeat(2170), version: 1 })
        .send(alice),
    );
    expect(long).toBeInstanceOf(DescriptionTooLongError);
    const encodedBytes = new TextEncoder().encode(
      `{"telegram":"","discord":"","wechat":"","twitter":"","email":"","forum":"","ann":"${'é'.repeat(2170)}","version":1}`,
    ).length;
    expect(long).toMatchObject({ length: encodedBytes, maximum: 4400 });
    expect(await stored(client, pid)).toBe('');
  });
});

describe('parsePoolDescription (the App reader)', () => {
  const app = (text: string) => parsePoolDescription(text).kind;
  test.each([
    ['', 'text'],
    ['plain words', 'text'],
    ['{"version":1}', 'app'],
    ['  {"telegram":"t","version":1}', 'app'],
    ['{"telegram":"t","version":2}', 'text'],
    ['{"telegram":"t"}', 'text'],
    ['{"telegram":7,"version":1}', 'text'],
    ['[{"version":1}]', 'text'],
    ['{"version":1', 'text'],
    ['null', 'text'],
  ])('%j is %s', (text, kind) => {
    expect(app(text)).toBe(kind);
  });
  test('null fields are left out and unknown ones dropped; the text is kept', () => {
    const text = '{"telegram":null,"ann":"hi","extra":1,"version":1}';
    expect(parsePoolDescription(text)).toEqual({ kind: 'app', value: { ann: 'hi', version: 1 }, text });
  });
});
