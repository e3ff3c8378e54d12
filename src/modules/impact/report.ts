import { compareIds, compareNames } from '../../collation.js';
import type { ComponentModel, Criticality, ServiceModel } from '../cmdb/models.js';
import { STATE_NAMES, type State } from './propagation.js';
import type { ImpactAnswer } from './topology-source.js';

export type ImpactStateName = (typeof STATE_NAMES)[number];

/** One impacted component of a report. */
export interface ImpactModel {
  subjectId: string;
  state: ImpactStateName;
  distance: number;
  via: string[];
}

/** A consumer department of impacted services. */
export interface DepartmentImpactModel {
  orgUnitId: string;
  serviceIds: string[];
  worstState: ImpactStateName;
}

/** A supplier and the impacted components it is responsible for. */
export interface SupplierImpactModel {
  supplierId: string;
  componentIds: string[];
}

/** A group that absorbed failed or degraded members. */
export interface AbsorptionModel {
  groupId: string;
  membersDown: number;
  membersTotal: number;
  minMembersUp: number;
}

/** A computed impact report; the parts that need more reads resolve from it lazily. */
export interface ImpactReportModel {
  /** Every impacted component, nearest first. */
  readonly impacts: ImpactModel[];
  /** The failed and degraded inputs. */
  inputs: string[];
  componentsDown: number;
  componentsDegraded: number;
  /** Impacted services, loaded and ordered by state, criticality, name. */
  services: (ImpactModel & { service: ServiceModel })[];
  absorbed: AbsorptionModel[];
  truncated: boolean;
  /** Where the topology came from: the in-memory index (exact for the current version) or Neo4j. */
  source: 'memory' | 'graph';
}

const CRITICALITY_ORDER: Record<Criticality, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

/**
 * The report of an answer: impacts read by slot (the order components were reached), the
 * services loaded by `loadServices` and ordered worst first, the full list built on first use.
 */
export async function buildReport(
  answer: ImpactAnswer,
  inputs: string[],
  loadServices: (ids: string[]) => Promise<ServiceModel[]>,
): Promise<ImpactReportModel> {
  const { topology, result, chains } = answer;
  const idOf = (n: number) => topology.idOf(n);
  const { nodes, values } = result.states;
  const impactAt = (slot: number): ImpactModel => ({
    subjectId: idOf(nodes[slot]!),
    state: STATE_NAMES[values[slot] as State],
    distance: Math.max(0, chains.distanceAt(slot)),
    // Built only when asked for: a large blast radius has hundreds of thousands of chains.
    get via() {
      return chains.chainAt(slot).map(idOf);
    },
  });
  const counts = { DOWN: 0, DEGRADED: 0, OK: 0 };
  const serviceImpacts: ImpactModel[] = [];
  for (let slot = 0; slot < nodes.length; slot++) {
    counts[STATE_NAMES[values[slot] as State]] += 1;
    if (topology.isService(nodes[slot]!)) serviceImpacts.push(impactAt(slot));
  }
  const loaded = await loadServices(serviceImpacts.map((s) => s.subjectId));
  const services = serviceImpacts
    .map((s, i) => Object.assign(s, { service: loaded[i]! }))
    .sort(
      (a, b) =>
        STATE_NAMES.indexOf(b.state) - STATE_NAMES.indexOf(a.state) ||
        CRITICALITY_ORDER[a.service.criticality] - CRITICALITY_ORDER[b.service.criticality] ||
        compareNames(a.service.name, b.service.name) ||
        compareIds(a.subjectId, b.subjectId),
    );
  let impacts: ImpactModel[] | undefined;
  return {
    // The full list is built on first use: the summary and the services do not need it.
    get impacts() {
      return (impacts ??= nodes
        .map((_, slot) => impactAt(slot))
        .sort(
          (a, b) =>
            a.distance - b.distance ||
            (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0),
        ));
    },
    inputs,
    componentsDown: counts.DOWN,
    componentsDegraded: counts.DEGRADED,
    services,
    absorbed: result.absorbed.map((a) => ({
      groupId: idOf(a.group),
      membersDown: a.membersDown,
      membersTotal: a.membersTotal,
      minMembersUp: a.minMembersUp,
    })),
    truncated: answer.truncated,
    source: answer.source,
  };
}

/** Consumer departments of impacted services, with those services and the worst state among them. */
export function departmentsOf(report: ImpactReportModel): DepartmentImpactModel[] {
  const byDept = new Map<string, { serviceIds: string[]; worst: number }>();
  for (const s of report.services) {
    for (const d of s.service.consumerIds) {
      const entry = byDept.get(d) ?? { serviceIds: [], worst: 0 };
      entry.serviceIds.push(s.subjectId);
      entry.worst = Math.max(entry.worst, STATE_NAMES.indexOf(s.state));
      byDept.set(d, entry);
    }
  }
  return [...byDept].map(([orgUnitId, e]) => ({
    orgUnitId,
    serviceIds: e.serviceIds,
    worstState: STATE_NAMES[e.worst]!,
  }));
}

/** The suppliers responsible for impacted components: CI suppliers and service providers. */
export function suppliersOf(components: ComponentModel[]): SupplierImpactModel[] {
  const bySupplier = new Map<string, string[]>();
  for (const c of components) {
    const supplierId = c.__typename === 'ConfigurationItem' ? c.supplierId : c.providerId;
    if (!supplierId) continue;
    if (!bySupplier.has(supplierId)) bySupplier.set(supplierId, []);
    bySupplier.get(supplierId)!.push(c.id);
  }
  return [...bySupplier].map(([supplierId, componentIds]) => ({ supplierId, componentIds }));
}

/** The summary counts of a report. */
export function summaryOf(report: ImpactReportModel) {
  const count = (list: { state: ImpactStateName }[], state: ImpactStateName) =>
    list.filter((x) => x.state === state).length;
  return {
    servicesDown: count(report.services, 'DOWN'),
    servicesDegraded: count(report.services, 'DEGRADED'),
    componentsDown: report.componentsDown,
    componentsDegraded: report.componentsDegraded,
    departmentsAffected: departmentsOf(report).length,
    truncated: report.truncated,
  };
}
