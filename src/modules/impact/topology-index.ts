import type { IncomingVisitor, TopologyView } from './propagation.js';
import { blankFacts, type AssetFacts } from './asset-columns.js';
import type { TopologyRow } from './repository.js';
import { HARD, MEMBER, RETIRED, SERVICE, TopologyBase, type Adjacency } from './topology-base.js';
import { patchParts, type AddedComponents, type Override } from './topology-patch.js';

/**
 * The whole dependency graph in memory, tagged with the topology version it was read at: a base
 * read in full (compressed incoming- and outgoing-edge arrays over dense integer ids, see
 * topology-base.ts) and the patches applied since, as overrides of the components they touched
 * (topology-patch.ts). Every CMDB write bumps that version in its own transaction and lists the
 * components it changed, so a copy can be brought to the current version by reading only those
 * (`withChanges`), and a request that reads the current version first knows whether the copy is
 * exact (topology-holder.ts). A copy never changes: a patch makes a new one that shares the base.
 *
 * Lookups: `find(id)` may miss (undefined), `require(id)` throws, `idOf(node)` is the inverse.
 */
export class TopologyIndex implements TopologyView {
  private constructor(
    readonly version: number,
    /** The version node's epoch: versions compare only within one (see topology-version). */
    readonly epoch: string | null,
    private readonly base: TopologyBase,
    private readonly added: AddedComponents,
    private readonly overrides: Map<number, Override>,
    /** For a patched copy: the version it was patched from, and what the patch touched. */
    private readonly patch?: { from: number; touched: Set<number> },
  ) {}

  /** A copy built from the rows of every component (each component once). */
  static fromRows(
    version: number,
    rows: readonly TopologyRow[],
    epoch: string | null = null,
  ): TopologyIndex {
    const empty = { ids: [], index: new Map<string, number>() };
    return new TopologyIndex(version, epoch, TopologyBase.fromRows(rows), empty, new Map());
  }

  /**
   * Whether an analysis run on `from` that reached the components `reached` answers alike on
   * this copy: when this copy is a patch of `from`'s version over the same full read, and the
   * patch touched none of them (no flags, member count or incoming edge of a reached component
   * changed, and no changed component has an edge to one). Then the analysis need not run again.
   */
  answersAlike(from: TopologyIndex, reached: readonly number[]): boolean {
    const patch = this.patch;
    if (!patch || patch.from !== from.version || from.base !== this.base) return false;
    for (const n of reached) if (patch.touched.has(n)) return false;
    return true;
  }

  /** How many components it holds. */
  get size(): number {
    return this.base.count + this.added.ids.length;
  }

  /** Patched copies number components as their full read does: they share its working arrays. */
  get scratchKey(): object {
    return this.base;
  }

  /** How many edges it holds. */
  get edgeCount(): number {
    let edges = this.base.outgoing.ends.length;
    for (const [n, o] of this.overrides)
      if (o.out) edges += o.out.nodes.length - this.base.outgoingOf(n).nodes.length;
    return edges;
  }

  /** How many components patches have touched since the base was read (for compaction). */
  get patchedCount(): number {
    return this.overrides.size;
  }

  /** The dense index of a component id, or undefined when it is not in the copy. */
  find(id: string): number | undefined {
    return this.base.index.get(id) ?? this.added.index.get(id);
  }

  /** The dense index of a component id; throws when it is not in the copy. */
  require(id: string): number {
    const node = this.find(id);
    if (node === undefined) throw new Error(`component ${id} is not in the topology`);
    return node;
  }

  /** The id of a dense index. */
  idOf(node: number): string {
    const count = this.base.count;
    return node < count ? this.base.ids[node]! : this.added.ids[node - count]!;
  }

  /** The override of a component in this copy, if a patch made one. */
  private overrideOf(node: number): Override | undefined {
    return this.base.overridden[node] ? this.overrides.get(node) : undefined;
  }

  private flagsAt(node: number): number {
    return this.overrideOf(node)?.flags ?? this.base.flags[node]!;
  }

  /** True when the component is a catalog service. */
  isService(node: number): boolean {
    return (this.flagsAt(node) & SERVICE) !== 0;
  }

