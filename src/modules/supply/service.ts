/**
 * Service levels and suppliers (API.md, "Service levels and suppliers"): measurements, SLA
 * performance, contracts and supplier scorecards. Contracts are written through the CMDB's
 * entity path (CONTRACT_SPEC); this service reads them and records measurements.
 */
import { BadUserInputError, LimitExceededError, NotFoundError } from '../../errors.js';
import { entityStore } from '../../graph/entity-store.js';
import type { Executor, QueryRunner } from '../../graph/executor.js';
import { compareNames } from '../../collation.js';
import type { Caller } from '../access/caller.js';
import { requireRole } from '../access/roles.js';
import { diffFields, originOf, recordChanges, type WriteOrigin } from '../audit/change-records.js';
import type { CmdbLoaders } from '../cmdb/loaders.js';
import type { ContractModel, EntityModel, ServiceModel, SupplierModel } from '../cmdb/models.js';
import {
  measurementKey,
  measurementProblems,
  performanceOf,
  type MeasurementModel,
  type PerformanceModel,
} from './measurement.js';
import { monthText, parsePeriod, within, type Period } from './period.js';
import { supplyRepository as repo } from './repository.js';
import { scorecard, type ScorecardModel } from './scorecard.js';

/** One month of a supplier's compliance trend. */
export interface CompliancePointModel {
  period: string;
  measured: number;
  met: number;
  compliance: number | null;
}

/** The most rows one `recordSlaMeasurements` takes. */
export const MAX_MEASUREMENT_ROWS = 10000;

/** What recording measurements did. */
export interface RecordResult {
  created: number;
  updated: number;
  unchanged: number;
}

const byStartThenName = (a: ContractModel, b: ContractModel) =>
  a.start.localeCompare(b.start) || compareNames(a.name, b.name);

/** A period argument, parsed; BAD_USER_INPUT naming the argument when malformed. */
export function periodArg(text: string | null | undefined, field: string): Period | undefined {
  if (text == null) return undefined;
  const p = parsePeriod(text);
  if (!p)
    throw new BadUserInputError(
      `${field} ${text} is not a period such as 2026-11, 2026-Q4 or 2026`,
      field,
    );
  return p;
}

/** Compares measured values with targets for the rows' keys, then writes them: one transaction. */
export async function writeMeasurements(
  tx: QueryRunner,
  rows: readonly MeasurementModel[],
  origin: WriteOrigin,
  now: string,
): Promise<RecordResult> {
  const stored = new Map(
    (await repo.measurementsByKeys(tx, rows.map(measurementKey))).map((m) => [
      measurementKey(m),
      m,
    ]),
  );
  const result: RecordResult = { created: 0, updated: 0, unchanged: 0 };
  const changed: MeasurementModel[] = [];
  const records = [];
  for (const m of rows) {
    const before = stored.get(measurementKey(m));
    if (before && before.value === m.value && before.note === m.note) {
      result.unchanged += 1;
      continue;
    }
    result[before ? 'updated' : 'created'] += 1;
    changed.push(m);
    records.push({
      action: before ? ('UPDATE' as const) : ('CREATE' as const),
      entityType: 'SlaMeasurement',
      entityId: measurementKey(m).replaceAll('\u0001', '|'),
      changes: diffFields(before ? { value: before.value, note: before.note } : {}, {
        value: m.value,
        note: m.note,
      }),
    });
  }
  if (changed.length > 0) {
    await repo.upsertMeasurements(tx, changed, origin.actor, now);
    await recordChanges(tx, origin, now, records);
  }
  return result;
}

export class SupplyService {
  constructor(private readonly executor: Executor) {}

  /** `recordSlaMeasurements`: all-or-nothing, every bad row listed. */
  async record(
    caller: Caller,
    rows: readonly Readonly<Record<string, unknown>>[],
  ): Promise<RecordResult> {
    requireRole(caller.actor, 'CMDB_ADMIN');
    if (rows.length > MAX_MEASUREMENT_ROWS)
      throw new LimitExceededError(
        `recordSlaMeasurements takes at most ${MAX_MEASUREMENT_ROWS} rows`,
        'measurementRows',
        MAX_MEASUREMENT_ROWS,
      );
    return this.executor.writeTx('recordSlaMeasurements', async (tx) => {
      const ids = [
        ...new Set(rows.map((r) => r.serviceId).filter((x): x is string => typeof x === 'string')),
      ];
      const found = await entityStore.byIds(tx, ids);
      const services = new Map(ids.map((id, i) => [id, found[i]]));
      const { problems, valid } = measurementProblems(
        rows,
        (id) => services.get(id) as ServiceModel | undefined,
      );
      if (problems.length > 0)
        throw new BadUserInputError(
          `the measurements were rejected: ${new Set(problems.map((p) => p.index)).size} bad row(s); nothing was written`,
          undefined,
          { rows: problems.map((p) => ({ ...p, collection: 'measurements' })) },
        );
      return writeMeasurements(tx, valid, originOf(caller), new Date().toISOString());
    });
  }

