import { NotFoundError } from '../../errors.js';
import type { Executor, QueryRunner } from '../../graph/executor.js';
import { IMPACT_LIMITS } from './limits.js';
import {
  propagate,
  shortestChains,
  type Chains,
  type IncomingVisitor,
  type Propagation,
  type TopologyEdge,
  type TopologyView,
} from './propagation.js';
import { impactRepository as repo, type ComponentFacts } from './repository.js';
import type { ImpactAnswer, ImpactQuestion, TopologySource } from './topology-source.js';

const UNREAD: ComponentFacts = {
  service: false,
  retired: false,
  minMembersUp: null,
  memberCount: 0,
};

/**
 * The part of the dependency graph an impact walk has read so far, with dense integer ids.
 * Incoming edges are read from Neo4j in waves, only for components that turned out impacted.
 * Lookups: `register(id)` adds an id on first sight, `find(id)` may miss, `require(id)` throws.
 */
export class GraphTopology implements TopologyView {
  private readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly facts: ComponentFacts[] = [];
  private readonly incoming: (TopologyEdge[] | undefined)[] = [];

  constructor(private readonly tx: QueryRunner) {}

  /** The dense index of a component id, registering it (with its facts, when known) on first sight. */
  register(id: string, facts?: ComponentFacts): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.index.set(id, i);
      this.facts.push(facts ?? UNREAD);
    } else if (facts) {
      this.facts[i] = facts;
    }
    return i;
  }

  /** The dense index of a registered id, or undefined. */
  find(id: string): number | undefined {
    return this.index.get(id);
  }

  /** The dense index of a registered id; throws for one never registered. */
  require(id: string): number {
    const node = this.index.get(id);
    if (node === undefined) throw new Error(`component ${id} has not been read`);
    return node;
  }

  /** Registers the input components; returns the ids that are not components. */
  async loadInputs(ids: string[]): Promise<string[]> {
    for (const c of await repo.componentsByIds(this.tx, ids)) this.register(c.id, c.facts);
    return ids.filter((id) => !this.index.has(id));
  }

  /** True when the component's incoming edges have been read. */
  expanded(node: number): boolean {
    return this.incoming[node] !== undefined;
  }

  /** Reads the incoming edges of the given components in one round trip. */
  async expand(nodes: number[]): Promise<void> {
    for (const n of nodes) this.incoming[n] = [];
    const edges = await repo.incomingEdges(
      this.tx,
      nodes.map((n) => this.ids[n]!),
    );
    for (const e of edges) {
      const from = this.register(e.fromId, e.facts);
      const to = this.require(e.toId);
      this.incoming[to]!.push({ from, to, member: e.member, hard: e.hard });
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
    return this.facts[node]!.service;
  }

  retired(node: number): boolean {
    return this.facts[node]!.retired;
  }

  minMembersUp(node: number): number | null {
    return this.facts[node]!.minMembersUp;
  }

  memberCount(node: number): number {
    return this.facts[node]!.memberCount;
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
export async function walkToFixedPoint(
  topology: GraphTopology,
  failed: number[],
  degraded: number[],
  maxDepth: number,
): Promise<{ result: Propagation; chains: Chains; truncated: boolean }> {
  const inputs = [...failed, ...degraded];
  let depthCut = false;
  for (;;) {
    const result = propagate(topology, failed, degraded, {
      maxComponents: IMPACT_LIMITS.maxComponents,
    });
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

/** The source that always answers: a walk over Neo4j in waves, in one read transaction. */
export class GraphWalkSource implements TopologySource {
  constructor(private readonly executor: Executor) {}

  answer({ failed, degraded, maxDepth }: ImpactQuestion): Promise<ImpactAnswer> {
    return this.executor.readTx('impactAnalysis', async (tx) => {
      const topology = new GraphTopology(tx);
      const missing = await topology.loadInputs([...failed, ...degraded]);
      if (missing.length > 0) throw new NotFoundError('Component', missing[0]!, { ids: missing });
      const walked = await walkToFixedPoint(
        topology,
        failed.map((id) => topology.require(id)),
        degraded.map((id) => topology.require(id)),
        maxDepth,
      );
      return { topology, ...walked, source: 'graph' };
    });
  }
}
