/** A node of a layered drawing: its layer (distance or depth from the roots). */
export interface LayeredNode {
  id: string;
  layer: number;
}

/** An edge of the drawing, from a node of one layer towards the next. */
export interface LayeredEdge {
  from: string;
  to: string;
}

/**
 * Positions for a layered drawing: one column per layer, left to right, and in each column the
 * nodes ordered by the mean position of their neighbours in the column before (the barycentre
 * heuristic: fewer crossings), so that a chain reads from left to right. A layer of more than
 * `perColumn` nodes wraps into several sub-columns, so that a large report stays wider than tall.
 * Linear in nodes and edges (and a sort per layer).
 */
export function layeredPositions(
  nodes: readonly LayeredNode[],
  edges: readonly LayeredEdge[],
  { columnGap = 260, rowGap = 56, perColumn = 24, subColumnGap = 200 } = {},
): Map<string, { x: number; y: number }> {
  const layerOf = new Map(nodes.map((n) => [n.id, n.layer]));
  const parents = new Map<string, string[]>();
  for (const e of edges) {
    const [a, b] =
      (layerOf.get(e.from) ?? 0) <= (layerOf.get(e.to) ?? 0) ? [e.from, e.to] : [e.to, e.from];
    if (!parents.has(b)) parents.set(b, []);
    parents.get(b)!.push(a);
  }
  const columns = new Map<number, string[]>();
  for (const n of nodes) {
    if (!columns.has(n.layer)) columns.set(n.layer, []);
    columns.get(n.layer)!.push(n.id);
  }
  const rank = new Map<string, number>();
  const out = new Map<string, { x: number; y: number }>();
  let x = 0;
  for (const layer of [...columns.keys()].sort((a, b) => a - b)) {
    const column = columns.get(layer)!;
    const score = (id: string) => {
      const ps = (parents.get(id) ?? []).map((p) => rank.get(p)).filter((r) => r !== undefined);
      return ps.length === 0 ? Infinity : ps.reduce((a, b) => a + b, 0) / ps.length;
    };
    const scored = column.map((id, i) => ({ id, s: score(id), i }));
    scored.sort((a, b) => a.s - b.s || a.i - b.i);
    const rows = Math.min(scored.length, perColumn);
    scored.forEach(({ id }, i) => {
      rank.set(id, i);
      const sub = Math.floor(i / perColumn);
      out.set(id, { x: x + sub * subColumnGap, y: ((i % perColumn) - (rows - 1) / 2) * rowGap });
    });
    x += Math.ceil(scored.length / perColumn - 1) * subColumnGap + columnGap;
  }
  return out;
}
