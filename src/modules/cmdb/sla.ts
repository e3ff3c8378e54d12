import { canonicalJson } from './canonical-json.js';
import { MEASUREMENT_PERIODS, SLA_DIMENSIONS, TARGET_DIRECTIONS } from './models.js';
import {
  checkEnum,
  checkInteger,
  checkName,
  checkNumber,
  checkText,
  type Problems,
} from './validation.js';

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};

/**
 * A service's SLA input, checked, as the canonical JSON the node stores: indicators with their
 * dimension, direction (AT_LEAST by default) and period (MONTH by default), names unique.
 */
export function normalizeSla(value: unknown, problems: Problems): string | null {
  if (value === null || value === undefined) return null;
  const s = record(value);
  const indicators = Array.isArray(s.indicators) ? s.indicators : [];
  if (s.indicators !== undefined && s.indicators !== null && !Array.isArray(s.indicators))
    problems.add('sla.indicators', 'sla.indicators must be a list');
  const json = canonicalJson({
    availabilityTarget: checkNumber(
      s.availabilityTarget,
      'sla.availabilityTarget',
      problems,
      0,
      100,
    ),
    supportHours: checkText(s.supportHours, 'sla.supportHours', problems),
    responseMinutes: checkInteger(s.responseMinutes, 'sla.responseMinutes', problems, 0),
    resolutionMinutes: checkInteger(s.resolutionMinutes, 'sla.resolutionMinutes', problems, 0),
    indicators: indicators.map((raw, i) => {
      const ind = record(raw);
      const at = `sla.indicators[${i}]`;
      return {
        name: checkName(ind.name, `${at}.name`, problems),
        target: checkNumber(ind.target, `${at}.target`, problems) ?? 0,
        unit: checkName(ind.unit, `${at}.unit`, problems),
        dimension:
          ind.dimension == null
            ? null
            : checkEnum(ind.dimension, SLA_DIMENSIONS, `${at}.dimension`, problems),
        direction: checkEnum(
          ind.direction,
          TARGET_DIRECTIONS,
          `${at}.direction`,
          problems,
          'AT_LEAST',
        ),
        period: checkEnum(ind.period, MEASUREMENT_PERIODS, `${at}.period`, problems, 'MONTH'),
      };
    }),
  });
  const names = indicators.map((raw) => record(raw).name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i)
      problems.add(`sla.indicators[${i}].name`, `indicator ${String(name)} is listed twice`);
  });
  return json;
}
