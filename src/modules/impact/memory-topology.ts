import type { IncomingVisitor, TopologyEdge, TopologyView } from './propagation.js';

/** One component of an in-memory topology. */
export interface ComponentSpec {
  retired?: boolean;
  minMembersUp?: number | null;
}

/** One edge of an in-memory topology, by component index. */
export interface EdgeSpec {
  from: number;
  to: number;
  member?: boolean;
  hard?: boolean;
}

/** A `TopologyView` over arrays: for tests and for small graphs held in memory. */
export class MemoryTopology implements TopologyView {
  private readonly incoming: TopologyEdge[][];
  private readonly members: number[];

  constructor(
    private readonly components: ComponentSpec[],
    edges: EdgeSpec[],
  ) {
    this.incoming = components.map(() => []);
    this.members = components.map(() => 0);
    for (const e of edges) {
      const edge = { from: e.from, to: e.to, member: e.member ?? false, hard: e.hard ?? true };
      this.incoming[e.to]!.push(edge);
      if (edge.member && !components[e.to]!.retired && !components[e.from]!.retired)
        this.members[e.from]! += 1;
    }
  }

  get size(): number {
    return this.components.length;
  }

  retired(node: number): boolean {
    return this.components[node]?.retired ?? false;
  }

  minMembersUp(node: number): number | null {
    return this.components[node]?.minMembersUp ?? null;
  }

  memberCount(node: number): number {
    return this.members[node] ?? 0;
  }

  forEachIncoming(node: number, visit: IncomingVisitor): void {
    for (const e of this.incoming[node] ?? []) visit(e.from, e.member, e.hard);
  }
}
