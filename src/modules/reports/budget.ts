/**
 * The operations budget (API.md, "budgetEstimate"), pure: from the base rows (non-retired CIs by
 * class and owner, with their original values in cents), the taxonomy and the figures in effect.
 * 比例系数法 Σ value × rate; 人工量法 units × person-days × day rate; spares Σ expired value × rate.
 * Money is exact (money.ts) until `toUnits`.
 */
import { BadUserInputError } from '../../errors.js';
import type { Taxonomy } from '../cmdb/taxonomy.js';
import {
  DEFAULT_LABOUR,
  DEFAULT_RATES,
  DEFAULT_SPARE_RATE,
  type DefaultFigure,
} from './budget-defaults.js';
import { exactCents, RATE_DIGITS, scaledRate, times, toUnits, type Exact } from './money.js';

/** One base row: CIs of a class owned by one org unit (null: no owner). */
export interface BudgetBaseRow {
  ciClass: string;
  ownerId: string | null;
  units: number;
  cents: bigint;
  expiredCents: bigint;
}

export interface BudgetInput {
  coefficients?: readonly { ciClass: string; rate: number }[] | null;
  labour?: readonly { ciClass: string; personDaysPerUnit: number }[] | null;
  dayRate: number;
  spareRate?: number | null;
}

export interface BudgetRowModel {
  key: string;
  label: string;
  labelZh: string;
  units: number;
  originalValue: number;
  ratioMethod: number;
  labourMethod: number;
  spares: number;
}

export interface BudgetModel {
  year: number;
  byClass: BudgetRowModel[];
  byDepartment: BudgetRowModel[];
  totals: BudgetRowModel;
  coefficients: DefaultFigure[];
  labour: DefaultFigure[];
  dayRate: number;
  spareRate: number;
}

/** The figures in effect: defaults, replaced class by class by the request's. */
function figures(
  defaults: readonly DefaultFigure[],
  given: readonly { ciClass: string; value: number }[],
  field: string,
  taxonomy: Taxonomy,
): { list: DefaultFigure[]; scaled: Map<string, bigint> } {
  const merged = new Map(defaults.map((d) => [d.ciClass, d]));
  given.forEach((g, i) => {
    if (!taxonomy.get(g.ciClass))
      throw new BadUserInputError(`there is no CI class ${g.ciClass}`, `${field}[${i}].ciClass`);
    merged.set(g.ciClass, { ciClass: g.ciClass, value: g.value, source: 'request' });
  });
  const scaled = new Map<string, bigint>();
  for (const [i, f] of [...merged.values()].entries()) {
    const s = scaledRate(f.value);
    if (s === undefined)
      throw new BadUserInputError(
        `${f.ciClass}: ${f.value} must be a non-negative number with at most ${RATE_DIGITS} decimals`,
        f.source === 'request'
          ? `${field}[${given.findIndex((g) => g.ciClass === f.ciClass)}]`
          : `${field}[${i}]`,
      );
    scaled.set(f.ciClass, s);
  }
  return { list: [...merged.values()].sort((a, b) => a.ciClass.localeCompare(b.ciClass)), scaled };
}

/** A class's figure: its own, or its nearest ancestor's; 0 when none in its lineage has one. */
const inherited = (scaled: Map<string, bigint>, taxonomy: Taxonomy, ciClass: string): bigint => {
  for (const c of taxonomy.lineage(ciClass)) {
    const s = scaled.get(c);
    if (s !== undefined) return s;
  }
  return 0n;
};

interface Sums {
  units: number;
  cents: bigint;
  ratio: Exact;
  labour: Exact;
  spares: Exact;
}

const zero = (): Sums => ({ units: 0, cents: 0n, ratio: 0n, labour: 0n, spares: 0n });

/** The estimate of `year` over the base rows. */
export function budgetEstimate(
  year: number,
  base: readonly BudgetBaseRow[],
  input: BudgetInput,
  taxonomy: Taxonomy,
  labels: { department(id: string | null): [string, string] },
): BudgetModel {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new BadUserInputError('year must be between 2000 and 2100', 'year');
  const dayRate = scaledRate(input.dayRate);
  if (dayRate === undefined || !Number.isFinite(input.dayRate))
    throw new BadUserInputError('dayRate must be a non-negative amount', 'input.dayRate');
  const spareRateValue = input.spareRate ?? DEFAULT_SPARE_RATE.value;
  const spareRate = scaledRate(spareRateValue);
  if (spareRate === undefined)
    throw new BadUserInputError(
      `spareRate must be a non-negative number with at most ${RATE_DIGITS} decimals`,
      'input.spareRate',
    );
  const rates = figures(
    DEFAULT_RATES,
    (input.coefficients ?? []).map((c) => ({ ciClass: c.ciClass, value: c.rate })),
    'input.coefficients',
    taxonomy,
  );
  const labour = figures(
    DEFAULT_LABOUR,
    (input.labour ?? []).map((c) => ({ ciClass: c.ciClass, value: c.personDaysPerUnit })),
    'input.labour',
    taxonomy,
  );
  // dayRate is money: its cents times person-days (scaled) give an exact amount directly.
  const dayCents = BigInt(Math.round(input.dayRate * 100));
  const byClass = new Map<string, Sums>();
  const byDept = new Map<string, Sums>();
  const total = zero();
  for (const r of base) {
    const ratio = times(r.cents, inherited(rates.scaled, taxonomy, r.ciClass));
    const work = BigInt(r.units) * inherited(labour.scaled, taxonomy, r.ciClass) * dayCents;
    const spares = times(r.expiredCents, spareRate);
    for (const [map, key] of [
      [byClass, r.ciClass],
      [byDept, r.ownerId ?? ''],
    ] as const) {
      let s = map.get(key);
      if (!s) map.set(key, (s = zero()));
      add(s, r.units, r.cents, ratio, work, spares);
    }
    add(total, r.units, r.cents, ratio, work, spares);
  }
  const row = (key: string, [label, labelZh]: [string, string], s: Sums): BudgetRowModel => ({
    key,
    label,
    labelZh,
    units: s.units,
    originalValue: toUnits(exactCents(s.cents)),
    ratioMethod: toUnits(s.ratio),
    labourMethod: toUnits(s.labour),
    spares: toUnits(s.spares),
  });
  const classLabel = (name: string): [string, string] => {
    const c = taxonomy.get(name);
    return [c?.label ?? name, c?.labelZh ?? name];
  };
  return {
    year,
    byClass: [...byClass]
      .map(([k, s]) => row(k, classLabel(k), s))
      .sort((a, b) => a.key.localeCompare(b.key)),
    byDepartment: [...byDept]
      .map(([k, s]) => row(k, labels.department(k || null), s))
      .sort((a, b) => a.key.localeCompare(b.key)),
    totals: row('TOTAL', ['Total', '合计'], total),
    coefficients: rates.list,
    labour: labour.list,
    dayRate: input.dayRate,
    spareRate: spareRateValue,
  };
}

function add(
  s: Sums,
  units: number,
  cents: bigint,
  ratio: Exact,
  labour: Exact,
  spares: Exact,
): void {
  s.units += units;
  s.cents += cents;
  s.ratio += ratio;
  s.labour += labour;
  s.spares += spares;
}
