/**
 * Events reach operations typed by @phala-mining/types: a contribution's shares come from
 * `api.events.phalaStakePool.Contribution.is(e.event)`, and the plain `data` beside it keeps its shape.
 */
import { expect } from 'vitest';
import { pha } from '../src/index.js';
import { test } from './chainTest.js';

test('decodes the shares of a contribution from the typed Contribution event', async ({ chain, client }) => {
  const { alice, bob } = chain.accounts;
  const { value: pid } = await client.createPool().send(alice);
  await chain.fund(bob, pha('100'));
  // an empty pool sells one share per planck
  const result = await client.pool(pid).contribute(pha('12')).send(bob);
  expect(result.value).toBe(pha('12'));

  const contribution = result.events.find((e) => client.api.events.phalaStakePool.Contribution.is(e.event));
  expect(contribution).toMatchObject({
    section: 'phalaStakePool',
    method: 'Contribution',
    data: { pid, user: bob.address, amount: pha('12'), shares: pha('12') },
  });
  const { event } = contribution!;
  if (!client.api.events.phalaStakePool.Contribution.is(event)) throw new Error('not a Contribution');
  expect(event.data.shares.toBigInt()).toBe(result.value);
  expect(event.data.user.toString()).toBe(bob.address);
});
