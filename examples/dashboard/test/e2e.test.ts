import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { poolSubAccountHex } from '@phala-mining/core';
import { type HistoryDb, type HistoryServer, openHistory, serveHistory } from '@phala-mining/indexer';
import { createTestChain, type TestChain } from '@phala-mining/testing';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './server.js';

const APP = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(APP, 'dist');
const ARTIFACTS = join(APP, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let chain: TestChain;
let server: Awaited<ReturnType<typeof serveStatic>>;
let history: HistoryDb;
let api: HistoryServer;
const following = new AbortController();
let syncing: Promise<unknown>;
let tmp: string;
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
  tmp = await mkdtemp(join(tmpdir(), 'dashboard-e2e-'));
  // the indexer reads every block's state; the dev chain keeps them all (what its --archive does)
  chain = await createTestChain({ devchain: { keepStates: Number.MAX_SAFE_INTEGER } });
  history = await openHistory({ db: join(tmp, 'history.db') });
  syncing = history.sync(chain.endpoint, { signal: following.signal }).catch((e: unknown) => e);
  api = await serveHistory(history, { port: 0 });
  server = await serveStatic(DIST);
  context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 1000 },
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
  following.abort();
  await syncing;
  await api?.close();
  await history?.close();
  await chain?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function shot(name: string) {
  return page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function signInAs(name: 'alice' | 'bob' | 'charlie' | 'dave') {
  await page.getByTestId('account').selectOption(chain.accounts[name].address);
}

const text = (l: Locator) => l.textContent().then((t) => t ?? '');

/** Opens the confirmation, checks what it says, and confirms. */
async function confirm(expected: (string | RegExp)[]) {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  for (const e of expected) await expect.poll(() => text(dialog)).toMatch(e);
  await expect.poll(() => text(dialog.getByTestId('confirm-fee'))).toMatch(/Transaction fee about/);
  await dialog.getByTestId('confirm-ok').click();
  await dialog.waitFor({ state: 'detached' });
}

/** Every input, select and button has a name a screen reader can read out. */
async function assertLabelled() {
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => {
        const aria = el.getAttribute('aria-label') ?? '';
        if (aria.trim() !== '') return false;
        if (el.tagName === 'BUTTON') return (el.textContent ?? '').trim() === '';
        return !el.closest('label') && !(el.id && document.querySelector(`label[for="${el.id}"]`));
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  expect(unnamed).toEqual([]);
}

/** No control hidden past the edge: the page never scrolls sideways, every wide table scrolls in its card. */
async function assertFits(width: number) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `page wider than the ${width} px window`).toBeLessThanOrEqual(0);
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll('section.card')]
      .filter((card) => card.scrollWidth > card.clientWidth + 1)
      .map((card) => card.getAttribute('data-testid')),
  );
  expect(clipped).toEqual([]);
}

const base = () =>
  `${server.url}?endpoint=${encodeURIComponent(chain.endpoint)}&indexer=${encodeURIComponent(api.url)}`;

