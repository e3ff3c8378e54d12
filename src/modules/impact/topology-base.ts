import { AssetColumns, assetOf } from './asset-columns.js';
import type { TopologyRow } from './repository.js';

/** Component flags of a full read. */
export const SERVICE = 1;
export const RETIRED = 2;
/** Edge flags. */
export const MEMBER = 1;
export const HARD = 2;

/** An edge list of one component: the other ends and the edges' flags, side by side. */
export interface Adjacency {
  nodes: Int32Array;
  flags: Uint8Array;
}

export const NO_EDGES: Adjacency = { nodes: new Int32Array(0), flags: new Uint8Array(0) };

/** A component's flags as a row states them. */
export function flagsOf(r: Pick<TopologyRow, 'service' | 'retired'>): number {
  return (r.service ? SERVICE : 0) | (r.retired ? RETIRED : 0);
}

/** An edge's flags. */
export function edgeFlagsOf(member: boolean, hard: boolean): number {
  return (member ? MEMBER : 0) | (hard ? HARD : 0);
}

/**
 * What a full read of the graph built, shared by the copy it made and every patch of it: the ids
 * of the components it read, their flags, k and member counts, their incoming and outgoing
 * edges as compressed arrays over dense integer ids and the CIs' asset columns, never changed once built; and `overridden`,
 * which only ever gains ones: the components some patch of this read has overridden (a copy
 * looks its overrides up only there).
 */
export class TopologyBase {
  overridden: Uint8Array;

  constructor(
    readonly ids: string[],
    readonly index: Map<string, number>,
    readonly flags: Uint8Array,
    readonly k: Int32Array,
    readonly members: Int32Array,
    readonly incoming: CompressedEdges,
    readonly outgoing: CompressedEdges,
    /** The CIs' asset columns (the reports' ledger). */
    readonly assets: AssetColumns,
  ) {
    this.overridden = new Uint8Array(ids.length);
  }

  get count(): number {
    return this.ids.length;
  }

  /** Marks a component as overridden, growing the marks for components patches added. */
  markOverridden(node: number): void {
    if (node >= this.overridden.length) {
      const bigger = new Uint8Array(
        Math.max(node + 1, this.overridden.length + (this.overridden.length >> 3) + 64),
      );
      bigger.set(this.overridden);
      this.overridden = bigger;
    }
    this.overridden[node] = 1;
  }

  /** The full read's outgoing edges of a component (none for components patches added). */
  outgoingOf(node: number): Adjacency {
    if (node >= this.count) return NO_EDGES;
    const { offsets, ends, flags } = this.outgoing;
    const from = offsets[node]!;
    const to = offsets[node + 1]!;
    return { nodes: ends.subarray(from, to), flags: flags.subarray(from, to) };
  }

  /** Builds the arrays from the rows of every component (each component once). */
  static fromRows(rows: readonly TopologyRow[]): TopologyBase {
    const ids: string[] = [];
    const index = new Map<string, number>();
    const flagList: number[] = [];
    const kList: number[] = [];
    const nodeOf = (id: string) => {
      let i = index.get(id);
      if (i === undefined) {
        i = ids.length;
        ids.push(id);
        index.set(id, i);
        flagList.push(0);
        kList.push(-1);
      }
      return i;
    };
    let from = new Int32Array(1 << 16);
    let to = new Int32Array(1 << 16);
    let edgeFlags = new Uint8Array(1 << 16);
    let edges = 0;
    for (const r of rows) {
      const n = nodeOf(r.id);
      flagList[n] = flagsOf(r);
      kList[n] = r.minMembersUp ?? -1;
      for (const [target, member, hard] of r.out) {
        if (edges === from.length) {
          from = grow(from);
          to = grow(to);
          edgeFlags = grow(edgeFlags);
        }
        from[edges] = n;
        to[edges] = nodeOf(target);
        edgeFlags[edges] = edgeFlagsOf(member, hard);
        edges += 1;
      }
    }
    const count = ids.length;
    const assets = new AssetColumns(count);
    for (const r of rows) assets.set(index.get(r.id)!, assetOf(r.asset));
    const flags = Uint8Array.from(flagList);
    const members = new Int32Array(count);
    for (let e = 0; e < edges; e++) {
      if (edgeFlags[e]! & MEMBER && !(flags[from[e]!]! & RETIRED) && !(flags[to[e]!]! & RETIRED))
        members[from[e]!]! += 1;
    }
    return new TopologyBase(
      ids,
      index,
      flags,
      Int32Array.from(kList),
      members,
      compress(count, edges, to, from, edgeFlags),
      compress(count, edges, from, to, edgeFlags),
      assets,
    );
  }
}

/** Compressed adjacency: the edges of component n are at offsets[n] to offsets[n + 1]. */
export interface CompressedEdges {
  offsets: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
}

/** Compressed adjacency keyed by `keys`: for each key, the `ends` of its edges and their flags. */
function compress(
  count: number,
  edges: number,
  keys: Int32Array,
  ends: Int32Array,
  edgeFlags: Uint8Array,
): CompressedEdges {
  const offsets = new Int32Array(count + 1);
  for (let e = 0; e < edges; e++) offsets[keys[e]! + 1]! += 1;
  for (let n = 0; n < count; n++) offsets[n + 1]! += offsets[n]!;
  const fill = offsets.slice(0, count);
  const out = new Int32Array(edges);
  const flags = new Uint8Array(edges);
  for (let e = 0; e < edges; e++) {
    const at = fill[keys[e]!]!++;
    out[at] = ends[e]!;
    flags[at] = edgeFlags[e]!;
  }
  return { offsets, ends: out, flags };
}

function grow<T extends Int32Array | Uint8Array>(a: T): T {
  const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
  bigger.set(a);
  return bigger;
}
