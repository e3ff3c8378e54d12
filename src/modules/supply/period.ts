/**
 * Measurement periods (API.md, "Measurements"): `2026-11` (a month), `2026-Q4` (a quarter) and
 * `2026` (a year), as half-open ranges of months so that any two can be compared: a period lies
 * within another when its months do.
 */
import type { MeasurementPeriod } from '../cmdb/models.js';

/** A parsed period: its kind and its months [first, end) counted from year 0. */
export interface Period {
  kind: MeasurementPeriod;
  text: string;
  first: number;
  end: number;
}

const FORMS: [MeasurementPeriod, RegExp][] = [
  ['MONTH', /^(\d{4})-(0[1-9]|1[0-2])$/],
  ['QUARTER', /^(\d{4})-Q([1-4])$/],
  ['YEAR', /^(\d{4})$/],
];

/** The period a text names, or undefined when it is none of the three forms. */
export function parsePeriod(text: string): Period | undefined {
  for (const [kind, form] of FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    const year = Number(m[1]);
    if (kind === 'MONTH') {
      const first = year * 12 + Number(m[2]) - 1;
      return { kind, text, first, end: first + 1 };
    }
    if (kind === 'QUARTER') {
      const first = year * 12 + (Number(m[2]) - 1) * 3;
      return { kind, text, first, end: first + 3 };
    }
    return { kind, text, first: year * 12, end: year * 12 + 12 };
  }
  return undefined;
}

/** Why a period text does not fit an indicator measured per `kind`, or null when it does. */
export function periodProblem(text: unknown, kind: MeasurementPeriod): string | null {
  const example = { MONTH: '2026-11', QUARTER: '2026-Q4', YEAR: '2026' }[kind];
  if (typeof text !== 'string') return `period must be a text such as ${example}`;
  const p = parsePeriod(text);
  if (!p) return `period ${text} is not a month (2026-11), a quarter (2026-Q4) or a year (2026)`;
  if (p.kind !== kind)
    return `the indicator is measured per ${kind.toLowerCase()}: period ${text} should look like ${example}`;
  return null;
}

/** True when `inner` lies within [from, to] (either bound absent: open on that side). */
export function within(inner: Period, from?: Period, to?: Period): boolean {
  return (!from || inner.first >= from.first) && (!to || inner.end <= to.end);
}

/** The month `YYYY-MM` of a month number. */
export function monthText(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}
