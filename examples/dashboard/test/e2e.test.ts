import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestChain, type TestChain } from '@phala-mining/testing';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './server.js';

const APP = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(APP, 'dist');
const ARTIFACTS = join(APP, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let chain: TestChain;
let server: Awaited<ReturnType<typeof serveStatic>>;
let profile: string;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  // `turbo run test` builds first; a direct `vitest run` builds here
  if (!existsSync(join(DIST, 'index.html'))) {
    const { build } = await import('vite');
    await build({ root: APP, logLevel: 'warn' });
  }
  await mkdir(ARTIFACTS, { recursive: true });
  chain = await createTestChain();
  // stopping a worker needs the stake pool's mining switch, off on a fresh dev chain
  await chain.setMiningEnabled(true);
  server = await serveStatic(DIST);
  profile = await mkdtemp(join(tmpdir(), 'dashboard-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await chain?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

function shot(name: string) {
  return page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function signInAs(name: 'alice' | 'bob') {
  await page.getByTestId('account').selectOption(chain.accounts[name].address);
}

describe('dashboard in Chromium against the dev chain', () => {
  it('creates a pool, adds a worker, stakes, mines, shows rewards and state changes, with validation messages', async () => {
    const { alice } = chain.accounts;
    await page.goto(`${server.url}?endpoint=${encodeURIComponent(chain.endpoint)}`);
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('connected');
    // dev accounts are offered on a development chain; Alice is the first
    await expect.poll(() => page.getByTestId('account').inputValue()).toBe(alice.address);
    await page.getByText('No pools yet').waitFor();
    await shot('01-connected');

    // ── create a pool ──
    await page.getByTestId('create-pool').click();
    const pool = page.getByTestId('pool-0');
    await pool.waitFor();
    await expect.poll(() => pool.getByTestId('commission').textContent()).toBe('0 %');
    await expect.poll(() => pool.getByTestId('cap').textContent()).toBe('unlimited');

    // ── settings, each with a refused input first ──
    const actions = page.getByTestId('pool-actions');
    await actions.getByTestId('payout-input').fill('150');
    await actions.getByTestId('form-payout').getByRole('button').click();
    await expect
      .poll(() => actions.getByTestId('payout-status').textContent())
      .toContain('between 0 and 100');
    await actions.getByTestId('payout-input').fill('20');
    await actions.getByTestId('form-payout').getByRole('button').click();
    await expect.poll(() => pool.getByTestId('commission').textContent()).toBe('20 %');

    await actions.getByTestId('cap-input').fill('12abc');
    await actions.getByTestId('form-cap').getByRole('button').click();
    await expect.poll(() => actions.getByTestId('cap-status').textContent()).toContain('InvalidAmount');
    await actions.getByTestId('cap-input').fill('50000');
    await actions.getByTestId('form-cap').getByRole('button').click();
    await expect.poll(() => pool.getByTestId('cap').textContent()).toBe('50,000 PHA');

    // ── add a worker registered through the dev RPC ──
    const worker = await chain.registerWorker({ operator: alice, score: 2000, cores: 8 });
    await actions.getByTestId('worker-input').fill('0x1234');
    await actions.getByTestId('form-add-worker').getByRole('button').click();
    await expect
      .poll(() => actions.getByTestId('add-worker-status').textContent())
      .toContain('64 hex digits');
    await actions.getByTestId('worker-input').fill(worker);
    await actions.getByTestId('form-add-worker').getByRole('button').click();
    const row = page.getByTestId(`worker-${worker}`);
    await row.waitFor();
    await expect.poll(() => row.getByTestId('state').textContent()).toBe('Ready');
    expect(await row.getByTestId('cores').textContent()).toBe('8');

    // ── Bob contributes: over the cap gap first ──
    await signInAs('bob');
    await actions.getByTestId('contribute-input').fill('60000');
    await actions.getByTestId('form-contribute').getByRole('button').click();
    await expect
      .poll(() => actions.getByTestId('contribute-status').textContent())
      .toContain('its cap gap is 50,000 PHA (cap 50,000 PHA, staked 0 PHA). (ContributionExceedsCap)');
    await shot('02-validation');
    await actions.getByTestId('contribute-input').fill('10000');
    await actions.getByTestId('form-contribute').getByRole('button').click();
    await expect.poll(() => page.getByTestId('locked').textContent()).toBe('10,000 PHA');
    await expect.poll(() => pool.getByTestId('free-stake').textContent()).toBe('10,000 PHA');
    await shot('03-worker-ready-and-staked');

    // ── Alice starts mining: below Smin is refused with the minimum ──
    await signInAs('alice');
    await row.getByTestId('start-stake').fill('100');
    await row.getByTestId('start').click();
    await expect
      .poll(() => row.getByTestId('worker-status').textContent())
      .toMatch(/100 PHA is below this worker's Smin of 4,472.1359 PHA. \(StakeBelowMinimum\)/);
    await row.getByTestId('start-stake').fill('5000');
    await row.getByTestId('start').click();
    await expect.poll(() => row.getByTestId('state').textContent()).toBe('Mining');
    expect(await row.getByTestId('stake').textContent()).toBe('5,000 PHA');

    // ── rewards: the simulated worker answers, blocks pass, the gatekeeper settles ──
    await chain.setWorkerOnline(worker, true);
    for (let round = 0; round < 4; round++) {
      await chain.newBlocks(10);
      await chain.settle();
    }
    await expect.poll(() => row.getByTestId('total-reward').textContent()).not.toBe('0 PHA');
    await expect.poll(() => pool.getByTestId('owner-reward').textContent()).not.toBe('0 PHA');
    await expect
      .poll(async () => Number(await page.locator('svg.chart').getAttribute('data-samples')))
      .toBeGreaterThan(3);
    await expect.poll(() => page.getByTestId('chart-mined').textContent()).not.toBe('0 PHA');
    await shot('04-mining-rewards');

    // ── Bob withdraws more than is free: the rest waits in the queue; he claims his rewards ──
    await signInAs('bob');
    await expect.poll(() => page.getByTestId('pending').textContent()).not.toBe('0 PHA');
    await actions.getByTestId('withdraw-input').fill('9000');
    await actions.getByTestId('form-withdraw').getByRole('button').click();
    const queue = page.getByTestId('queue');
    await queue.waitFor();
    await expect.poll(() => queue.textContent()).toContain('7d');
    await actions.getByTestId('form-claim').getByRole('button').click();
    await expect.poll(() => actions.getByTestId('claim-status').textContent()).toContain('done');

    // ── Alice stops the worker: CoolingDown with its end ──
    await signInAs('alice');
    await row.getByTestId('stop').click();
    await expect.poll(() => row.getByTestId('state').textContent()).toBe('CoolingDown');
    await expect.poll(() => row.getByTestId('cooldown').textContent()).toContain('7d left');
    await pool.getByTestId('show-only').click();
    await page.getByText('Workers of pool #0').waitFor();
    await shot('05-cooling-down-queue');

    expect(consoleErrors.filter((e) => !/extension/i.test(e))).toEqual([]);
  });
});
