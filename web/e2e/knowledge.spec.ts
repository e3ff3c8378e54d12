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
