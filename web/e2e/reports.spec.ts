import { readFileSync } from 'node:fs';
import { expect, expectAccessible, keepScreenshot, signedIn, test } from './fixtures';

test('shows warranty expiries, compliance by supplier and assets by department as charts with their tables, and downloads a report', async ({
  page,
}) => {
  await signedIn(page, 'viewer', '/reports');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('综合报表与运维预算');
  for (const name of ['未来12个月保修到期', '近12个月各供应商服务级别达标率', '各部门资产'])
    await expect(page.getByRole('img', { name })).toBeVisible();
  const compliance = page.getByRole('table', { name: '近12个月各供应商服务级别达标率' });
  await expect(compliance).toContainText('华信数字政府运维服务有限公司 (总包)');
  await expect(compliance).toContainText('%');
  await expect(page.getByRole('table', { name: '数据质量' })).toContainText('孤立配置项');
  await expect(page.getByText(/比例系数法 [\d,.]+；人工量法/)).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, 'reports');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '各部门资产 CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('assetSummary.csv');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.slice(1).split('\r\n')[0]).toBe('键,分组,数量,资产原值,在保,即将过保,已过保,未知');
});
