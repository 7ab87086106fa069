/**
 * Every rule exists twice: in the pallet, and in the SDK's check before signing. For each rule, the same failing
 * input goes once through the SDK (`dryRun`, which must refuse it with the rule's code) and once raw to the dev chain
 * (stock `api.tx.phalaStakePool.*`, signed by a dev account, no SDK validation), whose pallet error must map through
 * PALLET_ERROR_RULES to that same code.
 */
import { maxStake, minStake, type TokenomicParameters } from '@phala-mining/math';
import type { TestChain } from '@phala-mining/testing';
import { PalletError as ChainPalletError, createChainTest } from '@phala-mining/testing/vitest';
import type { KeyringPair } from '@polkadot/keyring/types';
import { expect } from 'vitest';
import {
  createMiningClient,
  type MiningClient,
  type OperationChain,
  palletErrorRule,
  pha,
  RuleError,
  type RuleErrorCode,
} from '../src/index.js';
import { rejection, until } from './helpers.js';

const test = createChainTest({ isolate: true }).extend<{ client: MiningClient }>({
  client: async ({ chain }, use) => {
    const client = await createMiningClient({
      endpoint: chain.endpoint,
      network: 'devchain',
      waitFor: 'inBlock',
    });
    try {
      await use(client);
    } finally {
      await client.disconnect();
    }
  },
});

/** The SDK refuses `sdk` with `rule`, and the pallet refuses `raw` with an error that maps to `rule`. */
async function expectAgreement(
  chain: TestChain,
  rule: RuleErrorCode,
  signer: KeyringPair,
  sdk: OperationChain<unknown>,
  raw: Parameters<TestChain['sendTx']>[0],
): Promise<void> {
  const sdkError = await rejection(sdk.dryRun(signer));
  expect(sdkError).toBeInstanceOf(RuleError);
  expect(sdkError.code).toBe(rule);
  const chainError = await rejection(chain.sendTx(raw, signer));
  expect(chainError).toBeInstanceOf(ChainPalletError);
  // the pallet named is the one at the module index the chain reported
  const pallet = chain.api.registry.metadata.pallets.find((p) => p.index.toNumber() === chainError.index);
  expect(pallet?.name.toString()).toBe(chainError.section);
  expect(palletErrorRule(chainError.section, chainError.errorName), chainError.qualifiedName).toBe(rule);
}

function stakePool(
  chain: TestChain,
): Record<string, (...args: unknown[]) => Parameters<TestChain['sendTx']>[0]> {
  return (chain.api.tx as any).phalaStakePool;
}

async function newPool(client: MiningClient, owner: KeyringPair): Promise<bigint> {
  return (await client.createPool().send(owner)).value;
}

async function tokenomics(client: MiningClient): Promise<TokenomicParameters> {
  return (await until(client.tokenomics$(), (t) => t.params !== undefined)).params!;
}

test('PoolNotFound', async ({ chain, client }) => {
  const { bob } = chain.accounts;
  await expectAgreement(
    chain,
    'PoolNotFound',
    bob,
    client.pool(99).contribute(pha('10')),
    stakePool(chain).contribute!(99, pha('10')),
  );
});

test('NotPoolOwner', async ({ chain, client }) => {
  const { alice, bob } = chain.accounts;
  const pid = await newPool(client, alice);
  await expectAgreement(
    chain,
    'NotPoolOwner',
    bob,
    client.pool(pid).setCap(pha('100')),
    stakePool(chain).setCap!(pid, pha('100')),
  );
});

test('CapBelowTotalStake', async ({ chain, client }) => {
  const { alice, bob } = chain.accounts;
  const pid = await newPool(client, alice);
  await client.pool(pid).contribute(pha('100')).send(bob);
  await expectAgreement(
    chain,
    'CapBelowTotalStake',
    alice,
    client.pool(pid).setCap(pha('50')),
    stakePool(chain).setCap!(pid, pha('50')),
  );
});

test('ContributionBelowMinimum', async ({ chain, client }) => {
  const { alice, bob } = chain.accounts;
  const pid = await newPool(client, alice);
  await expectAgreement(
    chain,
    'ContributionBelowMinimum',
    bob,
    client.pool(pid).contribute(1n),
    stakePool(chain).contribute!(pid, 1n),
  );
});

test('InsufficientDelegableBalance', async ({ chain, client }) => {
  const { alice, charlie } = chain.accounts;
  const pid = await newPool(client, alice);
  await chain.fund(charlie, pha('10'));
  await expectAgreement(
    chain,
    'InsufficientDelegableBalance',
    charlie,
    client.pool(pid).contribute(pha('20')),
    stakePool(chain).contribute!(pid, pha('20')),
  );
});

test('ContributionExceedsCap', async ({ chain, client }) => {
  const { alice, bob } = chain.accounts;
  const pid = await newPool(client, alice);
  await client.pool(pid).setCap(pha('100')).send(alice);
  await expectAgreement(
    chain,
    'ContributionExceedsCap',
    bob,
    client.pool(pid).contribute(pha('200')),
    stakePool(chain).contribute!(pid, pha('200')),
  );
});

