import { edgeFlagsOf, flagsOf, type Adjacency, type TopologyBase } from './topology-base.js';
import { assetOf, type AssetFacts } from './asset-columns.js';
import type { TopologyRow } from './repository.js';

/**
 * How patches changed a component's incoming edges, against the full read's: the positions of
 * the read's edges they removed, and the edges they added. A hub's thousands of edges stay where
 * they are when one of them changes.
 */
export interface IncomingDelta {
  removedAt: Set<number>;
  added: Adjacency;
}

/** What a patch says of one component, in place of the full read: never changed once made. */
export interface Override {
  flags: number;
  k: number;
  members: number;
  /** Its incoming edges, when a patch changed them, and its outgoing ones, when it rewrote them. */
  in?: IncomingDelta;
  out?: Adjacency;
  /** Its asset facts when a patch read its row (null: not a CI). */
  asset?: AssetFacts | null;
}

/** Components added by patches since the base was read: a few, so copied with each patch. */
export interface AddedComponents {
  ids: string[];
  index: Map<string, number>;
}

/** What a copy is made of besides its version: the shared full read and its own overrides. */
export interface CopyParts {
  base: TopologyBase;
  added: AddedComponents;
  overrides: Map<number, Override>;
}

/** The parts of a patched copy, and what the patch touched. */
export interface Patch extends CopyParts {
  /** Every component the patch gave an override of its own (see TopologyIndex.answersAlike). */
  touched: Set<number>;
  /** The components whose rows the patch applied. */
  changedNodes: number[];
  /** The override of a component in the patched copy, made on first use. */
  overrideFor(node: number): Override;
}

/**
 * The overrides of a copy patched with the current `rows` of the components written since:
 * each changed component's flags, k, outgoing edges and asset facts are replaced, and with them
 * the incoming edge lists of the components whose edges from it changed. Member counts are left to
 * the caller, which reads them off the patched copy. `outgoing` reads the unpatched copy's outgoing edges.
 */
export function patchParts(
  parts: CopyParts,
  outgoing: (node: number) => Adjacency,
  rows: readonly TopologyRow[],
): Patch {
  const { base } = parts;
  const added: AddedComponents = { ids: [...parts.added.ids], index: new Map(parts.added.index) };
  const nodeOf = (id: string) => {
    let n = base.index.get(id) ?? added.index.get(id);
    if (n === undefined) {
      n = base.count + added.ids.length;
      added.ids.push(id);
      added.index.set(id, n);
    }
    return n;
  };
  const changed = rows.map((row) => ({
    row,
    node: nodeOf(row.id),
    out: {
      nodes: Int32Array.from(row.out, ([target]) => nodeOf(target)),
      flags: Uint8Array.from(row.out, ([, member, hard]) => edgeFlagsOf(member, hard)),
    },
  }));
  const overrides = new Map(parts.overrides);
  // What the patch touched: each gets an override of its own in the new copy (the ones of the
  // copy it was made from are left as they are).
  const touched = new Set<number>();
  const overrideFor = (n: number): Override => {
    if (touched.has(n)) return overrides.get(n)!;
    const previous: Override = overrides.get(n) ?? {
      flags: base.flags[n] ?? 0,
      k: base.k[n] ?? -1,
      members: base.members[n] ?? 0,
    };
    const own = { ...previous };
    overrides.set(n, own);
    touched.add(n);
    base.markOverridden(n);
    return own;
  };

  // The edges that differ, by target: each changed component's old edges against its new ones
  // (as multisets of target and flags), so that a hub its unchanged edges point at is left alone.
  const edits = new Map<number, Map<number, number>>(); // target -> (source * 4 + flags) -> +/-n
  const edit = (target: number, key: number, by: number) => {
    let e = edits.get(target);
    if (!e) edits.set(target, (e = new Map()));
    const n = (e.get(key) ?? 0) + by;
    if (n === 0) e.delete(key);
    else e.set(key, n);
  };
  for (const { row, node, out } of changed) {
    const old = outgoing(node);
    for (let i = 0; i < old.nodes.length; i++) edit(old.nodes[i]!, node * 4 + old.flags[i]!, -1);
    for (let i = 0; i < out.nodes.length; i++) edit(out.nodes[i]!, node * 4 + out.flags[i]!, 1);
    const o = overrideFor(node);
    o.flags = flagsOf(row);
    o.k = row.minMembersUp ?? -1;
    o.out = out;
    o.asset = assetOf(row.asset);
  }
  // Every target of a changed component counts as touched, edited or not (answersAlike).
  for (const [target, e] of edits) {
    const o = overrideFor(target);
    if (e.size > 0) o.in = editedIncoming(base, target, o.in, e);
  }
  return {
    base,
    added,
    overrides,
    touched,
    changedNodes: changed.map((c) => c.node),
    overrideFor,
  };
}

/** A component's incoming edges after `edits` ((source * 4 + flags) → how many added or removed). */
function editedIncoming(
  base: TopologyBase,
  target: number,
  before: IncomingDelta | undefined,
  edits: Map<number, number>,
): IncomingDelta {
  const removedAt = new Set(before?.removedAt);
  const added: number[] = []; // source * 4 + flags
  if (before)
    for (let i = 0; i < before.added.nodes.length; i++)
      added.push(before.added.nodes[i]! * 4 + before.added.flags[i]!);
  for (const [key, n] of edits) {
    if (n > 0) {
      for (let i = 0; i < n; i++) added.push(key);
      continue;
    }
    // A removed edge: one a patch added, else one of the full read's still there.
    let left = -n;
    for (let i = added.length - 1; i >= 0 && left > 0; i--)
      if (added[i] === key) {
        added.splice(i, 1);
        left -= 1;
      }
    if (left > 0 && target < base.count) {
      const { offsets, ends, flags } = base.incoming;
      const end = offsets[target + 1]!;
      for (let at = offsets[target]!; at < end && left > 0; at++)
        if (ends[at]! * 4 + flags[at]! === key && !removedAt.has(at)) {
          removedAt.add(at);
          left -= 1;
        }
    }
  }
  return {
    removedAt,
    added: {
      nodes: Int32Array.from(added, (key) => key >> 2),
      flags: Uint8Array.from(added, (key) => key & 3),
    },
  };
}
