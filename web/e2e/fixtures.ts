import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, keyOf, type Person } from './service';

/** Where screenshots of each page are kept (git-ignored). */
export const SCREENSHOTS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../screenshots',
);

/**
 * The test of this suite: every page it opens must log no console error, raise no page error and
 * request nothing from any host but the service's.
 */
export const test = base.extend<{ guard: void; expectedConsoleErrors: RegExp[] }>({
  expectedConsoleErrors: [[], { option: true }],
  guard: [
    async ({ page, expectedConsoleErrors }, use) => {
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && !expectedConsoleErrors.some((re) => re.test(m.text())))
          problems.push(`console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        const url = r.url();
        if (!url.startsWith(BASE_URL) && !url.startsWith('data:') && !url.startsWith('blob:'))
          problems.push(`request outside the origin: ${url}`);
      });
      await use();
      expect(problems).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * A page of its own (another browser context) signed in as a person, watched like the test's
 * page: its console errors and outside requests land in `problems`.
 */
export async function personPage(browser: Browser, who: Person, problems: string[]): Promise<Page> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${who}: console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
  page.on('request', (r) => {
    if (
      !r.url().startsWith(BASE_URL) &&
      !r.url().startsWith('data:') &&
      !r.url().startsWith('blob:')
    )
      problems.push(`${who}: request outside the origin: ${r.url()}`);
  });
  await page.addInitScript((key) => sessionStorage.setItem('egov-cmdb.token', key), keyOf(who));
  return page;
}

/** Opens the console signed in as a person (their key in the tab's session, as sign-in leaves it). */
export async function signedIn(page: Page, who: Person, url = '/'): Promise<void> {
  await page.addInitScript((key) => sessionStorage.setItem('egov-cmdb.token', key), keyOf(who));
  await page.goto(url);
}

/**
 * Fails on any serious or critical accessibility violation (axe-core) of the page as it is. axe
 * throws (rather than reports) when the page changes its DOM under it while it runs (GraphiQL's
 * editors do, on a loaded machine): then it runs again once the page has drawn two more frames, up
 * to three times.
 */
export async function expectAccessible(page: Page): Promise<void> {
  let result: Awaited<ReturnType<AxeBuilder['analyze']>> | undefined;
  for (let attempt = 1; !result; attempt++) {
    try {
      result = await new AxeBuilder({ page }).analyze();
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
    }
  }
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${v.id}: ${v.help}: ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`)
          .join(' | ')}`,
    ),
  ).toEqual([]);
}

/** Keeps a screenshot of the page as it is. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