test('NotWhitelisted (contribute)', async ({ chain, client }) => {
  const { alice, bob, charlie } = chain.accounts;
  const pid = await newPool(client, alice);
  await client.pool(pid).whitelistAdd(charlie.address).send(alice);
  await expectAgreement(
    chain,
    'NotWhitelisted',
    bob,
    client.pool(pid).contribute(pha('10')),
    stakePool(chain).contribute!(pid, pha('10')),
  );
});

test('AlreadyWhitelisted', async ({ chain, client }) => {
  const { alice, bob } = chain.accounts;
  const pid = await newPool(client, alice);
  await client.pool(pid).whitelistAdd(bob.address).send(alice);
  await expectAgreement(
    chain,
    'AlreadyWhitelisted',
    alice,
    client.pool(pid).whitelistAdd(bob.address),
    stakePool(chain).addStakerToWhitelist!(pid, bob.address),
  );
});

test('NoWhitelist', async ({ chain, client }) => {
  const { alice, bob } = chain.accounts;
  const pid = await newPool(client, alice);
  await expectAgreement(
    chain,
    'NoWhitelist',
    alice,
    client.pool(pid).whitelistRemove(bob.address),
    stakePool(chain).removeStakerFromWhitelist!(pid, bob.address),
  );
});

test('NotWhitelisted (remove)', async ({ chain, client }) => {
  const { alice, bob, charlie } = chain.accounts;
  const pid = await newPool(client, alice);
  await client.pool(pid).whitelistAdd(charlie.address).send(alice);
  await expectAgreement(
    chain,
    'NotWhitelisted',
    alice,
    client.pool(pid).whitelistRemove(bob.address),
    stakePool(chain).removeStakerFromWhitelist!(pid, bob.address),
  );
});

test('WorkerNotRegistered', async ({ chain, client }) => {
  const { alice } = chain.accounts;
  const pid = await newPool(client, alice);
  const unknown = `0x${'42'.repeat(32)}`;
  await expectAgreement(
    chain,
    'WorkerNotRegistered',
    alice,
    client.pool(pid).addWorker(unknown),
    stakePool(chain).addWorker!(pid, unknown),
  );
});

test('NotWorkerOperator', async ({ chain, client }) => {
  const { alice, bob } = chain.accounts;
  const pid = await newPool(client, alice);
  const bobs = await chain.registerWorker({ operator: bob });
  await expectAgreement(
    chain,
    'NotWorkerOperator',
    alice,
    client.pool(pid).addWorker(bobs),
    stakePool(chain).addWorker!(pid, bobs),
  );
});

test('WorkerAlreadyBound', async ({ chain, client }) => {
  const { alice } = chain.accounts;
  const first = await newPool(client, alice);
  const second = await newPool(client, alice);
  const worker = await chain.registerWorker({ operator: alice });
  await client.pool(first).addWorker(worker).send(alice);
  await expectAgreement(
    chain,
    'WorkerAlreadyBound',
    alice,
    client.pool(second).addWorker(worker),
    stakePool(chain).addWorker!(second, worker),
  );
});

/** A pool of Alice's with a Ready worker of the given score and `stake` contributed by Bob. */
async function poolWithWorker(
  chain: TestChain,
  client: MiningClient,
  stake: bigint,
  score = 2000,
): Promise<{ pid: bigint; worker: string }> {
  const { alice, bob } = chain.accounts;
  const pid = await newPool(client, alice);
  const worker = await chain.registerWorker({ operator: alice, score });
  await client.pool(pid).addWorker(worker).send(alice);
  if (stake > 0n) {
    await chain.fund(bob, stake + pha('1000'));
    await client.pool(pid).contribute(stake).send(bob);
  }
  return { pid, worker };
}

test('InsufficientFreeStake', async ({ chain, client }) => {
  const { alice } = chain.accounts;
  const smin = minStake(await tokenomics(client), 2000);
  const { pid, worker } = await poolWithWorker(chain, client, smin);
  await expectAgreement(
    chain,
    'InsufficientFreeStake',
    alice,
    client.pool(pid).startMining(worker, smin + 1n),
    stakePool(chain).startMining!(pid, worker, smin + 1n),
  );
});

test('StakeBelowMinimum', async ({ chain, client }) => {
  const { alice } = chain.accounts;
  const smin = minStake(await tokenomics(client), 2000);
  const { pid, worker } = await poolWithWorker(chain, client, smin);
  await expectAgreement(
    chain,
    'StakeBelowMinimum',
    alice,
    client.pool(pid).startMining(worker, smin - 1n),
    stakePool(chain).startMining!(pid, worker, smin - 1n),
  );
});

