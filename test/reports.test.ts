import ExcelJS from 'exceljs';
import { factories } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startTokenApp, keyOf, type TokenApp } from './support/token-app.js';
import { errorOf } from './support/factories.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t);
}, 120000);
afterAll(() => t.close());

/** Today and days from it in Asia/Shanghai, `YYYY-MM-DD`. */
const day = (offset = 0) =>
  new Date(Date.now() + 8 * 3600000 + offset * 86400000).toISOString().slice(0, 10);
const month = (offset: number) => {
  const [y, m] = day().split('-').map(Number) as [number, number];
  const k = y * 12 + m - 1 + offset;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
};

/** The estate of these tests: CIs whose figures the tests recompute from this list. */
const CIS = [
  {
    id: 'r-srv-1',
    ciClass: 'PhysicalServer',
    owner: 'org-a',
    supplier: 'sup-x',
    value: 120000.1,
    expiry: day(-400),
    location: '机房A',
  },
  {
    id: 'r-srv-2',
    ciClass: 'PhysicalServer',
    owner: 'org-a',
    supplier: 'sup-x',
    value: 80000.2,
    expiry: day(30),
    location: '机房A',
  },
  {
    id: 'r-sto-1',
    ciClass: 'Storage',
    owner: 'org-b',
    supplier: 'sup-x',
    value: 500000.3,
    expiry: day(200),
    location: '机房B',
  },
  {
    id: 'r-db-1',
    ciClass: 'Database',
    owner: 'org-b',
    supplier: null,
    value: 300000,
    expiry: null,
    location: null,
  },
  {
    id: 'r-vm-1',
    ciClass: 'VirtualMachine',
    owner: null,
    supplier: null,
    value: null,
    expiry: null,
    location: null,
  },
  {
    id: 'r-old',
    ciClass: 'PhysicalServer',
    owner: 'org-a',
    supplier: 'sup-x',
    value: 999999,
    expiry: day(-10),
    location: '机房A',
    retired: true,
  },
];

beforeAll(async () => {
  await t.reset();
  await f.orgUnit('org-a', '大数据局');
  await f.orgUnit('org-b', '人社局');
  await f.supplier('sup-x', '供应商X');
  for (const c of CIS) {
    const asset =
      c.value !== null || c.expiry !== null
        ? {
            originalValue: c.value ?? undefined,
            warrantyExpiry: c.expiry ?? undefined,
            location: c.location ?? undefined,
          }
        : undefined;
    await f.ci(c.id, c.ciClass, {
      ownerId: c.owner,
      supplierId: c.supplier,
      asset,
      status: c.retired ? 'RETIRED' : 'ACTIVE',
    });
  }
  await f.dependency('r-vm-1', 'r-srv-1', 'RUNS_ON');
  await f.service('svc-r1', {
    criticality: 'CRITICAL',
    sla: { indicators: [] },
    providerId: 'sup-x',
    consumerIds: ['org-a'],
  });
  await f.service('svc-r2', { criticality: 'LOW' });
  await f.dependency('svc-r1', 'r-vm-1');
  await f.dependency('svc-r2', 'r-db-1');
}, 120000);

const live = CIS.filter((c) => !c.retired);
const sumOf = (cis: typeof CIS) =>
  Math.round(cis.reduce((s, c) => s + Math.round((c.value ?? 0) * 100), 0)) / 100;

describe('assetSummary', () => {
  it('groups non-retired CIs with counts, values and warranty states that the CIs account for', async () => {
    const Q = `query($g: AssetGrouping!, $f: ConfigurationItemFilter) { assetSummary(groupBy: $g, filter: $f) { key label labelZh count originalValue inWarranty expiringSoon expired unknown } }`;
    const byDept = (await t.ok(Q, { g: 'DEPARTMENT' })).assetSummary;
    const expected = ['org-a', 'org-b', null].map((owner) => {
      const group = live.filter((c) => c.owner === owner);
      return {
        key: owner ?? '',
        count: group.length,
        originalValue: sumOf(group),
        expired: group.filter((c) => c.expiry !== null && c.expiry < day()).length,
        expiringSoon: group.filter(
          (c) => c.expiry !== null && c.expiry >= day() && c.expiry <= day(90),
        ).length,
        inWarranty: group.filter((c) => c.expiry !== null && c.expiry > day(90)).length,
        unknown: group.filter((c) => c.expiry === null).length,
      };
    });
    expect(
      byDept
        .map(({ label: _l, labelZh: _z, ...r }: any) => r)
        .sort((a: any, b: any) => a.key.localeCompare(b.key)),
    ).toEqual(expected.sort((a, b) => a.key.localeCompare(b.key)));
    expect(byDept.find((r: any) => r.key === 'org-a').label).toBe('大数据局');
    const byClass = (await t.ok(Q, { g: 'CI_CLASS' })).assetSummary;
    expect(byClass.find((r: any) => r.key === 'PhysicalServer')).toMatchObject({
      count: 2,
      originalValue: 200000.3,
      labelZh: expect.any(String),
    });
    const filtered = (await t.ok(Q, { g: 'LOCATION', f: { classIn: ['Server'] } })).assetSummary;
    // VirtualMachine is a Server too: the VM without a location is in the group without one.
    expect(filtered).toEqual([
      expect.objectContaining({ key: '机房A', count: 2, originalValue: 200000.3 }),
      expect.objectContaining({ key: '', label: '(none)', count: 1, originalValue: 0 }),
    ]);
  });
});

