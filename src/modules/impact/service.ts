import type { Actor } from '../../context.js';
import { BadUserInputError, LimitExceededError, NotFoundError } from '../../errors.js';
import type { Executor } from '../../graph/executor.js';
import type { Loaders } from '../../loaders.js';
import { requireRole } from '../access/roles.js';
import type { ComponentModel, Criticality, ServiceModel } from '../cmdb/models.js';
import { GraphTopology, settle } from './graph-topology.js';
import { propagate, shortestChains, STATE_NAMES, type State } from './propagation.js';
import type { TopologyIndex, TopologyIndexHolder } from './topology-index.js';
import { compareIds, compareNames } from '../../collation.js';

/** Bounds of an analysis (API.md: the depth cap is at least 50). */
export const IMPACT_LIMITS = {
  maxInputIds: 1000,
  defaultMaxDepth: 50,
  maxDepthCap: 100,
  maxComponents: 500000,
};

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
  /** Bolt round trips the walk took. */
  waves: number;
  /** Where the topology came from: the in-memory index (exact for the current version) or Neo4j. */
  source: 'memory' | 'graph';
}

const CRITICALITY_ORDER: Record<Criticality, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

/**
 * "If these components fail, what else goes down or is degraded": walks the dependency graph up
 * from the inputs in waves (one read per wave, edges of newly impacted components only) and runs
 * the propagation engine on what it has read until no impacted component is left unexpanded.
 */
export class ImpactService {
  constructor(
    private readonly executor: Executor,
    readonly topologyIndex?: TopologyIndexHolder,
  ) {}

