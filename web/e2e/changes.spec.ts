import { expect, expectAccessible, keepScreenshot, signedIn, test } from './fixtures';

/** The Monday after now, 00:00 Beijing time: where the demo calendar's days count from. */
function demoMonday(now = Date.now()): number {
  const beijing = new Date(now + 8 * 3600000);
  const day = beijing.getUTCDay();
  const toMonday = ((8 - day) % 7) + (day === 1 ? 7 : 0);
  return (
    Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate()) +
    toMonday * 86400000 -
    8 * 3600000
  );
}
/** The demo's second week (the intranet core switches on the same night), as `YYYY-MM-DD`. */
const secondWeek = () =>
  new Date(demoMonday() + 7 * 86400000 + 8 * 3600000).toISOString().slice(0, 10);

test('shows the week of changes with its conflicts marked, and a change with its conflicts and impact map', async ({
  page,
}) => {
  await signedIn(page, 'viewer', `/changes?week=${secondWeek()}`);
  const calendar = page.getByRole('region', { name: '本周变更日历' });
  await expect(calendar.getByRole('link', { name: /CHG-\d{6}/ }).first()).toBeVisible();
  await expect(calendar.getByText('内网核心交换机1固件升级', { exact: false })).toBeVisible();
  await expect(calendar.getByText('叠加影响').first()).toBeVisible();
  const conflicts = page.getByRole('region', { name: /本周冲突/ });
  await expect(conflicts.getByText('叠加影响').first()).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, 'changes-week');

  await calendar
    .getByRole('listitem')
    .filter({ hasText: '内网核心交换机1固件升级' })
    .getByRole('link')
    .click();
  await expect(page.getByRole('heading', { level: 2 })).toContainText('内网核心交换机1固件升级');
  const own = page.getByRole('region', { name: /冲突（/ });
  await expect(own.getByRole('table')).toContainText('叠加影响');
  await expect(own.getByRole('table')).toContainText('内网核心交换机2链路整改');
  await expect(page.getByRole('img', { name: /变更影响图/ })).toBeVisible();
  // A viewer is offered no workflow step.
  await expect(page.getByRole('region', { name: '流程操作' }).getByRole('button')).toHaveCount(0);
  await expectAccessible(page);
  await keepScreenshot(page, 'change-page');
});

test('a change manager is refused an approval with conflicts, then accepts them', async ({
  page,
}) => {
  await signedIn(page, 'changeManager', `/changes?week=${secondWeek()}`);
  const calendar = page.getByRole('region', { name: '本周变更日历' });
  await calendar
    .getByRole('listitem')
    .filter({ hasText: '内网核心交换机2链路整改' })
    .getByRole('link')
    .click();
  const actions = page.getByRole('region', { name: '流程操作' });
  await actions.getByRole('button', { name: '批准' }).click();
  await expect(actions.getByText('存在冲突，未批准')).toBeVisible();
  await actions.getByRole('button', { name: '确认冲突并批准' }).click();
  await expect(page.getByText('已批准').first()).toBeVisible();
  await expect(actions.getByRole('button', { name: /批准/ })).toHaveCount(0);
});

test('takes changes in progress into an impact analysis when asked', async ({ page }) => {
  await signedIn(page, 'viewer', '/impact');
  // The box follows the URL (the page's state is its address): it is checked once the URL says so.
  const box = page.getByRole('checkbox', { name: /包含实施中的变更/ });
  await box.click();
  await expect(page).toHaveURL(/planned=1/);
  await expect(box).toBeChecked();
  await expect(page.getByText('中断服务')).toBeVisible();
});
