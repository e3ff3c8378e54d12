import type {
  ContractModel,
  ServiceModel,
  SlaIndicatorModel,
  SupplierModel,
} from '../cmdb/models.js';
import { meets, measurementProblems } from './measurement.js';
import { parsePeriod, periodProblem, within } from './period.js';
import { scorecard } from './scorecard.js';

const indicator = (over: Partial<SlaIndicatorModel> = {}): SlaIndicatorModel => ({
  name: '故障修复及时率',
  target: 95,
  unit: '%',
  dimension: 'TIMELINESS',
  direction: 'AT_LEAST',
  period: 'MONTH',
  ...over,
});
const service = (id: string, indicators: SlaIndicatorModel[]): ServiceModel =>
  ({
    __typename: 'Service',
    id,
    name: id,
    sla: {
      availabilityTarget: null,
      supportHours: null,
      responseMinutes: null,
      resolutionMinutes: null,
      indicators,
    },
  }) as ServiceModel;

describe('indicator targets', () => {
  it('AT_LEAST is met at or above the target, AT_MOST at or below it', () => {
    expect([
      meets(95, 95, 'AT_LEAST'),
      meets(94.9, 95, 'AT_LEAST'),
      meets(99, 95, 'AT_LEAST'),
    ]).toEqual([true, false, true]);
    expect([
      meets(30, 30, 'AT_MOST'),
      meets(31, 30, 'AT_MOST'),
      meets(0, 0, 'AT_MOST'),
      meets(1, 0, 'AT_MOST'),
    ]).toEqual([true, false, true, false]);
  });
});

describe('measurement periods', () => {
  it('parses months, quarters and years as ranges of months, and nothing else', () => {
    expect(parsePeriod('2026-11')).toMatchObject({
      kind: 'MONTH',
      first: 2026 * 12 + 10,
      end: 2026 * 12 + 11,
    });
    expect(parsePeriod('2026-Q4')).toMatchObject({
      kind: 'QUARTER',
      first: 2026 * 12 + 9,
      end: 2026 * 12 + 12,
    });
    expect(parsePeriod('2026')).toMatchObject({ kind: 'YEAR', first: 2026 * 12, end: 2027 * 12 });
    for (const bad of [
      '2026-13',
      '2026-00',
      '2026-Q5',
      '26',
      '2026-1',
      '2026-11-01',
      'Q4-2026',
      '',
    ])
      expect(parsePeriod(bad)).toBeUndefined();
  });

  it('a period must be of its indicator kind', () => {
    expect(periodProblem('2026-11', 'MONTH')).toBeNull();
    expect(periodProblem('2026-Q4', 'QUARTER')).toBeNull();
    expect(periodProblem('2026', 'YEAR')).toBeNull();
    expect(periodProblem('2026-Q4', 'MONTH')).toMatch(/per month/);
    expect(periodProblem('2026-11', 'YEAR')).toMatch(/per year/);
    expect(periodProblem(202611, 'MONTH')).toMatch(/text/);
  });

  it('lies within a range when its months do, bounds inclusive', () => {
    const p = (t: string) => parsePeriod(t)!;
    expect(within(p('2026-11'), p('2026-Q4'), p('2026-Q4'))).toBe(true);
    expect(within(p('2026-Q4'), p('2026-11'), p('2026-12'))).toBe(false);
    expect(within(p('2026-Q4'), p('2026-10'), p('2026-12'))).toBe(true);
    expect(within(p('2026-01'), undefined, p('2026-01'))).toBe(true);
    expect(within(p('2025-12'), p('2026'), undefined)).toBe(false);
  });
});

describe('measurement rows', () => {
  it('lists every bad row with its field, and keeps the good ones', () => {
    const services = new Map([
      [
        'svc-a',
        service('svc-a', [indicator(), indicator({ name: '漏洞扫描覆盖率', period: 'QUARTER' })]),
      ],
    ]);
    const { problems, valid } = measurementProblems(
      [
        { serviceId: 'svc-a', indicator: '故障修复及时率', period: '2026-11', value: 96 },
        { serviceId: 'svc-x', indicator: '故障修复及时率', period: '2026-11', value: 96 },
        { serviceId: 'svc-a', indicator: '用户满意度', period: '2026-11', value: 96 },
        { serviceId: 'svc-a', indicator: '漏洞扫描覆盖率', period: '2026-11', value: 100 },
        { serviceId: 'svc-a', indicator: '故障修复及时率', period: '2026-10', value: Number.NaN },
        { serviceId: 'svc-a', indicator: '故障修复及时率', period: '2026-11', value: 97 },
      ],
      (id) => services.get(id),
    );
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [1, 'serviceId'],
      [2, 'indicator'],
      [3, 'period'],
      [4, 'value'],
      [5, 'period'],
    ]);
    expect(valid).toHaveLength(1);
  });
});