  /** Computes the report of API.md's `impactAnalysis`. */
  async analyze(
    actor: Actor,
    loaders: Loaders,
    input: { failed: string[]; degraded?: string[] | null; maxDepth?: number | null },
  ): Promise<ImpactReportModel> {
    requireRole(actor, 'VIEWER');
    const failed = [...new Set(input.failed)];
    const degraded = [...new Set(input.degraded ?? [])].filter((id) => !failed.includes(id));
    if (failed.length + degraded.length > IMPACT_LIMITS.maxInputIds) {
      throw new LimitExceededError(
        `an analysis takes at most ${IMPACT_LIMITS.maxInputIds} ids`,
        'maxInputIds',
        IMPACT_LIMITS.maxInputIds,
      );
    }
    const maxDepth = input.maxDepth ?? IMPACT_LIMITS.defaultMaxDepth;
    if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > IMPACT_LIMITS.maxDepthCap) {
      throw new BadUserInputError(
        `maxDepth must be from 0 to ${IMPACT_LIMITS.maxDepthCap}`,
        'maxDepth',
      );
    }
    const walk =
      (await this.inMemory(failed, degraded, maxDepth)) ??
      (await this.executor.readTx('impactAnalysis', async (tx) => {
        const topology = new GraphTopology(tx);
        const missing = await topology.loadInputs([...failed, ...degraded]);
        if (missing.length > 0) throw new NotFoundError('Component', missing[0]!, { ids: missing });
        const settled = await settle(
          topology,
          failed.map((id) => topology.indexOf(id)),
          degraded.map((id) => topology.indexOf(id)),
          maxDepth,
          IMPACT_LIMITS.maxComponents,
        );
        return { topology, ...settled, source: 'graph' as const, waves: topology.waves };
      }));
    const { topology, result, chains } = walk;
    const idOf = (n: number) => topology.idOf(n);
    const { nodes, values } = result.states;
    // Impacts are read by slot (the order components were reached), not looked up by component.
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
    const loaded = await this.loadServices(
      loaders,
      walk.source === 'memory' ? walk.topology.services : undefined,
      serviceImpacts.map((s) => s.subjectId),
    );
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
      inputs: [...failed, ...degraded],
      componentsDown: counts.DOWN,
      componentsDegraded: counts.DEGRADED,
      services,
      absorbed: result.absorbed.map((a) => ({
        groupId: topology.idOf(a.group),
        membersDown: a.membersDown,
        membersTotal: a.membersTotal,
        minMembersUp: a.minMembersUp,
      })),
      truncated: walk.truncated,
      waves: walk.waves,
      source: walk.source,
    };
  }

  /**
   * The analysis on the in-memory topology index, when its version is the graph's current one
   * and it knows every input; undefined otherwise (the caller then walks Neo4j).
   */
  private async inMemory(failed: string[], degraded: string[], maxDepth: number) {
    const holder = this.topologyIndex;
    if (!holder) return undefined;
    const fresh = holder.fresh();
    if (fresh) return analyzeOn(fresh, failed, degraded, maxDepth);
    // The version read goes out first; while it travels, the analysis runs on the copy at hand,
    // and is kept if that copy turns out to be the current one.
    const checked = holder.current();
    checked.catch(() => undefined); // its failure is thrown where it is awaited, below
    const atHand = holder.latest;
    let early: ReturnType<typeof analyzeOn>;
    if (atHand) {
      await new Promise(setImmediate); // lets the driver write the query before the CPU is taken
      early = analyzeOn(atHand, failed, degraded, maxDepth);
    }
    const index = await checked;
    if (!index) return undefined;
    if (index === atHand) return early;
    // Caught up meanwhile: the early answer stands if the patch touched nothing it reached.
    if (early && atHand && index.answersAlike(atHand, early.reached))
      return { ...early, topology: index };
    return analyzeOn(index, failed, degraded, maxDepth);
  }

  /**
   * The impacted services' models. With the in-memory index they come from its cache when they
   * can: every write to a CMDB entity bumps the topology version, so what was read while a version
   * is current stays exact for as long as the index does (a copy caught up from the change records
   * keeps the models of the services they do not name). The request's loader is primed with them.
   */
  private async loadServices(
    loaders: Loaders,
    cache: Map<string, ServiceModel> | undefined,
    ids: string[],
  ): Promise<ServiceModel[]> {
    const missing = cache ? ids.filter((id) => !cache.has(id)) : ids;
    const loaded = (await loaders.entity.loadMany(missing)) as (ServiceModel | Error)[];
    loaded.forEach((s, i) => {
      if (s instanceof Error) throw s;
      cache?.set(missing[i]!, s);
    });
    if (!cache) return loaded as ServiceModel[];
    return ids.map((id) => {
      const service = cache.get(id)!;
      loaders.entity.prime(id, service);
      return service;
    });
  }

  /** The suppliers responsible for impacted components: CI suppliers and service providers. */
  async suppliers(loaders: Loaders, report: ImpactReportModel): Promise<SupplierImpactModel[]> {
    const components = (await loaders.entity.loadMany(
      report.impacts.map((i) => i.subjectId),
    )) as ComponentModel[];
    const bySupplier = new Map<string, string[]>();
    for (const c of components) {
      const supplierId = c.__typename === 'ConfigurationItem' ? c.supplierId : c.providerId;
      if (!supplierId) continue;
      if (!bySupplier.has(supplierId)) bySupplier.set(supplierId, []);
      bySupplier.get(supplierId)!.push(c.id);
    }
    return [...bySupplier].map(([supplierId, componentIds]) => ({ supplierId, componentIds }));
  }

  /** Consumer departments of impacted services, with those services and the worst state among them. */
  departments(report: ImpactReportModel): DepartmentImpactModel[] {
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

  /** The summary counts of a report. */
  summary(report: ImpactReportModel) {
    const count = (list: { state: ImpactStateName }[], state: ImpactStateName) =>
      list.filter((x) => x.state === state).length;
    return {
      servicesDown: count(report.services, 'DOWN'),
      servicesDegraded: count(report.services, 'DEGRADED'),
      componentsDown: report.componentsDown,
      componentsDegraded: report.componentsDegraded,
      departmentsAffected: this.departments(report).length,
      truncated: report.truncated,
    };
  }
}

/**
 * The analysis on one in-memory copy, or undefined when it does not know every input (the caller
 * then walks Neo4j). The whole graph is at hand, so the fixed point is computed in one pass;
 * components farther than `maxDepth` from every input are then left out, which is what the
 * depth bound means.
 */
function analyzeOn(index: TopologyIndex, failed: string[], degraded: string[], maxDepth: number) {
  const failedIdx = failed.map((id) => index.find(id));
  const degradedIdx = degraded.map((id) => index.find(id));
  if ([...failedIdx, ...degradedIdx].some((n) => n === undefined)) return undefined;
  const f = failedIdx as number[];
  const d = degradedIdx as number[];
  const result = propagate(index, f, d, { maxComponents: IMPACT_LIMITS.maxComponents });
  let chains = shortestChains(index, result.states, [...f, ...d]);
  let truncated = result.truncated;
  const { states } = result;
  const near = (slot: number) => chains.distanceAt(slot) <= maxDepth;
  if (!states.nodes.every((_, slot) => near(slot))) {
    // A prefix of a shortest chain is a shortest chain: what is kept keeps its chains.
    result.states = states.filter(near);
    chains = shortestChains(index, result.states, [...f, ...d]);
    result.absorbed = result.absorbed.filter((a) => result.states.has(a.group));
    truncated = true;
  }
  // `reached`: every component the fixed point reached, those past the depth bound included.
  const reached = states.nodes;
  return {
    topology: index,
    result,
    chains,
    truncated,
    source: 'memory' as const,
    waves: 1,
    reached,
  };
}
