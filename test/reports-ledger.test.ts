/**
 * The reports answered from the asset ledger (the topology index's copy, reports/ledger.ts) and
 * from the graph (cypher/reports) give the same figures, on a fresh copy and on copies patched
 * from the change records after each kind of write that moves a figure.
 */
import { ReportService } from '../src/modules/reports/service.js';
import type { AssetLedger } from '../src/modules/reports/ledger.js';
import { factories } from './support/factories.js';
import { callerOf, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t);
}, 120000);
afterAll(() => t.close());

const day = (offset: number) =>
  new Date(Date.now() + 8 * 3600000 + offset * 86400000).toISOString().slice(0, 10);

/** Every report's answer, by a service that reads its CIs from `ledger` or from the graph. */
async function answers(reports: ReportService) {
  const caller = callerOf(t.app, { id: 'test', roles: ['VIEWER'] });
  const groupings = ['DEPARTMENT', 'CI_CLASS', 'SUPPLIER', 'LOCATION', 'ENVIRONMENT'] as const;
  const summaries = [];
  for (const g of groupings) summaries.push(await reports.assetSummary(caller, g, null));
  summaries.push(
    await reports.assetSummary(caller, 'DEPARTMENT', {
      classIn: ['Server'],
      status: ['ACTIVE', 'MAINTENANCE'],
      environment: ['PRODUCTION'],
      supplierId: 'sup-l',
      warrantyExpiresBefore: day(365),
    }),
  );
  return {
    summaries,
    forecast: await reports.warrantyForecast(caller, 24),
    quality: await reports.dataQuality(caller),
    budget: await reports.budgetEstimate(caller, 2027, { dayRate: 1000 }),
  };
}

describe('the asset ledger', () => {
  it('answers every report as the graph does, before and after writes patch it', async () => {
    await t.reset();
    await f.orgUnit('org-l1', '大数据局');
    await f.orgUnit('org-l2', '公安局');
    await f.supplier('sup-l', '供应商L');
    const cis: [string, string, Record<string, unknown>][] = [
      [
        'l-1',
        'PhysicalServer',
        {
          ownerId: 'org-l1',
          supplierId: 'sup-l',
          environment: 'PRODUCTION',
          asset: { originalValue: 1234.56, warrantyExpiry: day(-30), location: '机房A' },
        },
      ],
      [
        'l-2',
        'VirtualMachine',
        {
          ownerId: 'org-l1',
          supplierId: 'sup-l',
          environment: 'PRODUCTION',
          asset: { originalValue: 0.1, warrantyExpiry: day(40) },
        },
      ],
      ['l-3', 'Storage', { ownerId: 'org-l2', asset: { serialNumber: 'SN-3' } }],
      [
        'l-4',
        'Database',
        {
          environment: 'TEST',
          asset: { originalValue: 99999999.99, warrantyExpiry: day(400), location: '机房B' },
        },
      ],
      ['l-5', 'PhysicalServer', {}],
    ];
    for (const [id, cls, extra] of cis) await f.ci(id, cls, extra);
    await f.dependency('l-2', 'l-1', 'RUNS_ON');
    await f.service('svc-l', { providerId: 'sup-l' });
    await f.dependency('svc-l', 'l-2');

    const holder = t.app.services.impact.topologyIndex!;
    let fromLedger = 0;
    const ledger = new ReportService(t.app.executor, t.app.services.impact, async () => {
      const copy: AssetLedger | undefined = await holder.exact();
      if (copy) fromLedger += 1;
      return copy;
    });
    const graph = new ReportService(t.app.executor, t.app.services.impact);
    await holder.rebuild();
    const builds = holder.stats.builds;
    const agree = async (what: string) => {
      const before = fromLedger;
      const expected = await answers(graph);
      expect([what, await answers(ledger)]).toEqual([what, expected]);
      // Every report but the filtered summaries with text criteria read the ledger.
      expect(fromLedger - before).toBe(9);
      return expected;
    };
    const first = await agree('fresh copy');
    expect(first.quality.checks.find((c) => c.check === 'CI_ORPHAN')).toMatchObject({
      failing: 3,
      firstIds: ['l-3', 'l-4', 'l-5'],
    });

    const version = async (id: string) =>
      (await t.ok(`query($id: ID!) { configurationItem(id: $id) { version } }`, { id }))
        .configurationItem.version as number;
    const update = async (id: string, input: Record<string, unknown>) =>
      t.ok(
        `mutation($id: ID!, $v: Int!, $i: UpdateConfigurationItemInput!) { updateConfigurationItem(id: $id, expectedVersion: $v, input: $i) { id } }`,
        { id, v: await version(id), i: input },
      );
    // Each write changes what some report counts: the copy is patched, never read again in full.
    await f.ci('l-6', 'Switch', {
      ownerId: 'org-l2',
      supplierId: 'sup-l',
      environment: 'PRODUCTION',
      asset: { originalValue: 5000, warrantyExpiry: day(10) },
    });
    await agree('a CI created');
    await update('l-5', {
      ownerId: 'org-l1',
      supplierId: 'sup-l',
      asset: { originalValue: 42, warrantyExpiry: day(100) },
    });
    await agree('owner, supplier and asset set');
    await update('l-1', { ciClass: 'Storage', environment: 'TEST', criticality: 'HIGH' });
    await agree('class, environment and criticality changed');
    await f.dependency('l-4', 'l-3', 'DEPENDS_ON');
    await agree('a dependency to an orphan');
    await t.ok(`mutation { removeDependency(fromId: "l-4", toId: "l-3", kind: DEPENDS_ON) }`);
    await agree('the dependency removed');
    await t.ok(
      `mutation($v: Int!) { retireConfigurationItem(id: "l-2", expectedVersion: $v) { id } }`,
      {
        v: await version('l-2'),
      },
    );
    const last = await agree('a CI retired');
    expect(last.quality.checks.find((c) => c.check === 'CI_ORPHAN')).toMatchObject({
      firstIds: ['l-3', 'l-4', 'l-5', 'l-6'],
    });
    expect(holder.stats.builds).toBe(builds);
    expect(holder.stats.catchUps).toBeGreaterThanOrEqual(6);
  });
});