describe('warrantyForecast, dataQuality, spofRegister, budgetEstimate', () => {
  it('warrantyForecast counts expiries by month from this month on, and what has already expired', async () => {
    const d = (
      await t.ok(
        `{ warrantyForecast(months: 12) { months { month count originalValue } alreadyExpired { count originalValue } } }`,
      )
    ).warrantyForecast;
    expect(d.months).toHaveLength(12);
    expect(d.months[0].month).toBe(month(0));
    const inMonths = (c: (typeof CIS)[number]) =>
      c.expiry !== null && c.expiry >= day() && c.expiry.slice(0, 7) <= month(11);
    for (const m of d.months) {
      const group = live.filter((c) => inMonths(c) && c.expiry!.slice(0, 7) === m.month);
      expect([m.month, m.count, m.originalValue]).toEqual([m.month, group.length, sumOf(group)]);
    }
    const expired = live.filter((c) => c.expiry !== null && c.expiry < day());
    expect(d.alreadyExpired).toEqual({ count: expired.length, originalValue: sumOf(expired) });
    expect(
      errorOf(await t.gql(`{ warrantyForecast(months: 0) { alreadyExpired { count } } }`)),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'months' });
  });

  it('dataQuality counts each check over what it covers and names the first failing ids', async () => {
    const checks = (await t.ok(`{ dataQuality { checks { check total failing firstIds } } }`))
      .dataQuality.checks;
    const by = Object.fromEntries(checks.map((c: any) => [c.check, c]));
    expect(by.CI_WITHOUT_OWNER).toEqual({
      check: 'CI_WITHOUT_OWNER',
      total: live.length,
      failing: 1,
      firstIds: ['r-vm-1'],
    });
    expect(by.CI_WITHOUT_SUPPLIER).toMatchObject({ failing: 2, firstIds: ['r-db-1', 'r-vm-1'] });
    expect(by.CI_WITHOUT_ASSET).toMatchObject({ failing: 1, firstIds: ['r-vm-1'] });
    expect(by.CI_ORPHAN).toMatchObject({ failing: 2, firstIds: ['r-srv-2', 'r-sto-1'] });
    expect(by.SERVICE_WITHOUT_SLA).toMatchObject({ total: 2, failing: 1, firstIds: ['svc-r2'] });
    expect(by.SERVICE_WITHOUT_PROVIDER).toMatchObject({ failing: 1, firstIds: ['svc-r2'] });
    expect(by.SERVICE_WITHOUT_CONSUMERS).toMatchObject({ failing: 1, firstIds: ['svc-r2'] });
  });

  it('spofRegister lists live services most critical first, with their single points of failure', async () => {
    const d = (
      await t.ok(
        `{ spofRegister(first: 1) { totalCount edges { node { service { id } singlePointsOfFailure { id } } } pageInfo { hasNextPage endCursor } } }`,
      )
    ).spofRegister;
    expect(d.totalCount).toBe(2);
    expect(d.edges[0].node.service.id).toBe('svc-r1');
    expect(d.edges[0].node.singlePointsOfFailure.map((c: any) => c.id).sort()).toEqual([
      'r-srv-1',
      'r-vm-1',
    ]);
    const next = (
      await t.ok(
        `query($a: String) { spofRegister(first: 5, after: $a) { edges { node { service { id } } } pageInfo { hasNextPage } } }`,
        { a: d.pageInfo.endCursor },
      )
    ).spofRegister;
    expect(next.edges.map((e: any) => e.node.service.id)).toEqual(['svc-r2']);
    const low = (await t.ok(`{ spofRegister(filter: { criticality: [LOW] }) { totalCount } }`))
      .spofRegister;
    expect(low.totalCount).toBe(1);
  });

  it('budgetEstimate sums the same CIs as assetSummary, by class and by department', async () => {
    const Q = `query($i: BudgetEstimateInput!) { budgetEstimate(year: 2027, input: $i) { byClass { key units originalValue ratioMethod labourMethod spares } byDepartment { key units originalValue ratioMethod } totals { units originalValue ratioMethod labourMethod spares } spareRate } }`;
    const b = (
      await t.ok(Q, {
        i: {
          dayRate: 1500,
          spareRate: 0.05,
          coefficients: [{ ciClass: 'Hardware', rate: 0.1 }],
          labour: [{ ciClass: 'Server', personDaysPerUnit: 2 }],
        },
      })
    ).budgetEstimate;
    const summary = (await t.ok(`{ assetSummary(groupBy: CI_CLASS) { key count originalValue } }`))
      .assetSummary;
    for (const s of summary)
      expect(b.byClass.find((r: any) => r.key === s.key)).toMatchObject({
        units: s.count,
        originalValue: s.originalValue,
      });
    expect(b.byClass.find((r: any) => r.key === 'PhysicalServer')).toEqual({
      key: 'PhysicalServer',
      units: 2,
      originalValue: 200000.3,
      ratioMethod: 20000.03,
      labourMethod: 2 * 2 * 1500,
      // 120000.10 expired × 0.05, exactly: no rounding until display.
      spares: 6000.005,
    });
    expect(b.totals).toMatchObject({ units: live.length, originalValue: sumOf(live) });
    expect(b.byDepartment.reduce((s: number, r: any) => s + r.units, 0)).toBe(live.length);
    expect(
      errorOf(await t.gql(Q, { i: { dayRate: 1, coefficients: [{ ciClass: 'Nope', rate: 1 }] } })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.coefficients[0].ciClass' });
  });
});

describe('downloads', () => {
  it('CSV (UTF-8 with BOM) and XLSX carry the same rows as the query, with Chinese headers when asked', async () => {
    const base = t.app.url.replace(/\/graphql$/, '');
    const rows = (
      await t.ok(`{ assetSummary(groupBy: DEPARTMENT) { key label count originalValue } }`)
    ).assetSummary;
    const csv = await fetch(`${base}/reports/assetSummary.csv?groupBy=DEPARTMENT&lang=zh`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    expect(lines[0]).toBe('键,分组,数量,资产原值,在保,即将过保,已过保,未知');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4))).toEqual(
      rows.map((r: any) => [
        r.key,
        r.key === '' ? '（无）' : r.label,
        String(r.count),
        String(r.originalValue),
      ]),
    );

    const xlsx = await fetch(`${base}/reports/assetSummary.xlsx?groupBy=DEPARTMENT&lang=en`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = book.worksheets[0]!;
    const values = sheet
      .getSheetValues()
      .slice(1)
      .map((r: any) => r.slice(1));
    expect(values[0].slice(0, 3)).toEqual(['Key', 'Group', 'CIs']);
    expect(values.slice(1).map((r: any[]) => [r[0] ?? '', r[2], r[3]])).toEqual(
      rows.map((r: any) => [r.key, r.count, r.originalValue]),
    );

    for (const name of ['warrantyForecast', 'spofRegister', 'dataQuality']) {
      const res = await fetch(`${base}/reports/${name}.csv`);
      expect([name, res.status]).toEqual([name, 200]);
    }
    const budget = await fetch(
      `${base}/reports/budgetEstimate.csv?year=2027&dayRate=1500&coefficients=Hardware:0.1`,
    );
    const budgetLines = (await budget.text()).trim().split('\r\n');
    expect(budgetLines.at(-1)).toMatch(/^total,TOTAL,Total,5,/);
    const bad = await fetch(`${base}/reports/assetSummary.csv?groupBy=NOPE`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'groupBy',
    });
    for (const query of ['status=BROKEN', 'warrantyExpiresBefore=soon']) {
      const refused = await fetch(`${base}/reports/assetSummary.csv?groupBy=CI_CLASS&${query}`);
      expect([query, refused.status]).toEqual([query, 400]);
    }
    // The CI filter's identifier lookup applies as in configurationItems.
    const one = await fetch(`${base}/reports/assetSummary.csv?groupBy=CI_CLASS&identifier=r-sto-1`);
    expect((await one.text()).trim().split('\r\n').slice(1)).toEqual([
      expect.stringMatching(/^Storage,[^,]+,1,500000.3,/),
    ]);
    expect((await fetch(`${base}/reports/nothing.csv`)).status).toBe(404);
  });
});

describe('roles', () => {
  let a: TokenApp;
  beforeAll(async () => {
    a = await startTokenApp({ viewer: ['VIEWER'], auditor: ['AUDITOR'] });
  }, 120000);
  afterAll(() => a.close());

  it('reports and their downloads need VIEWER and a token', async () => {
    const base = a.t.app.url.replace(/\/graphql$/, '');
    expect(
      (await a.as('viewer', `{ dataQuality { checks { check } } }`)).data?.dataQuality.checks,
    ).toHaveLength(8);
    expect(errorOf(await a.as('auditor', `{ dataQuality { checks { check } } }`)).code).toBe(
      'FORBIDDEN',
    );
    const get = (who?: string) =>
      fetch(`${base}/reports/dataQuality.csv`, {
        headers: who ? { authorization: `Bearer ${keyOf(who)}` } : {},
      });
    expect((await get()).status).toBe(401);
    expect((await get('auditor')).status).toBe(403);
    expect((await get('viewer')).status).toBe(200);
  });
});
