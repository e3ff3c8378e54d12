import type { QueryRunner } from '../../graph/executor.js';
import { DEPENDENCY_KINDS } from '../cmdb/models.js';
import {
  propagate,
  shortestChains,
  type Chains,
  type IncomingVisitor,
  type Propagation,
  type TopologyEdge,
  type TopologyView,
} from './propagation.js';

/** The Cypher names the impact walk uses, checked at start. */
export const IMPACT_QUERIES = [
  'impact/components-by-ids',
  'impact/incoming-edges',
  'impact/graph-neighbours',
  'impact/outgoing-edges',
  'impact/topology-page',
  'impact/topology-check',
  'system/topology-version',
] as const;

interface Known {
  service: boolean;
  retired: boolean;
  minMembersUp: number | null;
  memberCount: number;
}

/** What the impact queries return of a component: service or CI, retired, k and n of a group. */
export function componentOfRow(r: Record<string, unknown>): Known {
  return {
    service: Boolean(r.service),
    retired: Boolean(r.retired),
    minMembersUp: r.minMembersUp == null ? null : Number(r.minMembersUp),
    memberCount: Number(r.memberCount ?? 0),
  };
}

/**
 * The part of the dependency graph an impact walk has read so far, with dense integer ids.
 * Incoming edges are read from Neo4j in waves, only for components that turned out impacted.
 */
export class GraphTopology implements TopologyView {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly known: Known[] = [];
  private readonly incoming: (TopologyEdge[] | undefined)[] = [];
  /** Bolt round trips spent reading the graph. */
  waves = 0;

  constructor(private readonly tx: QueryRunner) {}

  /** The dense index of a component id, registering it on first sight. */
  indexOf(id: string, known?: Known): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.index.set(id, i);
      this.known.push(
        known ?? { service: false, retired: false, minMembersUp: null, memberCount: 0 },
      );
    } else if (known) {
      this.known[i] = known;
    }
    return i;
  }

  /** Registers the input components; returns the ids that are not components. */
  async loadInputs(ids: string[]): Promise<string[]> {
    const rows = await this.tx.run('impact/components-by-ids', { ids });
    this.waves += 1;
    for (const r of rows) {
      this.indexOf(String(r.id), componentOfRow(r));
    }
    return ids.filter((id) => !this.index.has(id));
  }

  /** True when the component's incoming edges have been read. */
  expanded(node: number): boolean {
    return this.incoming[node] !== undefined;
  }

  /** Reads the incoming edges of the given components in one round trip. */
  async expand(nodes: number[]): Promise<void> {
    for (const n of nodes) this.incoming[n] = [];
    const rows = await this.tx.run('impact/incoming-edges', {
      ids: nodes.map((n) => this.ids[n]!),
      kinds: DEPENDENCY_KINDS,
    });
    this.waves += 1;
    for (const r of rows) {
      const from = this.indexOf(String(r.fromId), componentOfRow(r));
      const to = this.index.get(String(r.toId))!;
      this.incoming[to]!.push({ from, to, member: Boolean(r.member), hard: Boolean(r.hard) });
    }
  }

  get size(): number {
    return this.ids.length;
  }

  /** The id of a dense index. */
  idOf(node: number): string {
    return this.ids[node]!;
  }

  /** True when the component is a catalog service. */
  isService(node: number): boolean {
    return this.known[node]!.service;
  }

  retired(node: number): boolean {
    return this.known[node]!.retired;
  }

  minMembersUp(node: number): number | null {
    return this.known[node]!.minMembersUp;
  }

  memberCount(node: number): number {
    return this.known[node]!.memberCount;
  }

  forEachIncoming(node: number, visit: IncomingVisitor): void {
    for (const e of this.incoming[node] ?? []) visit(e.from, e.member, e.hard);
  }
}

/**
 * Runs the engine on what the walk has read, reads the incoming edges of newly impacted
 * components (one round trip per wave) and repeats until the fixed point needs nothing unread,
 * `maxDepth` edges from the inputs at most. Expansions stay in `topology` for later walks.
 */
export async function settle(
  topology: GraphTopology,
  failed: number[],
  degraded: number[],
  maxDepth: number,
  maxComponents = 500000,
): Promise<{
  result: Propagation;
  chains: Chains;
  truncated: boolean;
}> {
  const inputs = [...failed, ...degraded];
  let depthCut = false;
  for (;;) {
    const result = propagate(topology, failed, degraded, { maxComponents });
    const chains = shortestChains(topology, result.states, inputs);
    const frontier: number[] = [];
    const { nodes } = result.states;
    for (let slot = 0; slot < nodes.length; slot++) {
      const node = nodes[slot]!;
      if (topology.expanded(node) || topology.retired(node)) continue;
      if (chains.distanceAt(slot) >= maxDepth) depthCut = true;
      else frontier.push(node);
    }
    if (frontier.length === 0 || result.truncated)
      return { result, chains, truncated: result.truncated || depthCut };
    await topology.expand(frontier);
  }
}
