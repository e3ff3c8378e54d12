import type { ServiceModel } from '../cmdb/models.js';
import type { Chains, Propagation } from './propagation.js';

/** What an impact analysis asks: the failed and degraded inputs, and how far to look. */
export interface ImpactQuestion {
  failed: string[];
  degraded: string[];
  maxDepth: number;
}

/** What a report needs of the topology an answer was computed on. */
export interface AnsweredTopology {
  idOf(node: number): string;
  isService(node: number): boolean;
}

/** The fixed point of an analysis, with the topology it was computed on and where that came from. */
export interface ImpactAnswer {
  topology: AnsweredTopology;
  result: Propagation;
  chains: Chains;
  truncated: boolean;
  /** The in-memory index (exact for the current version) or a walk over Neo4j. */
  source: 'memory' | 'graph';
  /**
   * Service models known exact for this answer's version (memory answers only): the report
   * loads only the impacted services missing from it, and adds them.
   */
  serviceModels?: Map<string, ServiceModel>;
}

/**
 * Where an analysis is computed. A source may decline (undefined) when it cannot answer exactly,
 * and the next one is asked; the last one always answers or throws (NOT_FOUND for unknown inputs).
 */
export interface TopologySource {
  answer(question: ImpactQuestion): Promise<ImpactAnswer | undefined>;
}