describe('dashboard in Chromium against the dev chain and the indexer', () => {
  let workers: string[] = [];

  it('a bad endpoint ends the loading state; without an indexer the chart says so', async () => {
    await page.goto(`${server.url}?endpoint=${encodeURIComponent('ws://127.0.0.1:1')}`);
    await page.getByTestId('pools-failed').waitFor();
    // every "loading…" ends: nothing is coming
    await expect.poll(() => page.getByText(/loading/).count()).toBe(0);
    await shot('00-bad-endpoint');
    consoleErrors.length = 0; // the refused socket is logged by the browser itself
  });

  it('pool owner: settings with confirmation, a pasted list of workers in one transaction, stake with no silent default', async () => {
    const { alice, dave } = chain.accounts;
    await page.goto(base());
    await expect.poll(() => text(page.getByTestId('connection'))).toBe('connected');
    await expect.poll(() => page.getByTestId('account').inputValue()).toBe(alice.address);
    await page.getByText('No pools yet').waitFor();
    // Dave owns the pool: the test's own sudo calls (the mining switch) sign as Alice, and would race her nonces
    await signInAs('dave');

    await page.getByTestId('create-pool').click();
    const pool = page.getByTestId('pool-0');
    await pool.waitFor();
    await expect.poll(() => text(pool.getByTestId('commission'))).toBe('0 %');
    const actions = page.getByTestId('pool-actions');
    // the payout field shows the pool's own 0 %, not a made-up 20
    expect(await actions.getByTestId('payout-input').inputValue()).toBe('0');
    await actions.getByTestId('payout-input').fill('150');
    await actions.getByTestId('form-payout').locator('button[type=submit]').click();
    await expect.poll(() => text(actions.getByTestId('payout-status'))).toContain('between 0 and 100');
    await actions.getByTestId('payout-input').fill('20');
    await actions.getByTestId('form-payout').locator('button[type=submit]').click();
    await confirm(['0 % → 20 %']);
    await expect.poll(() => text(pool.getByTestId('commission'))).toBe('20 %');

    await actions.getByTestId('cap-input').fill('50000');
    await actions.getByTestId('form-cap').locator('button[type=submit]').click();
    await expect.poll(() => text(pool.getByTestId('cap'))).toBe('50,000 PHA');

    workers = [];
    for (let i = 0; i < 3; i++)
      workers.push(await chain.registerWorker({ operator: dave, score: 2000 + i * 100, cores: 4 + i }));
    await actions.getByTestId('worker-input').fill(`${workers[0]}\n0x1234`);
    await actions.getByTestId('form-add-worker').locator('button[type=submit]').click();
    await expect.poll(() => text(actions.getByTestId('add-worker-status'))).toContain('64 hex digits');
    await actions.getByTestId('worker-input').fill(workers.join('\n'));
    await actions.getByTestId('form-add-worker').locator('button[type=submit]').click();
    await expect
      .poll(() => text(actions.getByTestId('add-worker-status')))
      .toContain('3 workers added in one transaction');
    for (const w of workers)
      await expect.poll(() => text(page.getByTestId(`worker-${w}`).getByTestId('state'))).toBe('Ready');
    await expect.poll(() => text(pool.getByTestId('worker-totals'))).toBe('0 of 3 mining');

    // a staker: over the cap gap first; the field clears after a contribution
    await signInAs('bob');
    await actions.getByTestId('contribute-input').fill('60000');
    await actions.getByTestId('form-contribute').locator('button[type=submit]').click();
    await expect
      .poll(() => text(actions.getByTestId('contribute-status')))
      .toContain('(ContributionExceedsCap)');
    await actions.getByTestId('contribute-input').fill('20000');
    await actions.getByTestId('form-contribute').locator('button[type=submit]').click();
    await expect.poll(() => text(page.getByTestId('locked'))).toBe('20,000 PHA');
    await expect.poll(() => actions.getByTestId('contribute-input').inputValue()).toBe('');
    await shot('01-pool-and-workers');

    // Start with an empty field is refused; Smin fills the field
    await signInAs('dave');
    const row = page.getByTestId(`worker-${workers[0]}`);
    await row.getByTestId('start').click();
    await expect.poll(() => text(row.getByTestId('worker-status'))).toContain('Enter a stake between Smin');
    await row.getByTestId('fill-smin').click();
    expect(await row.getByTestId('start-stake').inputValue()).toMatch(/^4472\.1359/);
    await row.getByTestId('start').click();
    await expect.poll(() => text(row.getByTestId('state'))).toBe('Mining');
    await expect.poll(() => text(row.getByTestId('worker-status'))).toContain('✓ done');
    // the simulated miner answers its heartbeats from now on
    await chain.setWorkerOnline(workers[0]!, true);
  });

  it('a row shows its latest operation: a failed Stop after a successful Start reads as the failure', async () => {
    const row = page.getByTestId(`worker-${workers[0]}`);
    await chain.setMiningEnabled(false);
    await row.getByTestId('stop').click();
    // the pop-up tells when the cooldown ends; the rule the switch breaks shows where the fee would
    const dialog = page.getByRole('dialog');
    await expect.poll(() => text(dialog)).toMatch(/Cooldown ends\d/);
    await expect.poll(() => text(dialog.getByTestId('confirm-fee'))).toContain('MiningDisabled');
    await dialog.getByTestId('confirm-ok').click();
    await expect.poll(() => text(row.getByTestId('worker-status'))).toContain('(MiningDisabled)');
    expect(await text(row.getByTestId('worker-status'))).not.toContain('done');
    await shot('02-failed-stop-after-start');
    // errors stay until dismissed
    await row.getByTestId('dismiss').click();
    expect(await row.getByTestId('worker-status').count()).toBe(0);
    await chain.setMiningEnabled(true);
  });

  it('results never leak between accounts', async () => {
    const row = page.getByTestId(`worker-${workers[0]}`);
    const start = page.getByTestId(`worker-${workers[1]}`);
    await start.getByTestId('start').click();
    await expect.poll(() => text(start.getByTestId('worker-status'))).toContain('Enter a stake');
    await page.getByTestId('pool-actions').getByTestId('cap-input').fill('-1');
    await page.getByTestId('pool-actions').getByTestId('form-cap').locator('button[type=submit]').click();
    await page.getByTestId('pool-actions').getByTestId('cap-status').waitFor();
    await signInAs('charlie');
    await expect.poll(() => page.getByTestId('worker-status').count()).toBe(0);
    expect(await page.getByTestId('pool-actions').getByRole('alert').count()).toBe(0);
    await signInAs('dave');
    // switching back starts clean too: the results belonged to the earlier view
    await expect.poll(() => page.getByTestId('worker-status').count()).toBe(0);
    expect(await page.getByTestId('cap-status').count()).toBe(0);
    expect(await text(row.getByTestId('state'))).toBe('Mining');
  });

  it('fleet: bulk start at Smin in one transaction, an Unresponsive worker pinned at the top, filter, search, sort', async () => {
    const workersCard = page.getByTestId('workers');
    await workersCard.getByTestId('select-all').check();
    await expect.poll(() => text(page.getByTestId('batch-start'))).toBe('Start 2');
    await page.getByTestId('batch-start').click();
    await confirm(['Start 2 workers in one transaction', /Total stake/]);
    for (const w of workers.slice(1))
      await expect.poll(() => text(page.getByTestId(`worker-${w}`).getByTestId('state'))).toBe('Mining');
    await expect
      .poll(() => text(page.getByTestId(`worker-${workers[2]}`).getByTestId('worker-status')))
      .toContain('✓ done');
    await expect
      .poll(() => text(page.getByTestId('pool-0').getByTestId('worker-totals')))
      .toBe('3 of 3 mining');

    // two answer their heartbeats, the last one does not: it turns Unresponsive and goes to the top
    await chain.setWorkerOnline(workers[1]!, true);
    await chain.setWorkerOnline(workers[2]!, false);
    for (let round = 0; round < 4; round++) {
      await chain.newBlocks(10);
      await chain.settle();
    }
    // a forced settlement counts as a heartbeat: only plain blocks let the missed challenges add up
    const miner = poolSubAccountHex(0n, workers[2]!);
    const minerState = async () =>
      ((await (chain.api.query.phalaMining as any).miners(miner)) as any).unwrap().state.toString();
    for (let i = 0; i < 100 && (await minerState()) !== 'MiningUnresponsive'; i++) await chain.newBlocks(10);
    expect(await minerState()).toBe('MiningUnresponsive');
    const first = workersCard.locator('tbody tr').first();
    await expect.poll(() => first.getAttribute('data-testid')).toBe(`worker-${workers[2]}`);
    expect(await text(first.getByTestId('state'))).toBe('Unresponsive');
    expect(await text(first.getByTestId('attention'))).toBe('needs attention');
    await expect.poll(() => text(page.getByTestId('pool-0'))).toContain('1 need attention');
    await shot('03-fleet-attention');

    await workersCard.getByTestId('state-filter').selectOption('Mining');
    await expect.poll(() => workersCard.locator('tbody tr').count()).toBe(2);
    await workersCard.getByTestId('state-filter').selectOption('');
    await workersCard.getByTestId('worker-search').fill(workers[1]!.slice(2, 14));
    await expect.poll(() => workersCard.locator('tbody tr').count()).toBe(1);
    await workersCard.getByTestId('worker-search').fill('');
    await workersCard.getByTestId('sort-cores').click();
    await workersCard.getByTestId('sort-cores').click(); // descending: 6, 5, 4 cores — the pinned one (6) stays first
    await expect
      .poll(async () => (await workersCard.locator('tbody [data-testid=cores]').allTextContents()).join(','))
      .toBe('6,5,4');
  });

  it('history from the indexer: rewards per pool and worker that survive a reload, realized APR, the events timeline', async () => {
    await page.getByTestId('pool-0').getByTestId('manage').click();
    const chart = page.getByTestId('rewards-chart');
    await expect
      .poll(async () => Number(await chart.locator('svg.chart').getAttribute('data-samples')))
      .toBeGreaterThan(1);
    await expect.poll(() => text(chart.getByTestId('chart-mined'))).not.toBe('0 PHA');
    await expect.poll(() => text(chart.getByTestId('chart-apr'))).toMatch(/realized APR \d/);
    const before = Number(await chart.locator('svg.chart').getAttribute('data-samples'));
    await page.reload();
    await page.getByTestId('pool-0').getByTestId('manage').click();
    await expect
      .poll(async () => Number(await page.locator('svg.chart').getAttribute('data-samples')))
      .toBeGreaterThanOrEqual(before);
    await page.getByTestId('chart-scope').selectOption(workers[0]!);
    await expect.poll(() => text(page.getByTestId('chart-mined'))).not.toBe('0 PHA');
    const timeline = page.getByTestId('timeline');
    await expect.poll(() => text(timeline)).toContain('worker-started');
    await expect.poll(() => text(timeline)).toContain('commission-set');
    await shot('04-history');
  });

  it('staker: withdraw shows paid now vs queued, the queue shows the latest withdrawal and turns overdue; claim to a chosen account', async () => {
    await signInAs('bob');
    const actions = page.getByTestId('pool-actions');
    await expect.poll(() => text(page.getByTestId('pending'))).not.toBe('0 PHA');
    const free = await text(page.getByTestId('pool-0').getByTestId('free-stake'));
    await actions.getByTestId('withdraw-input').fill('15000');
    await actions.getByTestId('form-withdraw').locator('button[type=submit]').click();
    await confirm([`Paid now${free}`, /Queued[1-9]/, /Latest withdrawal\d/]);
    await expect.poll(() => text(actions.getByTestId('withdraw-status'))).toMatch(/paid now, .* queued/);
    const queued = page.getByTestId(`queue-${chain.accounts.bob.address}`);
    await expect.poll(() => text(queued.getByTestId('countdown'))).toContain('7d');
    expect(await text(queued.getByTestId('latest-withdrawal'))).toMatch(/\d/);

    await actions.getByTestId('form-claim').locator('button[type=submit]').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => text(dialog)).toMatch(/Amount[1-9]/);
    await dialog.getByTestId('claim-target').selectOption(chain.accounts.charlie.address);
    const charlieBefore = await chain.balanceOf(chain.accounts.charlie);
    await confirm([]);
    await expect.poll(() => text(actions.getByTestId('claim-status'))).toMatch(/✓ done.*claimed to/);
    expect(await chain.balanceOf(chain.accounts.charlie)).toBeGreaterThan(charlieBefore);

    // past the grace period the request is overdue (and the chain stops the pool's workers)
    await chain.timeTravel({ days: 7, hours: 1 });
    await chain.newBlocks(1);
    await expect.poll(() => text(queued.getByTestId('countdown'))).toContain('overdue since');
    await shot('05-overdue-withdrawal');
  });

  it('owner after a forced stop: reclaim the cooled-down workers in one batch, remove one after confirming', async () => {
    await signInAs('dave');
    const workersCard = page.getByTestId('workers');
    for (const w of workers)
      await expect.poll(() => text(page.getByTestId(`worker-${w}`).getByTestId('state'))).toBe('CoolingDown');
    await chain.timeTravel({ days: 7, hours: 1 });
    await chain.newBlocks(1);
    await expect.poll(() => page.getByTestId('attention').count()).toBe(3);
    await workersCard.getByTestId('select-all').check();
    await expect.poll(() => text(page.getByTestId('batch-reclaim'))).toBe('Reclaim 3');
    await page.getByTestId('batch-reclaim').click();
    await confirm(['Reclaim 3 workers in one transaction']);
    for (const w of workers)
      await expect.poll(() => text(page.getByTestId(`worker-${w}`).getByTestId('state'))).toBe('Ready');
    await page.getByTestId('chart-scope').selectOption('');
    await expect.poll(() => text(page.getByTestId('chart-mined'))).not.toBe('0 PHA');
    const minedBefore = await text(page.getByTestId('chart-mined'));
    const row = page.getByTestId(`worker-${workers[2]}`);
    await row.getByTestId('remove').click();
    await confirm(['Remove worker']);
    await row.waitFor({ state: 'detached' });
    // the pool's history keeps the removed worker's rewards: the mined line does not fall
    await expect.poll(() => text(page.getByTestId('timeline'))).toContain('worker-removed');
    expect(await text(page.getByTestId('chart-mined'))).toBe(minedBefore);
    expect(consoleErrors.filter((e) => !/extension/i.test(e))).toEqual([]);
  });

  it('51 workers in 3 pools: a pasted list per pool, per-pool totals, 24 started in one transaction, the list scrolls in its card', async () => {
    const { dave } = chain.accounts;
    const lists: string[][] = [];
    for (const [pid, n] of [
      [1, 24],
      [2, 25],
    ] as const) {
      await page.getByTestId('create-pool').click();
      await page.getByTestId(`pool-${pid}`).waitFor();
      await expect.poll(() => text(page.getByTestId('pool-actions').locator('h2'))).toBe(`Pool #${pid}`);
      const keys: string[] = [];
      for (let i = 0; i < n; i++) keys.push(await chain.registerWorker({ operator: dave, score: 2000 }));
      lists.push(keys);
      const actions = page.getByTestId('pool-actions');
      await actions.getByTestId('worker-input').fill(keys.join('\n'));
      await actions.getByTestId('form-add-worker').locator('button[type=submit]').click();
      await expect
        .poll(() => text(actions.getByTestId('add-worker-status')))
        .toContain(`${n} workers added in one transaction`);
    }
    const workersCard = page.getByTestId('workers');
    await expect.poll(() => text(workersCard.getByTestId('workers-count'))).toBe('51 of 51 shown');
    await expect
      .poll(() => text(page.getByTestId('pool-1').getByTestId('worker-totals')))
      .toBe('0 of 24 mining');
    await expect
      .poll(() => text(page.getByTestId('pool-2').getByTestId('worker-totals')))
      .toBe('0 of 25 mining');

    expect(await text(page.getByTestId('create-pool-status'))).toContain('✓ done');
    await signInAs('bob');
    // Dave's "Create Pool ✓ done" is not Bob's
    expect(await page.getByTestId('create-pool-status').count()).toBe(0);
    await page.getByTestId('pool-1').getByTestId('manage').click();
    await page.getByTestId('contribute-input').fill('120000');
    await page.getByTestId('form-contribute').locator('button[type=submit]').click();
    await expect.poll(() => text(page.getByTestId('locked'))).toBe('120,000 PHA');
    await signInAs('dave');
    await workersCard.getByTestId('pool-filter').selectOption('1');
    await expect.poll(() => workersCard.locator('tbody tr').count()).toBe(24);
    await workersCard.getByTestId('select-all').check();
    await expect.poll(() => text(page.getByTestId('batch-start'))).toBe('Start 24');
    await page.getByTestId('batch-start').click();
    await confirm(['Start 24 workers in one transaction']);
    await expect
      .poll(() => text(page.getByTestId('pool-1').getByTestId('worker-totals')))
      .toBe('24 of 24 mining');
    // and stopped again in one transaction, after a confirmation with the stake that cools down
    await page.getByTestId('batch-stop').click();
    await confirm(['Stop 24 workers in one transaction', /Stake cooling down[1-9]/]);
    await expect
      .poll(() => text(page.getByTestId('pool-1').getByTestId('worker-totals')))
      .toBe('0 of 24 mining');
    await workersCard.getByTestId('state-filter').selectOption('CoolingDown');
    await expect.poll(() => workersCard.locator('tbody tr').count()).toBe(24);
    await workersCard.getByTestId('state-filter').selectOption('');
    // pool 2 has no stake: "the stake typed in each row" names the first row without one; at Smin the pop-up shows
    // the rule the chain would refuse, before anything is signed
    await workersCard.getByTestId('pool-filter').selectOption('2');
    await workersCard.getByTestId('select-all').check();
    await page.getByTestId('batch-stake-mode').selectOption('row');
    await page.getByTestId('batch-start').click();
    await expect.poll(() => text(page.getByTestId('batch-status'))).toContain('type its stake in its row');
    await page.getByTestId('batch-stake-mode').selectOption('smin');
    await page.getByTestId('batch-start').click();
    await expect
      .poll(() => text(page.getByRole('dialog').getByTestId('confirm-fee')))
      .toContain('(InsufficientFreeStake)');
    await page.getByTestId('confirm-cancel').click();
    await workersCard.getByTestId('select-all').uncheck();
    await workersCard.getByTestId('pool-filter').selectOption('');
    // pools sorted by their number of workers; "mine only" keeps Dave's
    await page.getByTestId('pools-sort').selectOption('workers');
    await expect
      .poll(() => page.getByTestId('pools').locator('tbody tr').first().getAttribute('data-testid'))
      .toBe('pool-2');
    await signInAs('bob');
    await page.getByTestId('pools-mine').check();
    await page.getByText('You own no pool yet.').waitFor();
    await page.getByTestId('pools-mine').uncheck();
    await signInAs('dave');
    // the list scrolls inside its card: the page stays far shorter than one row per worker would make it
    const viewport = page.viewportSize()!;
    const listBox = await workersCard.locator('.table-scroll').boundingBox();
    expect(listBox!.height).toBeLessThanOrEqual(viewport.height * 0.7 + 1);
    await shot('07-fleet-51-workers');
  });

  it('fits at 1440 and 1024 px: no page-wide scroll, tables scroll inside their cards', async () => {
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await assertFits(width);
      await assertLabelled();
      const remove = page.getByTestId(`worker-${workers[0]}`).getByTestId('remove');
      await remove.scrollIntoViewIfNeeded();
      const box = await remove.boundingBox();
      const card = await page.getByTestId('workers').boundingBox();
      expect(box && card && box.x >= card.x && box.x + box.width <= card.x + card.width).toBe(true);
      if (width >= 1440) {
        // at 1440 px a worker row fits its card: nothing to scroll to
        const list = page.getByTestId('workers').locator('.table-scroll');
        expect(await list.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      }
      await shot(`06-layout-${width}`);
    }
    await page.getByTestId('indexer').fill('');
    await page.getByTestId('indexer').press('Enter');
    await page.getByTestId('chart-no-indexer').waitFor();
    expect(consoleErrors.filter((e) => !/extension/i.test(e))).toEqual([]);
  });
});
