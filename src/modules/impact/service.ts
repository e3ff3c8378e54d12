import { BadUserInputError, LimitExceededError } from '../../errors.js';
import type { Executor } from '../../graph/executor.js';
import type { Caller } from '../access/caller.js';
import { requireRole } from '../access/roles.js';
import type { CmdbLoaders } from '../cmdb/loaders.js';
import type { ComponentModel, DependencyKind, ServiceModel } from '../cmdb/models.js';
import {
  dependencyGraph,
  type DependencyDirection,
  type DependencyGraphModel,
} from './dependency-graph.js';
import { IMPACT_LIMITS } from './limits.js';
import {
  buildReport,
  departmentsOf,
  summaryOf,
  suppliersOf,
  type DepartmentImpactModel,
  type ImpactReportModel,
  type SupplierImpactModel,
} from './report.js';
import { rootCauseCandidates, singlePointsOfFailure, type RootCauseModel } from './root-causes.js';
import type { TopologyIndexHolder } from './topology-holder.js';
import type { ImpactAnswer, ImpactQuestion, TopologySource } from './topology-source.js';

/** The targets of the changes in progress, by effect: DOWN as failed, DEGRADED as degraded. */
export interface PlannedWork {
  inProgressTargets(): Promise<{ failed: string[]; degraded: string[] }>;
}

/**
 * The impact module's questions: "if these fail, what else goes down or is degraded", the graph
 * around a component, root-cause candidates and single points of failure. An analysis asks its
 * topology sources in turn (the in-memory index, when there is one, then the wave walk over
 * Neo4j, which always answers) and turns the answer into a report.
 */
export class ImpactService {
  private readonly sources: TopologySource[];
  /** The changes in progress, for `includeActiveChanges` (set by main.ts: change depends on impact). */
  plannedWork: PlannedWork | undefined;

  constructor(
    private readonly executor: Executor,
    walk: TopologySource,
    /** The in-memory index, asked first; the service starts and stops nothing of it. */
    readonly topologyIndex?: TopologyIndexHolder,
  ) {
    this.sources = topologyIndex ? [topologyIndex, walk] : [walk];
  }

  /** Computes the report of API.md's `impactAnalysis`. */
  async analyze(
    caller: Caller<CmdbLoaders>,
    input: {
      failed: string[];
      degraded?: string[] | null;
      maxDepth?: number | null;
      includeActiveChanges?: boolean | null;
    },
  ): Promise<ImpactReportModel> {
    requireRole(caller.actor, 'VIEWER');
    // Planned work in progress joins the inputs with its effect (API.md, includeActiveChanges).
    const planned =
      input.includeActiveChanges && this.plannedWork
        ? await this.plannedWork.inProgressTargets()
        : { failed: [], degraded: [] };
    const failed = [...new Set([...input.failed, ...planned.failed])];
    const degraded = [...new Set([...(input.degraded ?? []), ...planned.degraded])].filter(
      (id) => !failed.includes(id),
    );
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
    const answer = await this.answer({ failed, degraded, maxDepth });
    return buildReport(answer, [...failed, ...degraded], (ids) =>
      loadServices(caller.loaders, answer.serviceModels, ids),
    );
  }

  private async answer(question: ImpactQuestion): Promise<ImpactAnswer> {
    for (const source of this.sources) {
      const answer = await source.answer(question);
      if (answer) return answer;
    }
    throw new Error('no topology source answered'); // the walk always answers or throws
  }

  /** The suppliers responsible for a report's impacted components. */
  async suppliers(
    caller: Caller<CmdbLoaders>,
    report: ImpactReportModel,
  ): Promise<SupplierImpactModel[]> {
    const components = await caller.loaders.entity.loadMany(report.impacts.map((i) => i.subjectId));
    return suppliersOf(components as ComponentModel[]);
  }

  /** Consumer departments of a report's impacted services. */
  departments(report: ImpactReportModel): DepartmentImpactModel[] {
    return departmentsOf(report);
  }

  /** The summary counts of a report. */
  summary(report: ImpactReportModel) {
    return summaryOf(report);
  }

  /** API.md's `dependencyGraph`: the graph around a component, for drawing. */
  dependencyGraph(
    caller: Caller<CmdbLoaders>,
    args: {
      id: string;
      direction?: DependencyDirection | null;
      maxDepth?: number | null;
      kinds?: DependencyKind[] | null;
    },
  ): Promise<DependencyGraphModel> {
    requireRole(caller.actor, 'VIEWER');
    return dependencyGraph(this.executor, caller.loaders, args);
  }

  /** API.md's `rootCauseCandidates`. */
  rootCauseCandidates(
    caller: Caller,
    symptoms: string[],
    limit: number,
  ): Promise<RootCauseModel[]> {
    requireRole(caller.actor, 'VIEWER');
    return rootCauseCandidates(this.executor, symptoms, limit);
  }

  /** The single points of failure of several services (the batch of a request's loader). */
  singlePointsOfFailure(serviceIds: readonly string[]): Promise<string[][]> {
    return singlePointsOfFailure(this.executor, serviceIds);
  }
}

/**
 * The impacted services' models, through the request's loader. With a memory answer they come
 * from its exact models when they can (see ServiceModelCache), and what is loaded joins them;
 * the request's loader is primed with them.
 */
async function loadServices(
  loaders: CmdbLoaders,
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