  /** `Service.slaPerformance`: by indicator in SLA order, then period. */
  async performance(
    caller: Caller,
    service: ServiceModel,
    from?: string | null,
    to?: string | null,
  ): Promise<PerformanceModel[]> {
    requireRole(caller.actor, 'VIEWER');
    const lo = periodArg(from, 'from');
    const hi = periodArg(to, 'to');
    const indicators = service.sla?.indicators ?? [];
    const measured = await this.executor.readSingle('slaPerformance', (tx) =>
      repo.measurementsOf(tx, [service.id]),
    );
    const out: { order: number; first: number; p: PerformanceModel }[] = [];
    for (const m of measured) {
      const order = indicators.findIndex((i) => i.name === m.indicator);
      const period = parsePeriod(m.period);
      if (order < 0 || !period || !within(period, lo, hi)) continue;
      out.push({ order, first: period.first, p: performanceOf(m, indicators[order]!) });
    }
    return out
      .sort(
        (a, b) => a.order - b.order || a.first - b.first || a.p.period.localeCompare(b.p.period),
      )
      .map((x) => x.p);
  }

  /**
   * How many measured periods of each service missed an indicator's target, over the periods that
   * start at or after `fromMonth` (a month number, year × 12 + month − 1): the incidents the
   * practice counts against a service (knowledgeGaps). One read for all the services.
   */
  async missesOf(services: ServiceModel[], fromMonth: number): Promise<Map<string, number>> {
    const measured = await this.executor.readSingle('slaMisses', (tx) =>
      repo.measurementsOf(
        tx,
        services.map((s) => s.id),
      ),
    );
    const byId = new Map(services.map((s) => [s.id, s]));
    const misses = new Map<string, number>();
    for (const m of measured) {
      const indicator = byId.get(m.serviceId)?.sla?.indicators.find((i) => i.name === m.indicator);
      const period = parsePeriod(m.period);
      if (!indicator || !period || period.first < fromMonth) continue;
      if (!performanceOf(m, indicator).met)
        misses.set(m.serviceId, (misses.get(m.serviceId) ?? 0) + 1);
    }
    return misses;
  }

  /** Every contract, prime contracts first, by start then name. */
  async contracts(caller: Caller<CmdbLoaders>): Promise<ContractModel[]> {
    requireRole(caller.actor, 'VIEWER');
    const ids = await this.executor.readSingle('contracts', (tx) => repo.contractIds(tx));
    const all = (await caller.loaders.entity.loadMany(ids)).filter(
      (c): c is ContractModel => !(c instanceof Error) && c?.__typename === 'Contract',
    );
    return all.sort(
      (a, b) => Number(a.parentId !== null) - Number(b.parentId !== null) || byStartThenName(a, b),
    );
  }

  /** The contracts of a supplier or covering a service, by start then name. */
  async contractsOf(caller: Caller<CmdbLoaders>, id: string): Promise<ContractModel[]> {
    requireRole(caller.actor, 'VIEWER');
    const ids = await this.executor.readSingle('contractsOf', (tx) => repo.contractIdsOf(tx, id));
    return (await this.load(caller, ids)).sort(byStartThenName);
  }

  /** The subcontracts of a contract, by name. */
  async children(caller: Caller<CmdbLoaders>, id: string): Promise<ContractModel[]> {
    const ids = await this.executor.readSingle('contractChildren', (tx) => repo.childIds(tx, [id]));
    return (await this.load(caller, ids.get(id) ?? [])).sort((a, b) =>
      compareNames(a.name, b.name),
    );
  }

  private async load(caller: Caller<CmdbLoaders>, ids: string[]): Promise<ContractModel[]> {
    return (await caller.loaders.entity.loadMany(ids)).filter(
      (c): c is ContractModel => !(c instanceof Error) && c?.__typename === 'Contract',
    );
  }

