import type { QueryRunner } from '../../graph/executor.js';
import { measurementKey, type MeasurementModel } from './measurement.js';

/** The Cypher names of service levels and contracts, checked at start. */
export const SUPPLY_QUERIES = [
  'supply/measurements-by-keys',
  'supply/measurements-upsert',
  'supply/measurements-of-services',
  'supply/contracts-all',
  'supply/contracts-of',
  'supply/contract-children',
  'supply/measurement-count',
  'supply/services-with-sla',
] as const;

const measurementOf = (r: Record<string, unknown>): MeasurementModel => ({
  serviceId: String(r.serviceId),
  indicator: String(r.indicator),
  period: String(r.period),
  value: Number(r.value),
  note: r.note == null ? null : String(r.note),
});

/** Reads and writes of measurements and contract lists, in the caller's transaction. */
export const supplyRepository = {
  async measurementsByKeys(tx: QueryRunner, keys: string[]): Promise<MeasurementModel[]> {
    return (await tx.run('supply/measurements-by-keys', { keys })).map(measurementOf);
  },

  async upsertMeasurements(
    tx: QueryRunner,
    rows: readonly MeasurementModel[],
    actor: string,
    now: string,
  ): Promise<void> {
    await tx.run('supply/measurements-upsert', {
      rows: rows.map((m) => ({ ...m, key: measurementKey(m) })),
      actor,
      now,
    });
  },

  async measurementsOf(tx: QueryRunner, serviceIds: string[]): Promise<MeasurementModel[]> {
    return (await tx.run('supply/measurements-of-services', { serviceIds })).map(measurementOf);
  },

  async measurementCount(tx: QueryRunner): Promise<number> {
    const [row] = await tx.run('supply/measurement-count');
    return Number(row?.measurements ?? 0);
  },

  async servicesWithSla(tx: QueryRunner): Promise<string[]> {
    return (await tx.run('supply/services-with-sla')).map((r) => String(r.id));
  },

  async contractIds(tx: QueryRunner): Promise<string[]> {
    return (await tx.run('supply/contracts-all')).map((r) => String(r.id));
  },

  /** Contracts delivered by a supplier, or covering a service. */
  async contractIdsOf(tx: QueryRunner, id: string): Promise<string[]> {
    return (await tx.run('supply/contracts-of', { id })).map((r) => String(r.id));
  },

  async childIds(tx: QueryRunner, ids: string[]): Promise<Map<string, string[]>> {
    const rows = await tx.run('supply/contract-children', { ids });
    return new Map(rows.map((r) => [String(r.id), (r.children as string[]).map(String)]));
  },
};
