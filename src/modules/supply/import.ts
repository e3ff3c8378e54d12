/**
 * Measured SLA indicators in a configuration document (`slaMeasurements`, or the CSV file
 * `sla-measurements.csv`): checked like `recordSlaMeasurements` against the services of the
 * document or the CMDB, all-or-nothing with the rest of the document, upserted by service,
 * indicator and period after every other row.
 */
import { entityStore } from '../../graph/entity-store.js';
import type { ImportExtension, ImportRowProblem } from '../cmdb/import-plan.js';
import type { ServiceModel, SlaIndicatorModel } from '../cmdb/models.js';
import { measurementKey, measurementProblems } from './measurement.js';
import { supplyRepository as repo } from './repository.js';
import { writeMeasurements } from './service.js';

type Row = Readonly<Record<string, unknown>>;

/** The SLA of a service row of the document, with the defaults the CMDB stores. */
function slaOfRow(row: Row): ServiceModel['sla'] {
  const sla = row.sla as { indicators?: Partial<SlaIndicatorModel>[] } | null | undefined;
  if (!sla || typeof sla !== 'object') return null;
  return {
    availabilityTarget: null,
    supportHours: null,
    responseMinutes: null,
    resolutionMinutes: null,
    indicators: (Array.isArray(sla.indicators) ? sla.indicators : []).map((i) => ({
      name: String(i?.name),
      target: Number(i?.target),
      unit: String(i?.unit),
      dimension: i?.dimension ?? null,
      direction: i?.direction ?? 'AT_LEAST',
      period: i?.period ?? 'MONTH',
    })),
  };
}

/** The measurements' part of an import, for ImportService. */
export const measurementImport: ImportExtension = {
  collections: ['slaMeasurements'],

  references(doc) {
    return (doc.slaMeasurements ?? []).flatMap((r) =>
      typeof r?.serviceId === 'string' ? [r.serviceId] : [],
    );
  },

  async plan(tx, doc) {
    const rows = (doc.slaMeasurements ?? []).map((r) => r ?? {});
    const inDocument = new Map<string, { __typename: string; sla: ServiceModel['sla'] }>();
    for (const s of doc.services ?? [])
      if (typeof s?.id === 'string')
        inDocument.set(s.id, { __typename: 'Service', sla: slaOfRow(s) });
    const ids = [
      ...new Set(rows.flatMap((r) => (typeof r.serviceId === 'string' ? [r.serviceId] : []))),
    ].filter((id) => !inDocument.has(id));
    const found = await entityStore.byIds(tx, ids);
    const stored = new Map(ids.map((id, i) => [id, found[i]]));
    const { problems, valid } = measurementProblems(
      rows,
      (id) => inDocument.get(id) ?? (stored.get(id) as ServiceModel | undefined),
    );
    const before = new Map(
      (await repo.measurementsByKeys(tx, valid.map(measurementKey))).map((m) => [
        measurementKey(m),
        m,
      ]),
    );
    const result = { created: 0, updated: 0, unchanged: 0 };
    for (const m of valid) {
      const b = before.get(measurementKey(m));
      if (!b) result.created += 1;
      else if (b.value === m.value && b.note === m.note) result.unchanged += 1;
      else result.updated += 1;
    }
    return {
      problems: problems.map((p): ImportRowProblem => ({ ...p, collection: 'slaMeasurements' })),
      result,
      async write(wtx, origin, now) {
        await writeMeasurements(wtx, valid, origin, now);
      },
    };
  },
};