test('StakeAboveMaximum', async ({ chain, client }) => {
  const { alice } = chain.accounts;
  const smax = maxStake(await tokenomics(client), 2000, 1)!;
  const { pid, worker } = await poolWithWorker(chain, client, smax + 1n);
  await expectAgreement(
    chain,
    'StakeAboveMaximum',
    alice,
    client.pool(pid).startMining(worker, smax + 1n),
    stakePool(chain).startMining!(pid, worker, smax + 1n),
  );
});

test('BenchmarkTooLow', async ({ chain, client }) => {
  const { alice } = chain.accounts;
  const { pid, worker } = await poolWithWorker(chain, client, pha('10000'), 10);
  await expectAgreement(
    chain,
    'BenchmarkTooLow',
    alice,
    client.pool(pid).startMining(worker, pha('5000')),
    stakePool(chain).startMining!(pid, worker, pha('5000')),
  );
});

test('WorkerNotInPool', async ({ chain, client }) => {
  const { alice, bob } = chain.accounts;
  const smin = minStake(await tokenomics(client), 2000);
  const { worker } = await poolWithWorker(chain, client, 0n);
  const other = await newPool(client, alice);
  await client.pool(other).contribute(smin).send(bob);
  await expectAgreement(
    chain,
    'WorkerNotInPool',
    alice,
    client.pool(other).startMining(worker, smin),
    stakePool(chain).startMining!(other, worker, smin),
  );
});

test('WorkerState (stop a Ready worker)', async ({ chain, client }) => {
  const { alice } = chain.accounts;
  const { pid, worker } = await poolWithWorker(chain, client, 0n);
  await expectAgreement(
    chain,
    'WorkerState',
    alice,
    client.pool(pid).stopMining(worker),
    stakePool(chain).stopMining!(pid, worker),
  );
});

/** {@link poolWithWorker}, mining with Smin and Smin more free stake in the pool. */
async function miningWorker(
  chain: TestChain,
  client: MiningClient,
): Promise<{ pid: bigint; worker: string; smin: bigint }> {
  const smin = minStake(await tokenomics(client), 2000);
  const { pid, worker } = await poolWithWorker(chain, client, 2n * smin);
  await client.pool(pid).startMining(worker, smin).send(chain.accounts.alice);
  return { pid, worker, smin };
}

test('WorkerState (remove a Mining worker)', async ({ chain, client }) => {
  const { alice } = chain.accounts;
  const { pid, worker } = await miningWorker(chain, client);
  await expectAgreement(
    chain,
    'WorkerState',
    alice,
    client.pool(pid).removeWorker(worker),
    stakePool(chain).removeWorker!(pid, worker),
  );
});

test('MiningDisabled', async ({ chain, client }) => {
  const { alice } = chain.accounts;
  const { pid, worker } = await miningWorker(chain, client);
  await chain.setMiningEnabled(false);
  await expectAgreement(
    chain,
    'MiningDisabled',
    alice,
    client.pool(pid).stopMining(worker),
    stakePool(chain).stopMining!(pid, worker),
  );
});

test('RestartStakeNotHigher', async ({ chain, client }) => {
  const { alice } = chain.accounts;
  const { pid, worker, smin } = await miningWorker(chain, client);
  await expectAgreement(
    chain,
    'RestartStakeNotHigher',
    alice,
    client.pool(pid).restartMining(worker, smin),
    stakePool(chain).restartMining!(pid, worker, smin),
  );
});

test('CooldownNotOver', async ({ chain, client }) => {
  const { alice, bob } = chain.accounts;
  const { pid, worker } = await miningWorker(chain, client);
  await client.pool(pid).stopMining(worker).send(alice);
  await expectAgreement(
    chain,
    'CooldownNotOver',
    bob,
    client.pool(pid).reclaimWorker(worker),
    stakePool(chain).reclaimPoolWorker!(pid, worker),
  );
});

test('NoStake', async ({ chain, client }) => {
  const { alice, charlie } = chain.accounts;
  const pid = await newPool(client, alice);
  await expectAgreement(
    chain,
    'NoStake',
    charlie,
    client.pool(pid).withdraw({ shares: pha('1') }),
    stakePool(chain).withdraw!(pid, pha('1')),
  );
});

test('InvalidWithdrawal', async ({ chain, client }) => {
  const { alice, bob } = chain.accounts;
  const pid = await newPool(client, alice);
  await client.pool(pid).contribute(pha('100')).send(bob);
  await expectAgreement(
    chain,
    'InvalidWithdrawal',
    bob,
    client.pool(pid).withdraw({ shares: 500n }),
    stakePool(chain).withdraw!(pid, 500n),
  );
});

test('NoRewardToClaim', async ({ chain, client }) => {
  const { alice, bob } = chain.accounts;
  const pid = await newPool(client, alice);
  await client.pool(pid).contribute(pha('100')).send(bob);
  const pool = stakePool(chain);
  await expectAgreement(
    chain,
    'NoRewardToClaim',
    bob,
    client.pool(pid).claim('staker'),
    pool.claimStakerRewards
      ? pool.claimStakerRewards(pid, bob.address)
      : pool.claimRewards!(pid, bob.address),
  );
});