describe('supplier scorecards', () => {
  const supplier = (id: string) => ({ __typename: 'Supplier', id, name: id }) as SupplierModel;
  const contract = (
    id: string,
    supplierId: string,
    serviceIds: string[],
    parentId: string | null = null,
  ) =>
    ({ __typename: 'Contract', id, name: id, supplierId, serviceIds, parentId }) as ContractModel;
  const ind = indicator();
  const atMost = indicator({ name: '安全事件次数', target: 0, unit: '次', direction: 'AT_MOST' });
  const services = new Map([
    ['s1', service('s1', [ind])],
    ['s2', service('s2', [ind])],
    ['s3', service('s3', [atMost])],
  ]);
  const m = (serviceId: string, value: number, period = '2026-11', name = ind.name) => ({
    serviceId,
    indicator: name,
    period,
    value,
    note: null,
  });

  it('rolls up through two levels of subcontracts, each measurement once', () => {
    const card = scorecard('prime', {
      period: '2026-Q4',
      contracts: [
        contract('c-prime', 'prime', ['s1', 's2']),
        contract('c-sub', 'sub', ['s2'], 'c-prime'),
        contract('c-subsub', 'subsub', ['s3'], 'c-sub'),
      ],
      suppliers: new Map(['prime', 'sub', 'subsub'].map((id) => [id, supplier(id)])),
      services,
      measurements: [
        m('s1', 96),
        m('s1', 90, '2026-10'),
        m('s2', 99),
        m('s3', 0, '2026-11', '安全事件次数'),
        m('s3', 2, '2026-12', '安全事件次数'),
      ],
    });
    // Own: s1 (2, 1 met) and s2 (1 met); sub adds s2 again (counted once); subsub s3 (2, 1 met).
    expect([card.measured, card.met]).toEqual([5, 3]);
    expect(card.compliance).toBeCloseTo(0.6);
    expect(card.services.map((s) => [s.service.id, s.measured, s.met])).toEqual([
      ['s1', 2, 1],
      ['s2', 1, 1],
    ]);
    expect(card.services[0]!.breaches.map((b) => [b.period, b.value, b.met])).toEqual([
      ['2026-10', 90, false],
    ]);
    const [sub] = card.subcontractors;
    expect([sub!.supplier.id, sub!.measured, sub!.met]).toEqual(['sub', 3, 2]);
    const [subsub] = sub!.subcontractors;
    expect([subsub!.supplier.id, subsub!.measured, subsub!.met, subsub!.compliance]).toEqual([
      'subsub',
      2,
      1,
      0.5,
    ]);
    expect(subsub!.services[0]!.breaches.map((b) => b.period)).toEqual(['2026-12']);
  });

  it('has no compliance when nothing was measured, and survives a cycle of contracts', () => {
    const card = scorecard('a', {
      period: '2026',
      contracts: [contract('ca', 'a', ['s1'], 'cb'), contract('cb', 'b', ['s2'], 'ca')],
      suppliers: new Map(['a', 'b'].map((id) => [id, supplier(id)])),
      services,
      measurements: [],
    });
    expect([card.measured, card.compliance]).toEqual([0, null]);
    expect(card.subcontractors.map((s) => [s.supplier.id, s.subcontractors.length])).toEqual([
      ['b', 0],
    ]);
  });
});

describe('the demo ledger', () => {
  it('misses exactly where its note says so, about as often as each provider misses', async () => {
    const { readFileSync } = await import('node:fs');
    const { fromRoot } = await import('../../paths.js');
    const { demoMeasurements } = await import('./seed.js');
    const doc = JSON.parse(readFileSync(fromRoot('seed', 'demo-cmdb.json'), 'utf8'));
    const services = (doc.services as ServiceModel[]).map(
      (s) => ({ ...s, __typename: 'Service' }) as ServiceModel,
    );
    const rows = demoMeasurements(services, new Date('2026-12-02T00:00:00Z'));
    const byId = new Map(services.map((s) => [s.id, s]));
    let misses = 0;
    for (const r of rows) {
      const ind = byId.get(r.serviceId)!.sla!.indicators.find((i) => i.name === r.indicator)!;
      expect([
        r.indicator,
        r.period,
        meets(r.value, ind.target, ind.direction ?? 'AT_LEAST'),
      ]).toEqual([r.indicator, r.period, r.note === null]);
      if (r.note) misses += 1;
    }
    expect(rows.filter((r) => r.period === '2026-11').length).toBeGreaterThan(50);
    expect(rows.some((r) => r.period === '2025-12')).toBe(true);
    expect(rows.some((r) => r.period === '2026-12')).toBe(false);
    expect(misses / rows.length).toBeGreaterThan(0.03);
    expect(misses / rows.length).toBeLessThan(0.15);
  });
});