  /** `supplierCompliance`: each contract holder's scorecard figures, month by month. */
  async compliance(
    caller: Caller<CmdbLoaders>,
    fromText: string,
    toText: string,
  ): Promise<{ supplier: SupplierModel; points: CompliancePointModel[] }[]> {
    requireRole(caller.actor, 'VIEWER');
    const from = periodArg(fromText, 'from')!;
    const to = periodArg(toText, 'to')!;
    if (from.kind !== 'MONTH')
      throw new BadUserInputError('from must be a month such as 2026-01', 'from');
    if (to.kind !== 'MONTH')
      throw new BadUserInputError('to must be a month such as 2026-12', 'to');
    if (to.first < from.first || to.first - from.first >= 36)
      throw new BadUserInputError('to must be within 36 months after from', 'to');
    // One read of the contracts, their parties and services, and their measurements, for every card.
    const ledger = await this.ledger(caller, await this.contracts(caller));
    const out = [];
    for (const supplierId of new Set(ledger.contracts.map((c) => c.supplierId))) {
      const points: CompliancePointModel[] = [];
      for (let m = from.first; m <= to.first; m++) {
        const card = cardOf(supplierId, parsePeriod(monthText(m))!, ledger);
        points.push({
          period: card.period,
          measured: card.measured,
          met: card.met,
          compliance: card.compliance,
        });
      }
      out.push({ supplier: ledger.suppliers.get(supplierId)!, points });
    }
    return out.sort((a, b) => compareNames(a.supplier.name, b.supplier.name));
  }

  /** `supplierScorecard`: contracts in force during the period, measurements within it. */
  async scorecard(
    caller: Caller<CmdbLoaders>,
    supplierId: string,
    periodText: string,
  ): Promise<ScorecardModel> {
    requireRole(caller.actor, 'VIEWER');
    const period = periodArg(periodText, 'period')!;
    const supplier = await caller.loaders.entity.load(supplierId);
    if (supplier?.__typename !== 'Supplier') throw new NotFoundError('Supplier', supplierId);
    const ledger = await this.ledger(caller, inForce(await this.contracts(caller), period));
    ledger.suppliers.set(supplierId, supplier as SupplierModel);
    return cardOf(supplierId, period, ledger);
  }

  /** The contracts with their suppliers and services, and every measurement of those services. */
  private async ledger(caller: Caller<CmdbLoaders>, contracts: ContractModel[]): Promise<Ledger> {
    const entityIds = [...new Set(contracts.flatMap((c) => [c.supplierId, ...c.serviceIds]))];
    const entities = (await caller.loaders.entity.loadMany(entityIds)).filter(
      (e): e is EntityModel => !(e instanceof Error) && e != null,
    );
    const suppliers = new Map<string, SupplierModel>();
    const services = new Map<string, ServiceModel>();
    for (const e of entities) {
      if (e.__typename === 'Supplier') suppliers.set(e.id, e as SupplierModel);
      if (e.__typename === 'Service') services.set(e.id, e as ServiceModel);
    }
    const measurements = await this.executor.readSingle('supplierScorecard', (tx) =>
      repo.measurementsOf(tx, [...services.keys()]),
    );
    return { contracts, suppliers, services, measurements };
  }
}

/** What scorecards are computed from: contracts, their parties and services, measurements. */
interface Ledger {
  contracts: ContractModel[];
  suppliers: Map<string, SupplierModel>;
  services: Map<string, ServiceModel>;
  measurements: MeasurementModel[];
}

/** The contracts in force during a period (their terms are inclusive days). */
const inForce = (contracts: ContractModel[], period: Period) =>
  contracts.filter(
    (c) => c.start < `${monthText(period.end)}-01` && c.end >= `${monthText(period.first)}-01`,
  );

/** A supplier's card for a period from a ledger: contracts in force, measurements within it. */
function cardOf(supplierId: string, period: Period, ledger: Ledger): ScorecardModel {
  return scorecard(supplierId, {
    period: period.text,
    contracts: inForce(ledger.contracts, period),
    suppliers: ledger.suppliers,
    services: ledger.services,
    measurements: ledger.measurements.filter((m) => {
      const p = parsePeriod(m.period);
      return p !== undefined && within(p, period, period);
    }),
  });
}
