import type { Actor } from '../../context.js';
import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Executor } from '../../graph/executor.js';
import type { Loaders } from '../../loaders.js';
import { requireRole } from '../access/roles.js';
import type { ComponentModel, DependencyKind, DependencyStrength } from '../cmdb/models.js';
import { DEPENDENCY_KINDS } from '../cmdb/models.js';

/** Bounds of a drawing: depth up to 10, at most 2,000 nodes. */
export const GRAPH_LIMITS = { maxDepthCap: 10, maxNodes: 2000 };

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
  actor: Actor,
  loaders: Loaders,
  args: {
    id: string;
    direction?: 'DEPENDENCIES' | 'DEPENDENTS' | 'BOTH' | null;
    maxDepth?: number | null;
    kinds?: DependencyKind[] | null;
  },
): Promise<DependencyGraphModel> {
  requireRole(actor, 'VIEWER');
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
      const rows = await tx.run('impact/graph-neighbours', {
        ids: frontier,
        kinds,
        outgoing: direction !== 'DEPENDENTS',
        incoming: direction !== 'DEPENDENCIES',
      });
      const next: string[] = [];
      for (const row of rows) {
        const otherId = String(row.otherId);
        if (depth > maxDepth) {
          if (!nodes.has(otherId)) truncated = true;
          continue;
        }
        if (!nodes.has(otherId)) {
          if (nodes.size >= GRAPH_LIMITS.maxNodes) {
            truncated = true;
            continue;
          }
          nodes.set(otherId, {
            id: otherId,
            name: String(row.otherName),
            type: row.otherType as GraphNodeModel['type'],
            ciClass: (row.otherClass as string | null) ?? null,
            status: String(row.otherStatus),
            depth,
          });
          next.push(otherId);
        }
        const edge = {
          from: String(row.fromId),
          to: String(row.toId),
          kind: row.kind as DependencyKind,
          strength: row.strength as DependencyStrength,
        };
        edges.set(`${edge.from}|${edge.to}|${edge.kind}`, edge);
      }
      frontier = next;
    }
  });
  return { root: r, nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}
