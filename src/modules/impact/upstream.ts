import { LimitExceededError, NotFoundError } from '../../errors.js';
import type { QueryRunner } from '../../graph/executor.js';
import { MemoryTopology, type ComponentSpec, type EdgeSpec } from './memory-topology.js';
import { impactRepository as repo, type ComponentFacts } from './repository.js';

interface UpstreamComponent extends ComponentSpec {
  service: boolean;
}

/**
 * Everything some components need, transitively (dependencies and group members), read from
 * Neo4j in waves of outgoing edges. A component's state depends only on what it needs, so the
 * propagation engine run on this closure alone gives exact states for every component in it.
 */
export class UpstreamClosure {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly components: UpstreamComponent[] = [];
  private readonly edges: EdgeSpec[] = [];
  private readonly outgoing: number[][] = [];
  private constructor() {}

  /** Reads the closure of `roots`; unknown roots are NOT_FOUND, more than `maxComponents` LIMIT_EXCEEDED. */
  static async read(
    tx: QueryRunner,
    roots: string[],
    maxComponents: number,
  ): Promise<UpstreamClosure> {
    const closure = new UpstreamClosure();
    for (const c of await repo.componentsByIds(tx, roots)) closure.add(c.id, c.facts);
    const missing = roots.filter((id) => !closure.index.has(id));
    if (missing.length > 0) throw new NotFoundError('Component', missing[0]!, { ids: missing });
    let frontier = closure.ids.map((_, i) => i).filter((i) => !closure.components[i]!.retired);
    while (frontier.length > 0) {
      const before = closure.ids.length;
      const edges = await repo.outgoingEdges(
        tx,
        frontier.map((n) => closure.ids[n]!),
      );
      for (const e of edges) {
        const from = closure.require(e.fromId);
        const to = closure.add(e.toId, e.facts);
        closure.edges.push({ from, to, member: e.member, hard: e.hard });
        closure.outgoing[from]!.push(to);
      }
      if (closure.ids.length > maxComponents) {
        throw new LimitExceededError(
          `the components these depend on exceed ${maxComponents}`,
          'maxComponents',
          maxComponents,
        );
      }
      frontier = [];
      for (let n = before; n < closure.ids.length; n++)
        if (!closure.components[n]!.retired) frontier.push(n);
    }
    return closure;
  }

  private add(id: string, facts: ComponentFacts): number {
    let i = this.index.get(id);
    if (i !== undefined) return i;
    i = this.ids.length;
    this.ids.push(id);
    this.index.set(id, i);
    this.outgoing.push([]);
    const { service, retired, minMembersUp } = facts;
    this.components.push({ service, retired, minMembersUp });
    return i;
  }

  /** The dense index of a component in the closure; throws for one outside it. */
  require(id: string): number {
    const node = this.index.get(id);
    if (node === undefined) throw new Error(`component ${id} is not in the closure`);
    return node;
  }

  /** True for a catalog service, false for a CI. */
  isService(node: number): boolean {
    return this.components[node]!.service;
  }

  /** True for a retired component. */
  retired(node: number): boolean {
    return this.components[node]!.retired ?? false;
  }

  /** The components `root` needs, transitively, itself excluded; retired ones are not crossed. */
  reachableFrom(root: number): number[] {
    const seen = new Set<number>([root]);
    const queue = [root];
    for (let i = 0; i < queue.length; i++) {
      if (this.retired(queue[i]!)) continue;
      for (const next of this.outgoing[queue[i]!]!) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    return queue.slice(1);
  }

  /** The closure as a topology for the propagation engine. */
  topology(): MemoryTopology {
    return new MemoryTopology(this.components, this.edges);
  }
}
