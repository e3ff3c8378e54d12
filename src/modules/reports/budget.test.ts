import { Taxonomy } from '../cmdb/taxonomy.js';
import type { CIClassModel } from '../cmdb/models.js';
import { budgetEstimate, type BudgetBaseRow } from './budget.js';
import { centsOf, exactCents, scaledRate, times, toUnits } from './money.js';

const cls = (name: string, parent: string | null): CIClassModel => ({
  __typename: 'CIClass',
  id: `ciclass:${name}`,
  name,
  label: name,
  labelZh: `${name}类`,
  parent,
  abstract: false,
});
const taxonomy = new Taxonomy([
  cls('Hardware', null),
  cls('Server', 'Hardware'),
  cls('PhysicalServer', 'Server'),
  cls('Storage', 'Hardware'),
  cls('Software', null),
  cls('Database', 'Software'),
  cls('Widget', null),
]);
const labels = { department: (id: string | null): [string, string] => [id ?? '-', id ?? '-'] };
const row = (
  ciClass: string,
  ownerId: string | null,
  units: number,
  value: number,
  expired = 0,
): BudgetBaseRow => ({
  ciClass,
  ownerId,
  units,
  cents: centsOf(value),
  expiredCents: centsOf(expired),
});

describe('exact money', () => {
  it('keeps cents and rates exact where floats drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toUnits(exactCents(centsOf(0.1) + centsOf(0.2)))).toBe(0.3);
    // A million CIs at 0.01 each sum to exactly 10,000.
    let sum = 0n;
    let float = 0;
    for (let i = 0; i < 1_000_000; i++) {
      sum += centsOf(0.01);
      float += 0.01;
    }
    expect(toUnits(exactCents(sum))).toBe(10000);
    expect(float).not.toBe(10000);
    expect(toUnits(times(centsOf(1234567.89), scaledRate(0.085)!))).toBe(104938.27065);
    expect(scaledRate(0.0000001)).toBeUndefined();
    expect(scaledRate(-1)).toBeUndefined();
  });
});

describe('the operations budget', () => {
  const base = [
    row('PhysicalServer', 'org-a', 10, 1_000_000, 400_000),
    row('Storage', 'org-a', 2, 500_000),
    row('Database', 'org-b', 3, 300_000, 300_000),
    row('Widget', null, 5, 100),
  ];

  it('inherits rates and labour standards down the taxonomy, a request replacing a class figure', () => {
    const b = budgetEstimate(
      2027,
      base,
      {
        coefficients: [
          { ciClass: 'Hardware', rate: 0.1 },
          { ciClass: 'Storage', rate: 0.05 },
        ],
        labour: [{ ciClass: 'Server', personDaysPerUnit: 2.5 }],
        dayRate: 1200,
        spareRate: 0.02,
      },
      taxonomy,
      labels,
    );
    const byClass = Object.fromEntries(b.byClass.map((r) => [r.key, r]));
    // PhysicalServer inherits Hardware's 0.1 (the request's); Storage has its own 0.05.
    expect(byClass.PhysicalServer).toMatchObject({
      units: 10,
      originalValue: 1_000_000,
      ratioMethod: 100_000,
      labourMethod: 10 * 2.5 * 1200,
      spares: 8000,
    });
    expect(byClass.Storage).toMatchObject({ ratioMethod: 25_000, labourMethod: 2 * 1 * 1200 });
    // Database inherits the server default of Software (0.12) and its labour (0.5).
    expect(byClass.Database).toMatchObject({
      ratioMethod: 36_000,
      labourMethod: 3 * 0.5 * 1200,
      spares: 6000,
    });
    // A class with no figure in its lineage costs nothing by either method.
    expect(byClass.Widget).toMatchObject({ units: 5, ratioMethod: 0, labourMethod: 0 });
    expect(b.byClass.find((r) => r.key === 'PhysicalServer')!.labelZh).toBe('PhysicalServer类');
    const byDept = Object.fromEntries(b.byDepartment.map((r) => [r.key, r]));
    expect(byDept['org-a']).toMatchObject({
      units: 12,
      originalValue: 1_500_000,
      ratioMethod: 125_000,
    });
    expect(byDept['']).toMatchObject({ units: 5 });
    expect(b.totals).toMatchObject({
      units: 20,
      originalValue: 1_800_100,
      ratioMethod: 161_000,
      spares: 14_000,
    });
    expect(b.coefficients.find((c) => c.ciClass === 'Hardware')).toEqual({
      ciClass: 'Hardware',
      value: 0.1,
      source: 'request',
    });
    expect(b.coefficients.find((c) => c.ciClass === 'Software')!.source).toMatch(/^assumed/);
  });

  it('refuses an unknown class, a negative rate and a year out of range, naming the field', () => {
    const bad = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { extensions: { field?: string } }).extensions.field;
      }
      return 'no error';
    };
    expect(
      bad(() =>
        budgetEstimate(
          2027,
          base,
          { dayRate: 1, coefficients: [{ ciClass: 'Nope', rate: 0.1 }] },
          taxonomy,
          labels,
        ),
      ),
    ).toBe('input.coefficients[0].ciClass');
    expect(
      bad(() =>
        budgetEstimate(
          2027,
          base,
          { dayRate: 1, labour: [{ ciClass: 'Server', personDaysPerUnit: -1 }] },
          taxonomy,
          labels,
        ),
      ),
    ).toBe('input.labour[0]');
    expect(bad(() => budgetEstimate(1999, base, { dayRate: 1 }, taxonomy, labels))).toBe('year');
    expect(bad(() => budgetEstimate(2027, base, { dayRate: -5 }, taxonomy, labels))).toBe(
      'input.dayRate',
    );
  });
});
