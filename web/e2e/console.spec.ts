import { readFileSync } from 'node:fs';
import { expect, expectAccessible, keepScreenshot, signedIn, test } from './fixtures';
import { BASE_URL, keyOf } from './service';

test.describe('sign-in', () => {
  // The wrong key typed on purpose is answered 401, which the browser logs.
  test.use({ expectedConsoleErrors: [/status of 401/] });
  test('signs in with an API key, shows the actor and roles, and returns to sign-in on sign-out', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByLabel('API 密钥')).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, 'sign-in');
    await page.getByLabel('API 密钥').fill('not-a-key');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert')).toContainText('密钥无效');
    await page.getByLabel('API 密钥').fill(keyOf('engineer'));
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByLabel('当前用户')).toHaveText('engineer');
    await expect(page.getByText('运维工程师')).toBeVisible();
    await page.getByRole('button', { name: '退出' }).click();
    await expect(page.getByLabel('API 密钥')).toBeVisible();
  });
});

test('finds CIs by IP and asset tag, and known errors by Chinese text, as one types', async ({
  page,
}) => {
  await signedIn(page, 'viewer');
  const search = page.getByRole('searchbox', { name: '搜索' });
  await search.fill('203.0.113.11');
  const cis = page.getByRole('region', { name: '配置项' });
  await expect(
    cis.getByRole('link', { name: /Internet firewall|互联网防火墙/ }).first(),
  ).toBeVisible();
  await search.fill('ZWSJ-2019-04510');
  await expect(cis.getByRole('link').first()).toBeVisible();
  await expect(cis).toContainText('10.0.198.72');
  await search.fill('打印机');
  const kes = page.getByRole('region', { name: '已知错误' });
  await expect(kes.locator('em').first()).toHaveText(/打印机/);
  await expectAccessible(page);
  await keepScreenshot(page, 'home-search');
});

test('analyzes the extranet core pair: the services match impactAnalysis, the map has a node per impact, a chain highlights', async ({
  page,
  request,
}) => {
  const api = await request.post(`${BASE_URL}/graphql`, {
    headers: { authorization: `Bearer ${keyOf('viewer')}` },
    data: {
      query: `{ impactAnalysis(input: { failed: ["core-ext-1", "core-ext-2"] }) { impacts { subject { id } } services { service { name } } } }`,
    },
  });
  const report = (await api.json()).data.impactAnalysis;
  await signedIn(page, 'viewer', '/impact?failed=core-ext-1,core-ext-2');
  const services = page.getByRole('table', { name: '受影响服务' });
  await expect(services.getByRole('row')).toHaveCount(report.services.length + 1);
  for (const s of report.services) await expect(services).toContainText(s.service.name);
  const map = page.getByRole('img', { name: /影响图/ });
  await expect(map).toHaveAttribute('data-nodes', String(report.impacts.length));
  await services.getByRole('button', { name: '影响链' }).first().click();
  const chain = page.getByRole('list', { name: '影响链' });
  await expect(chain.getByRole('listitem').first()).toBeVisible();
  const steps = await chain.getByRole('listitem').count();
  expect(steps).toBeGreaterThan(1);
  await expect(map).toHaveAttribute('data-highlighted', String(steps));
  // The tables go to CSV (UTF-8 with BOM, Chinese headers), the map to PNG.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 CSV' }).first().click(),
  ]);
  const text = readFileSync(await csv.path(), 'utf8');
  expect(text.startsWith('\uFEFF服务,状态,类别')).toBe(true);
  expect(text.trim().split('\r\n')).toHaveLength(report.services.length + 1);
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 PNG' }).click(),
  ]);
  expect(
    readFileSync(await png.path())
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');
  await expectAccessible(page);
  await map.scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, -200);
  await keepScreenshot(page, 'impact-map');
});

test('shows a CI with its fields, graph, edges and history', async ({ page }) => {
  await signedIn(page, 'viewer', '/ci/core-ext-1');
  await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
  await expect(page.getByText('10.0.198.72', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('ZWSJ-2019-04510', { exact: true })).toBeVisible();
  const graph = page.getByRole('img', { name: /依赖关系图/ });
  await expect(graph).toHaveAttribute('data-nodes', /[1-9]/);
  await page.getByText('被依赖项', { exact: true }).click();
  await expect(graph).toHaveAttribute('data-nodes', /[1-9]/);
  await expect(page.getByRole('table', { name: /被依赖项/ })).toBeVisible();
  await expect(page.getByRole('table', { name: '变更历史' })).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, 'ci-page');
  await page.getByRole('button', { name: '分析故障影响' }).click();
  await expect(page).toHaveURL(/\/impact\?failed=core-ext-1/);
});

test('lists the five categories of the catalog', async ({ page }) => {
  await signedIn(page, 'viewer', '/catalog');
  for (const name of [
    '基础设施运维类',
    '应用系统运维类',
    '内容信息运维类',
    '网络接入服务类',
    '安全管理服务类',
  ])
    await expect(page.getByRole('heading', { name: new RegExp(name) })).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, 'catalog');
  // A service's page: SLA, single points of failure, graph and history.
  await page
    .getByRole('link', { name: /一网通办服务/ })
    .first()
    .click();
  await expect(page.getByText('服务级别协议')).toBeVisible();
  await expect(page.getByText(/单点故障（\d+）/)).toBeVisible();
  await expect(page.getByRole('img', { name: /依赖关系图/ })).toHaveAttribute(
    'data-nodes',
    /[1-9]/,
  );
  await expectAccessible(page);
  await keepScreenshot(page, 'service-page');
});

test('runs a query in the explorer, served from the service', async ({ page }) => {
  await signedIn(page, 'viewer', '/explorer');
  await expect(page.getByText('try an impact analysis')).toBeVisible();
  await page.getByRole('button', { name: /Execute query/i }).click();
  await expect(page.getByRole('region', { name: 'Result Window' })).toContainText('servicesDown');
  await expectAccessible(page);
  await keepScreenshot(page, 'explorer');
  // A browser that opens /graphql gets the explorer too.
  await page.goto('/graphql');
  await expect(page).toHaveURL(/\/explorer$/);
});

test('switches to English', async ({ page }) => {
  await signedIn(page, 'viewer', '/catalog?lang=en');
  await expect(page.getByRole('heading', { name: 'Service catalog' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Infrastructure/ })).toBeVisible();
  await page.getByText('中文').click();
  await expect(page.getByRole('heading', { name: '服务目录' })).toBeVisible();
  await expectAccessible(page);
});

test('serves the console with a CSP that allows nothing outside the origin, and hashed assets cached long', async ({
  request,
}) => {
  const index = await request.get(`${BASE_URL}/impact?failed=core-ext-1`);
  expect(index.status()).toBe(200);
  const csp = index.headers()['content-security-policy']!;
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toMatch(/https?:/);
  expect(index.headers()['cache-control']).toBe('no-cache');
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())![1]!;
  const asset = await request.get(`${BASE_URL}${script}`);
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect((await request.get(`${BASE_URL}/assets/../package.json`)).status()).toBe(404);
});
