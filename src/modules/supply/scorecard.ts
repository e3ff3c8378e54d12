/**
 * Supplier scorecards (API.md, "Scorecards"): pure, over the contracts, the measurements within
 * the period and the services' indicators. A supplier's card covers the services of its own
 * contracts in force during the period; its totals also count its subcontractors' (the suppliers
 * of its contracts' subcontracts, recursively), each measurement once.
 */
import { compareNames } from '../../collation.js';
import type { ContractModel, ServiceModel, SupplierModel } from '../cmdb/models.js';
import {
  measurementKey,
  performanceOf,
  type MeasurementModel,
  type PerformanceModel,
} from './measurement.js';

export interface ServiceScoreModel {
  service: ServiceModel;
  measured: number;
  met: number;
  breaches: PerformanceModel[];
}

export interface ScorecardModel {
  supplier: SupplierModel;
  period: string;
  measured: number;
  met: number;
  compliance: number | null;
  services: ServiceScoreModel[];
  subcontractors: ScorecardModel[];
}

/** What a scorecard is computed from. */
export interface ScorecardInputs {
  period: string;
  /** Contracts in force during the period. */
  contracts: readonly ContractModel[];
  suppliers: ReadonlyMap<string, SupplierModel>;
  services: ReadonlyMap<string, ServiceModel>;
  /** Measurements within the period, of the contracts' services. */
  measurements: readonly MeasurementModel[];
}

/** The scorecard of `supplierId`, with its subcontractors' cards inside it. */
export function scorecard(supplierId: string, inputs: ScorecardInputs): ScorecardModel {
  const bySupplier = new Map<string, ContractModel[]>();
  const children = new Map<string, ContractModel[]>();
  for (const c of inputs.contracts) {
    bySupplier.set(c.supplierId, [...(bySupplier.get(c.supplierId) ?? []), c]);
    if (c.parentId) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  }
  const byService = new Map<string, MeasurementModel[]>();
  for (const m of inputs.measurements)
    byService.set(m.serviceId, [...(byService.get(m.serviceId) ?? []), m]);
  const performance = (m: MeasurementModel) => {
    const indicator = inputs.services
      .get(m.serviceId)
      ?.sla?.indicators.find((i) => i.name === m.indicator);
    return indicator ? performanceOf(m, indicator) : undefined;
  };

  const card = (
    id: string,
    path: Set<string>,
  ): { card: ScorecardModel; keys: Map<string, boolean> } => {
    const supplier = inputs.suppliers.get(id)!;
    const own = bySupplier.get(id) ?? [];
    const serviceIds = [...new Set(own.flatMap((c) => c.serviceIds))];
    const keys = new Map<string, boolean>();
    const services: ServiceScoreModel[] = [];
    for (const sid of serviceIds) {
      const service = inputs.services.get(sid);
      if (!service) continue;
      const score: ServiceScoreModel = { service, measured: 0, met: 0, breaches: [] };
      for (const m of byService.get(sid) ?? []) {
        const p = performance(m);
        if (!p) continue;
        score.measured += 1;
        if (p.met) score.met += 1;
        else score.breaches.push(p);
        keys.set(measurementKey(m), p.met);
      }
      score.breaches.sort(
        (a, b) =>
          a.period.localeCompare(b.period) || compareNames(a.indicator.name, b.indicator.name),
      );
      services.push(score);
    }
    services.sort((a, b) => compareNames(a.service.name, b.service.name));
    // A cycle of contracts (each a subcontract of the next) is cut where it closes.
    const subIds = [
      ...new Set(
        own
          .flatMap((c) => (children.get(c.id) ?? []).map((x) => x.supplierId))
          .filter((s) => s !== id && !path.has(s)),
      ),
    ].filter((s) => inputs.suppliers.has(s));
    const subcontractors: ScorecardModel[] = [];
    for (const sub of subIds) {
      const inner = card(sub, new Set([...path, id]));
      subcontractors.push(inner.card);
      for (const [k, met] of inner.keys) keys.set(k, met);
    }
    subcontractors.sort((a, b) => compareNames(a.supplier.name, b.supplier.name));
    const measured = keys.size;
    const met = [...keys.values()].filter(Boolean).length;
    return {
      card: {
        supplier,
        period: inputs.period,
        measured,
        met,
        compliance: measured === 0 ? null : met / measured,
        services,
        subcontractors,
      },
      keys,
    };
  };
  return card(supplierId, new Set()).card;
}
