/**
 * Impact propagation (API.md, "Impact analysis"): the least fixed point of the state rules over
 * OK < DEGRADED < DOWN, with HARD and SOFT edges, k-of-n redundancy groups, degraded inputs,
 * retired components ignored, and cycles. Pure: it reads the topology through `TopologyView`.
 */

export const OK = 0;
export const DEGRADED = 1;
export const DOWN = 2;
export type State = typeof OK | typeof DEGRADED | typeof DOWN;
export const STATE_NAMES = ['OK', 'DEGRADED', 'DOWN'] as const;

/** An edge as the engine sees it, from the dependent `from` to what it needs `to`. */
export interface TopologyEdge {
  from: number;
  to: number;
  member: boolean;
  hard: boolean;
}

/** What the engine needs to know about the dependency graph; components are dense integers. */
export interface TopologyView {
  /** Whether the component is retired (its edges, both ways, are ignored). */
  retired(node: number): boolean;
  /** k of a group's k-of-n, or null for a component that is not a group. */
  minMembersUp(node: number): number | null;
  /** How many non-retired members a group has (n of k-of-n). */
  memberCount(node: number): number;
  /** Calls `visit` for every edge into `node` (edges whose `to` is `node`), retired ends included. */
  forEachIncoming(node: number, visit: (edge: TopologyEdge) => void): void;
}

/** The outcome: a state for every impacted component, plus how it was reached. */
export interface Propagation {
  /** Components whose state is not OK, inputs included, with their state. */
  states: Map<number, State>;
  /** Groups with at least one failed or degraded member that did not go down. */
  absorbed: { group: number; membersDown: number; membersTotal: number; minMembersUp: number }[];
  /** True when `maxComponents` stopped the walk before the fixed point. */
  truncated: boolean;
}

/**
 * Computes the least fixed point by monotone worklist propagation: a component is re-evaluated
 * only when something it needs got worse, and each state only rises, so every edge is looked at
 * a bounded number of times (at most twice per state change of its target).
 */
export function propagate(
  topology: TopologyView,
  failed: readonly number[],
  degraded: readonly number[],
  options: { maxComponents?: number } = {},
): Propagation {
  const maxComponents = options.maxComponents ?? Number.MAX_SAFE_INTEGER;
  const states = new Map<number, State>();
  const membersDown = new Map<number, number>();
  const membersDegraded = new Map<number, number>();
  const queue: number[] = [];
  let truncated = false;

  const raise = (node: number, state: State): void => {
    if ((states.get(node) ?? OK) >= state) return;
    if (!states.has(node) && states.size >= maxComponents) {
      truncated = true;
      return;
    }
    states.set(node, state);
    queue.push(node);
  };
  for (const n of degraded) raise(n, DEGRADED);
  for (const n of failed) raise(n, DOWN);

  // Each queue entry is a component whose state just rose; its old state is needed for the group
  // counters, so remember what each group has already counted per member.
  const counted = new Map<number, State>();
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    const state = states.get(node)!;
    if (topology.retired(node)) continue;
    const before = counted.get(node) ?? OK;
    counted.set(node, state);
    topology.forEachIncoming(node, (edge) => {
      const from = edge.from;
      if (topology.retired(from)) return;
      if (edge.member) {
        const k = topology.minMembersUp(from);
        if (k === null) return;
        const m = topology.memberCount(from);
        if (state === DOWN && before < DOWN)
          membersDown.set(from, (membersDown.get(from) ?? 0) + 1);
        if (state >= DEGRADED && before === OK)
          membersDegraded.set(from, (membersDegraded.get(from) ?? 0) + 1);
        const f = membersDown.get(from) ?? 0;
        // The k-of-n rule counts only DOWN members; a merely degraded member degrades the group.
        raise(from, f >= 1 && f > m - k ? DOWN : DEGRADED);
        return;
      }
      if (edge.hard) raise(from, state);
      else raise(from, DEGRADED);
    });
  }

  const absorbed: Propagation['absorbed'] = [];
  for (const group of membersDegraded.keys()) {
    if (states.get(group) === DOWN) continue;
    absorbed.push({
      group,
      membersDown: membersDown.get(group) ?? 0,
      membersTotal: topology.memberCount(group),
      minMembersUp: topology.minMembersUp(group)!,
    });
  }
  return { states, absorbed, truncated };
}

/**
 * Shortest chains from the inputs to every impacted component, through impacted components only:
 * breadth-first over incoming edges. Returns for each component its distance and its parent on
 * one shortest chain (the inputs have distance 0 and no parent).
 */
export function shortestChains(
  topology: TopologyView,
  states: ReadonlyMap<number, State>,
  inputs: readonly number[],
): Map<number, { distance: number; parent: number | null }> {
  const out = new Map<number, { distance: number; parent: number | null }>();
  const queue: number[] = [];
  for (const n of inputs) {
    if (!out.has(n)) {
      out.set(n, { distance: 0, parent: null });
      queue.push(n);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    if (topology.retired(node)) continue;
    const distance = out.get(node)!.distance + 1;
    topology.forEachIncoming(node, (edge) => {
      if (out.has(edge.from) || !states.has(edge.from) || topology.retired(edge.from)) return;
      out.set(edge.from, { distance, parent: node });
      queue.push(edge.from);
    });
  }
  return out;
}

/** The chain of a component, input first, from the parents `shortestChains` found. */
export function chainOf(
  node: number,
  chains: ReadonlyMap<number, { parent: number | null }>,
): number[] {
  const chain: number[] = [];
  for (let n: number | null = node; n !== null; n = chains.get(n)?.parent ?? null) chain.push(n);
  return chain.reverse();
}