  retired(node: number): boolean {
    return (this.flagsAt(node) & RETIRED) !== 0;
  }

  minMembersUp(node: number): number | null {
    const k = this.overrideOf(node)?.k ?? this.base.k[node]!;
    return k < 0 ? null : k;
  }

  memberCount(node: number): number {
    return this.overrideOf(node)?.members ?? this.base.members[node]!;
  }

  forEachIncoming(node: number, visit: IncomingVisitor): void {
    const delta = this.overrideOf(node)?.in;
    if (node < this.base.count) {
      const { offsets, ends, flags } = this.base.incoming;
      const end = offsets[node + 1]!;
      const removed = delta && delta.removedAt.size > 0 ? delta.removedAt : undefined;
      for (let at = offsets[node]!; at < end; at++) {
        if (removed?.has(at)) continue;
        const f = flags[at]!;
        visit(ends[at]!, (f & MEMBER) !== 0, (f & HARD) !== 0);
      }
    }
    if (delta) {
      const { nodes, flags } = delta.added;
      for (let i = 0; i < nodes.length; i++) {
        const f = flags[i]!;
        visit(nodes[i]!, (f & MEMBER) !== 0, (f & HARD) !== 0);
      }
    }
  }

  /**
   * Visits every CI with its asset facts (the reports' ledger), in dense-id order. The facts
   * object of the full read's CIs is reused from one visit to the next: copy what you keep.
   */
  forEachAsset(visit: (facts: AssetFacts, node: number) => void): void {
    const into = blankFacts();
    const { assets, overridden } = this.base;
    const size = this.size;
    for (let n = 0; n < size; n++) {
      const o = overridden[n] ? this.overrides.get(n) : undefined;
      const facts = o && o.asset !== undefined ? o.asset : assets.read(n, into);
      if (facts) visit(facts, n);
    }
  }

  /** Whether a component has a dependency edge in either direction (see dataQuality's orphans). */
  hasDependencies(node: number): boolean {
    if (this.outgoing(node).nodes.length > 0) return true;
    let any = false;
    this.forEachIncoming(node, () => (any = true));
    return any;
  }

  /** The ids of the components with an edge to or from the one of this id (none if unknown). */
  neighbourIds(id: string): string[] {
    const node = this.find(id);
    if (node === undefined) return [];
    const out: string[] = [];
    const { nodes } = this.outgoing(node);
    for (let i = 0; i < nodes.length; i++) out.push(this.idOf(nodes[i]!));
    this.forEachIncoming(node, (from) => out.push(this.idOf(from)));
    return out;
  }

  /** The outgoing edges of a component. */
  private outgoing(node: number): Adjacency {
    return this.overrideOf(node)?.out ?? this.base.outgoingOf(node);
  }

  /**
   * A new copy at `version`: this one with the current rows of the components written since
   * (ids that are not components have no row). Besides what patchParts replaces, the member
   * counts of the changed components and of the groups around them are recounted. Cost:
   * proportional to the changed components, their neighbours and the overrides so far.
   */
  withChanges(version: number, rows: readonly TopologyRow[]): TopologyIndex {
    const parts = { base: this.base, added: this.added, overrides: this.overrides };
    const patch = patchParts(parts, (n) => this.outgoing(n), rows);
    const next = new TopologyIndex(version, this.epoch, patch.base, patch.added, patch.overrides, {
      from: this.version,
      touched: patch.touched,
    });
    // Member counts: of the changed components (their edges) and of the groups that have one of
    // them as a member (its retirement counts).
    const groups = new Set(patch.changedNodes);
    for (const n of patch.changedNodes)
      next.forEachIncoming(n, (from, member) => {
        if (member) groups.add(from);
      });
    for (const g of groups) {
      let m = 0;
      if (!next.retired(g)) {
        const out = next.outgoing(g);
        for (let i = 0; i < out.nodes.length; i++)
          if (out.flags[i]! & MEMBER && !next.retired(out.nodes[i]!)) m += 1;
      }
      patch.overrideFor(g).members = m;
    }
    return next;
  }
}
