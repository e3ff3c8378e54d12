import { expect, expectAccessible, keepScreenshot, personPage, test } from './fixtures';

test('the known-error workflow by two people, with a conflict shown', async ({ browser }) => {
  const problems: string[] = [];
  const engineer = await personPage(browser, 'engineer', problems);
  const colleague = await personPage(browser, 'engineer2', problems);
  const manager = await personPage(browser, 'manager', problems);

  // The engineer drafts and submits.
  await engineer.goto('/known-errors');
  await expect(engineer.getByRole('table', { name: '已知错误' })).toContainText(/KE-\d{6}/);
  await expectAccessible(engineer);
  await keepScreenshot(engineer, 'known-errors');
  await engineer.getByRole('button', { name: '新建已知错误' }).click();
  const dialog = engineer.getByRole('dialog');
  await dialog.getByLabel('标题').fill('政务外网 VPN 证书过期导致无法接入');
  await dialog
    .getByLabel('故障现象')
    .fill('委办局用户无法通过 VPN 接入政务外网，客户端提示证书无效');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(engineer).toHaveURL(/\/known-errors\/KE-\d{6}$/);
  const url = new URL(engineer.url()).pathname;
  await expect(engineer.getByRole('group', { name: '状态' })).toContainText('草稿');
  await expectAccessible(engineer);
  await engineer.getByRole('button', { name: '提交审核' }).click();
  await expect(engineer.getByRole('group', { name: '状态' })).toContainText('审核中');
  // An engineer is not offered what only a problem manager may do.
  await expect(engineer.getByRole('button', { name: '发布' })).toHaveCount(0);

  // The problem manager rejects it with a reason.
  await manager.goto(url);
  await manager.getByRole('button', { name: '退回' }).click();
  await manager.getByRole('dialog').getByLabel('原因').fill('请补充原因与临时解决办法');
  await manager.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(manager.getByRole('group', { name: '状态' })).toContainText('草稿');

  // Two engineers edit at once: the second to save sees both versions.
  await engineer.reload();
  await colleague.goto(url);
  await engineer.getByRole('button', { name: '编辑' }).click();
  await colleague.getByRole('button', { name: '编辑' }).click();
  await colleague
    .getByRole('dialog')
    .getByLabel('原因')
    .fill('VPN 网关证书于 12 月 1 日到期未续签');
  await colleague.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(colleague.getByText('已保存', { exact: true })).toBeVisible();
  await engineer.getByRole('dialog').getByLabel('原因').fill('证书过期');
  await engineer.getByRole('dialog').getByLabel('临时解决办法').fill('临时启用备用证书');
  await keepScreenshot(engineer, 'known-error-editor');
  await engineer.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  const conflict = engineer.getByRole('dialog', { name: '保存冲突' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByText('临时启用备用证书')).toBeVisible();
  await expect(conflict.getByText('VPN 网关证书于 12 月 1 日到期未续签')).toBeVisible();
  await keepScreenshot(engineer, 'known-error-conflict');
  await conflict.getByRole('button', { name: '载入最新版本' }).click();

  // Edited again on the saved version, submitted, published by the manager.
  await engineer.getByRole('button', { name: '编辑' }).click();
  await engineer.getByRole('dialog').getByLabel('临时解决办法').fill('临时启用备用证书');
  await engineer.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(engineer.getByText('已保存', { exact: true })).toBeVisible();
  await engineer.getByRole('button', { name: '提交审核' }).click();
  await expect(engineer.getByRole('group', { name: '状态' })).toContainText('审核中');
  await manager.reload();
  await manager.getByRole('button', { name: '发布' }).click();
  await expect(manager.getByRole('group', { name: '状态' })).toContainText('已发布');
  await expect(manager.getByRole('region', { name: '版本差异' })).toContainText('临时启用备用证书');
  await expectAccessible(manager);
  await keepScreenshot(manager, 'known-error');
  expect(problems).toEqual([]);
});

test('records whether an article helped, lists the articles that need review, and triages from the home page', async ({
  browser,
}) => {
  const problems: string[] = [];
  const engineer = await personPage(browser, 'engineer', problems);

  // The needs-review list: the demo's history holds some.
  await engineer.goto('/known-errors');
  const table = engineer.getByRole('table', { name: '已知错误' });
  await expect(table).toContainText(/KE-\d{6}/);
  const heading = engineer.getByRole('heading', { level: 2 });
  const all = await heading.textContent();
  await engineer.getByLabel('只看需复审').check();
  await expect(heading).not.toHaveText(all!);
  await expect(table.getByText('需复审').first()).toBeVisible();
  await table
    .getByRole('link', { name: /KE-\d{6}/ })
    .first()
    .click();
  await expect(engineer).toHaveURL(/\/known-errors\/KE-\d{6}$/);

  // "Did this help?": the answer is recorded with its incident.
  const usage = engineer.getByRole('region', { name: '使用情况' });
  await expect(usage.getByText('需复审')).toBeVisible();
  const before = Number(await usage.getByTestId('usage-uses').textContent());
  await usage.getByLabel('事件单号').fill('INC-20261202-0815');
  await usage.getByRole('button', { name: '有帮助', exact: true }).click();
  await expect(usage.getByTestId('usage-uses')).toHaveText(String(before + 1));
  await expect(usage.getByText('INC-20261202-0815')).toBeVisible();
  await expectAccessible(engineer);
  await keepScreenshot(engineer, 'known-error-usage');

  // Triage on the home page: words and a failed component in one request.
  await engineer.goto('/');
  const triage = engineer.getByRole('region', { name: '分诊' });
  await triage.getByLabel('故障现象').fill('打印机');
  await triage.getByRole('button', { name: '分诊' }).click();
  await expect(triage.getByText('文本匹配').first()).toBeVisible();
  await expect(triage.getByRole('link', { name: /KE-\d{6}.*打印/ }).first()).toBeVisible();
  await expectAccessible(engineer);
  await keepScreenshot(engineer, 'home-triage');
  expect(problems).toEqual([]);
});
