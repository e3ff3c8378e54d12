import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Executor } from '../../graph/executor.js';
import type { CmdbLoaders } from '../cmdb/loaders.js';
import type { ComponentModel, DependencyKind, DependencyStrength } from '../cmdb/models.js';
import { DEPENDENCY_KINDS } from '../cmdb/models.js';
import { GRAPH_LIMITS } from './limits.js';
import { impactRepository as repo } from './repository.js';

/** Which edges a drawing follows from its root. */
export const DEPENDENCY_DIRECTIONS = ['DEPENDENCIES', 'DEPENDENTS', 'BOTH'] as const;
export type DependencyDirection = (typeof DEPENDENCY_DIRECTIONS)[number];

/** A node of a dependency graph drawing. */
export interface GraphNodeModel {
  id: string;
  name: string;
  type: 'ConfigurationItem' | 'Service';
  ciClass: string | null;
  status: string;
  depth: number;
}

/** An edge of a dependency graph drawing. */
export interface GraphEdgeModel {
  from: string;
  to: string;
  kind: DependencyKind;
  strength: DependencyStrength;
}

/** The graph around a component. */
export interface DependencyGraphModel {
  root: ComponentModel;
  nodes: GraphNodeModel[];
  edges: GraphEdgeModel[];
  truncated: boolean;
}

/**
 * The dependency graph around a component, for drawing: breadth-first in waves (one read per
 * depth level) along the asked direction and kinds.
 */
export async function dependencyGraph(
  executor: Executor,
  loaders: CmdbLoaders,
  args: {
    id: string;
    direction?: DependencyDirection | null;
    maxDepth?: number | null;
    kinds?: DependencyKind[] | null;
  },
): Promise<DependencyGraphModel> {
  const maxDepth = args.maxDepth ?? 3;
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > GRAPH_LIMITS.maxDepthCap) {
    throw new BadUserInputError(
      `maxDepth must be from 0 to ${GRAPH_LIMITS.maxDepthCap}`,
      'maxDepth',
    );
  }
  const root = await loaders.entity.load(args.id);
  if (!root || (root.__typename !== 'ConfigurationItem' && root.__typename !== 'Service'))
    throw new NotFoundError('Component', args.id);
  const direction = args.direction ?? 'DEPENDENCIES';
  const kinds = args.kinds && args.kinds.length > 0 ? args.kinds : [...DEPENDENCY_KINDS];
  const r = root as ComponentModel;
  const nodes = new Map<string, GraphNodeModel>([
    [
      r.id,
      {
        id: r.id,
        name: r.name,
        type: r.__typename,
        ciClass: r.__typename === 'ConfigurationItem' ? r.ciClass : null,
        status: r.status,
        depth: 0,
      },
    ],
  ]);
  const edges = new Map<string, GraphEdgeModel>();
  let truncated = false;
  await executor.readTx('dependencyGraph', async (tx) => {
    let frontier = [r.id];
    // One wave more than maxDepth, only to learn whether the drawing was cut.
    for (let depth = 1; depth <= maxDepth + 1 && frontier.length > 0; depth++) {
      const rows = await repo.neighbours(tx, frontier, kinds, {
        outgoing: direction !== 'DEPENDENTS',
        incoming: direction !== 'DEPENDENCIES',
      });
      const next: string[] = [];
      for (const { other, ...edge } of rows) {
        if (depth > maxDepth) {
          if (!nodes.has(other.id)) truncated = true;
          continue;
        }
        if (!nodes.has(other.id)) {
          if (nodes.size >= GRAPH_LIMITS.maxNodes) {
            truncated = true;
            continue;
          }
          nodes.set(other.id, { ...other, depth });
          next.push(other.id);
        }
        edges.set(`${edge.fromId}|${edge.toId}|${edge.kind}`, {
          from: edge.fromId,
          to: edge.toId,
          kind: edge.kind,
          strength: edge.strength,
        });
      }
      frontier = next;
    }
  });
  return { root: r, nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}
