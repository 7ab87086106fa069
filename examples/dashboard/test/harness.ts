import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HistoryDb, type HistoryServer, openHistory, serveHistory } from '@phala-mining/indexer';
import type { TestChain } from '@phala-mining/testing';
import { createChainTest } from '@phala-mining/testing/vitest';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { serveStatic } from './server.js';

const APP = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(APP, 'dist');
const ARTIFACTS = join(APP, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export let chain: TestChain;
export let server: Awaited<ReturnType<typeof serveStatic>>;
export let history: HistoryDb;
export let api: HistoryServer;
const following = new AbortController();
let syncing: Promise<unknown>;
export let tmp: string;
export let context: BrowserContext;
export let page: Page;
export const consoleErrors: string[] = [];

/**
 * The flows' `test`: the testing package's chain fixture (one dev chain per file, every old state kept, as the dev
 * chain's --archive keeps them: the indexer reads every block's state) and, as a file fixture on it, the indexer,
 * the app's server and Chromium. The flows read them from this module's bindings (`chain`, `page`, …), which the
 * fixture sets before the file's first flow runs.
 */
export const test = createChainTest({ devchain: { keepStates: Number.MAX_SAFE_INTEGER } }).extend<{
  harness: true;
}>({
  harness: [
    async ({ fileChain }, use) => {
      if (!existsSync(CHROMIUM))
        throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
      // `turbo run test` builds first; a direct `vitest run` builds here
      if (!existsSync(join(DIST, 'index.html'))) {
        const { build } = await import('vite');
        // vitest sets NODE_ENV=test, which vite would keep: React's development build (StrictMode's double effects log
        // the extra client's closed socket). Build what `vite build` builds.
        const nodeEnv = process.env.NODE_ENV;
        process.env.NODE_ENV = 'production';
        try {
          await build({ root: APP, logLevel: 'warn', mode: 'production' });
        } finally {
          process.env.NODE_ENV = nodeEnv;
        }
      }
      await mkdir(ARTIFACTS, { recursive: true });
      tmp = await mkdtemp(join(tmpdir(), 'dashboard-e2e-'));
      chain = fileChain;
      try {
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
        await use(true);
      } finally {
        // everything that talks to the chain stops before the chain fixture closes it
        await context?.close();
        await server?.close();
        following.abort();
        await syncing;
        await api?.close();
        await history?.close();
        await rm(tmp, { recursive: true, force: true });
      }
    },
    { scope: 'file', auto: true },
  ],
});

/** What the page showed when a flow failed, next to the flows' own screenshots (the set-up is {@link test}'s). */
export function useHarness(): void {
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page)
      await shot(`failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });
}

export function shot(name: string) {
  return page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export async function signInAs(name: 'alice' | 'bob' | 'charlie' | 'dave' | 'eve' | 'ferdie') {
  await page.getByTestId('account').selectOption(chain.accounts[name].address);
}

export const text = (l: Locator) => l.textContent().then((t) => t ?? '');

/** Opens the confirmation, checks what it says, and confirms. */
export async function confirm(expected: (string | RegExp)[]) {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  for (const e of expected) await expect.poll(() => text(dialog)).toMatch(e);
  await expect.poll(() => text(dialog.getByTestId('confirm-fee'))).toMatch(/Transaction fee about/);
  await dialog.getByTestId('confirm-ok').click();
  await dialog.waitFor({ state: 'detached' });
}

/** Every input, select and button has a name a screen reader can read out. */
export async function assertLabelled() {
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
export async function assertFits(width: number) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `page wider than the ${width} px window`).toBeLessThanOrEqual(0);
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll('section.card')]
      .filter((card) => card.scrollWidth > card.clientWidth + 1)
      .map((card) => card.getAttribute('data-testid')),
  );
  expect(clipped).toEqual([]);
}

export const base = () =>
  `${server.url}?endpoint=${encodeURIComponent(chain.endpoint)}&indexer=${encodeURIComponent(api.url)}`;

/** What the flows hand on to the next: pool 0's first workers, pool 1's and pool 2's (Dave's). */
export const fleet = { workers: [] as string[], poolOne: [] as string[], poolTwo: [] as string[] };

/** The console errors of the run so far, less the extension's (no Polkadot{.js} extension in the test browser). */
export const appErrors = () => consoleErrors.filter((e) => !/extension/i.test(e));

/** The cards whose tables must fit or scroll inside them: the pools table, the worker table, the withdraw queue. */
const TABLES = ['pools', 'workers', 'stake-info'];

interface TableFit {
  card: string | null;
  /** the table is wider than its scroll box */
  scrolls: boolean;
  overflowX: string;
  /** the scroll box lies inside its card */
  insideCard: boolean;
  /** scrolled to the far end, every cell of the last column (header included) is inside the scroll box */
  lastColumnReachable: boolean;
  lastHeader: string;
  /** pixels the table is wider than its scroll box */
  over: number;
}

/** Measures every table of the page: it fits its card, or it scrolls inside it and its last column can be reached. */
function measureTables(): Promise<TableFit[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('section.card .table-scroll')].map((box) => {
      const card = box.closest('section.card')!;
      const cardBox = card.getBoundingClientRect();
      const before = box.scrollLeft;
      box.scrollLeft = box.scrollWidth;
      const boxRect = box.getBoundingClientRect();
      const last = [...box.querySelectorAll('tr')].map((tr) => tr.lastElementChild!.getBoundingClientRect());
      const fit = {
        card: card.getAttribute('data-testid'),
        scrolls: box.scrollWidth > box.clientWidth,
        overflowX: getComputedStyle(box).overflowX,
        insideCard: boxRect.left >= cardBox.left - 1 && boxRect.right <= cardBox.right + 1,
        lastColumnReachable: last.every((r) => r.left >= boxRect.left - 1 && r.right <= boxRect.right + 1),
        lastHeader: box.querySelector('thead tr')?.lastElementChild?.textContent ?? '',
        over: box.scrollWidth - box.clientWidth,
      };
      box.scrollLeft = before;
      return fit;
    }),
  );
}

/**
 * Every table of the page fits its card, or scrolls inside it with its last column reachable; at 1440 px (and for the
 * withdraw queue, which has a full-width card below 1100 px) nothing scrolls. The pools table, the worker table and
 * the withdraw queue must be on the page.
 */
export async function assertTables(width: number, required: string[] = TABLES) {
  const tables = await measureTables();
  expect(tables.map((t) => t.card)).toEqual(expect.arrayContaining(required));
  for (const t of tables) {
    expect(t.insideCard, `${t.card}'s table at ${width} px`).toBe(true);
    expect(t.lastColumnReachable, `${t.card}'s last column (${t.lastHeader}) at ${width} px`).toBe(true);
    // a table wider than its card scrolls inside it, never clipped
    if (t.scrolls) expect(['auto', 'scroll'], `${t.card} at ${width} px`).toContain(t.overflowX);
    // below 1100 px the staking card takes the full width: the withdraw queue fits at 1024 px as well
    if (t.card === 'stake-info')
      expect(t.scrolls, `the queue is ${t.over} px too wide at ${width} px`).toBe(false);
    // at 1440 px every table fits its card: nothing to scroll to
    if (width >= 1440)
      expect(t.scrolls, `${t.card}'s table is ${t.over} px too wide at ${width} px`).toBe(false);
  }
}
