/**
 * Measured SLA indicators: whether a value meets its target, and the validation of measurement
 * rows shared by `recordSlaMeasurements` and imports.
 */
import type { ServiceModel, SlaIndicatorModel, TargetDirection } from '../cmdb/models.js';
import { periodProblem } from './period.js';

/** One stored measurement. */
export interface MeasurementModel {
  serviceId: string;
  indicator: string;
  period: string;
  value: number;
  note: string | null;
}

/** A measurement's key: service, indicator and period. */
export const measurementKey = (m: Pick<MeasurementModel, 'serviceId' | 'indicator' | 'period'>) =>
  `${m.serviceId}\u0001${m.indicator}\u0001${m.period}`;

/** `met`: value ≥ target for AT_LEAST, value ≤ target for AT_MOST. */
export function meets(value: number, target: number, direction: TargetDirection): boolean {
  return direction === 'AT_MOST' ? value <= target : value >= target;
}

/** A measurement with its indicator, as `IndicatorPerformance` shows it. */
export interface PerformanceModel {
  indicator: SlaIndicatorModel;
  period: string;
  value: number;
  met: boolean;
  note: string | null;
}

/** The performance of a measurement under the indicator its service's SLA states now. */
export function performanceOf(m: MeasurementModel, indicator: SlaIndicatorModel): PerformanceModel {
  return {
    indicator,
    period: m.period,
    value: m.value,
    met: meets(m.value, indicator.target, indicator.direction),
    note: m.note,
  };
}

/** One bad measurement row. */
export interface MeasurementProblem {
  index: number;
  field: string;
  message: string;
}

/**
 * Checks measurement rows against the services they name (`serviceOf` finds one in the document
 * or the store): every bad row is listed, and a key given twice is bad in its second row.
 */
export function measurementProblems(
  rows: readonly Readonly<Record<string, unknown>>[],
  serviceOf: (
    id: string,
  ) => ServiceModel | { sla: ServiceModel['sla']; __typename: string } | undefined,
): { problems: MeasurementProblem[]; valid: MeasurementModel[] } {
  const problems: MeasurementProblem[] = [];
  const valid: MeasurementModel[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const bad = (field: string, message: string) => problems.push({ index, field, message });
    const before = problems.length;
    const serviceId = row.serviceId;
    const name = row.indicator;
    const service = typeof serviceId === 'string' ? serviceOf(serviceId) : undefined;
    if (typeof serviceId !== 'string' || serviceId === '')
      bad('serviceId', 'serviceId is required');
    else if (!service) bad('serviceId', `Service ${serviceId} does not exist`);
    else if (service.__typename !== 'Service') bad('serviceId', `${serviceId} is not a Service`);
    const indicator =
      service?.__typename === 'Service' && typeof name === 'string'
        ? service.sla?.indicators.find((i) => i.name === name)
        : undefined;
    if (typeof name !== 'string' || name === '') bad('indicator', 'indicator is required');
    else if (service?.__typename === 'Service' && !indicator)
      bad('indicator', `service ${String(serviceId)} has no SLA indicator named ${name}`);
    if (indicator) {
      const problem = periodProblem(row.period, indicator.period);
      if (problem) bad('period', problem);
    } else if (typeof row.period !== 'string') bad('period', 'period is required');
    if (typeof row.value !== 'number' || !Number.isFinite(row.value))
      bad('value', 'value must be a finite number');
    if (row.note != null && typeof row.note !== 'string') bad('note', 'note must be a text');
    if (problems.length > before) return;
    const m: MeasurementModel = {
      serviceId: serviceId as string,
      indicator: name as string,
      period: row.period as string,
      value: row.value as number,
      note: typeof row.note === 'string' && row.note.trim() !== '' ? row.note : null,
    };
    const key = measurementKey(m);
    if (seen.has(key)) {
      bad('period', `${m.serviceId} ${m.indicator} ${m.period} is given twice`);
      return;
    }
    seen.add(key);
    valid.push(m);
  });
  return { problems, valid };
}
