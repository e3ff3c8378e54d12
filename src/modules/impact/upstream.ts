import { LimitExceededError, NotFoundError } from '../../errors.js';
import type { QueryRunner } from '../../graph/executor.js';
import { DEPENDENCY_KINDS } from '../cmdb/models.js';
import { componentOfRow } from './graph-topology.js';
import { MemoryTopology, type ComponentSpec, type EdgeSpec } from './memory-topology.js';

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
  /** Bolt round trips spent reading. */
  waves = 0;

  private constructor() {}

  /** Reads the closure of `roots`; unknown roots are NOT_FOUND, more than `maxComponents` LIMIT_EXCEEDED. */
  static async read(
    tx: QueryRunner,
    roots: string[],
    maxComponents: number,
  ): Promise<UpstreamClosure> {
    const closure = new UpstreamClosure();
    const rows = await tx.run('impact/components-by-ids', { ids: roots });
    closure.waves += 1;
    for (const r of rows) closure.add(String(r.id), r);
    const missing = roots.filter((id) => !closure.index.has(id));
    if (missing.length > 0) throw new NotFoundError('Component', missing[0]!, { ids: missing });
    let frontier = closure.ids.map((_, i) => i).filter((i) => !closure.components[i]!.retired);
    while (frontier.length > 0) {
      const before = closure.ids.length;
      const edges = await tx.run('impact/outgoing-edges', {
        ids: frontier.map((n) => closure.ids[n]!),
        kinds: DEPENDENCY_KINDS,
      });
      closure.waves += 1;
      for (const r of edges) {
        const from = closure.index.get(String(r.fromId))!;
        const to = closure.add(String(r.toId), r);
        closure.edges.push({ from, to, member: Boolean(r.member), hard: Boolean(r.hard) });
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

  private add(id: string, r: Record<string, unknown>): number {
    let i = this.index.get(id);
    if (i !== undefined) return i;
    i = this.ids.length;
    this.ids.push(id);
    this.index.set(id, i);
    this.outgoing.push([]);
    const { service, retired, minMembersUp } = componentOfRow(r);
    this.components.push({ service, retired, minMembersUp });
    return i;
  }

  /** The dense index of a component in the closure. */
  indexOf(id: string): number {
    return this.index.get(id)!;
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
