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

/** An edge as the topologies store it, from the dependent `from` to what it needs `to`. */
export interface TopologyEdge {
  from: number;
  to: number;
  member: boolean;
  hard: boolean;
}

/** Visits one incoming edge: its dependent end, and whether it is a MEMBER edge and HARD. */
export type IncomingVisitor = (from: number, member: boolean, hard: boolean) => void;

/** What the engine needs to know about the dependency graph; components are dense integers. */
export interface TopologyView {
  /** How many components it knows: every component is below this number. */
  readonly size: number;
  /** Whether the component is retired (its edges, both ways, are ignored). */
  retired(node: number): boolean;
  /** k of a group's k-of-n, or null for a component that is not a group. */
  minMembersUp(node: number): number | null;
  /** How many non-retired members a group has (n of k-of-n). */
  memberCount(node: number): number;
  /** Calls `visit` for every edge into `node` (edges whose `to` is `node`), retired ends included. */
  forEachIncoming(node: number, visit: IncomingVisitor): void;
}

/**
 * The states of the impacted components, over a dense byte array with the impacted ones listed
 * in the order they were reached: reading a state is an array access, and only impacted
 * components are ever iterated, however large the topology.
 */
export class States implements Iterable<[number, State]> {
  private count = 0;

  constructor(
    private readonly state: Uint8Array,
    private readonly order: number[],
  ) {
    this.count = order.length;
  }

  /** How many components are not OK. */
  get size(): number {
    return this.count;
  }

  /** The state of an impacted component; undefined for OK ones. */
  get(node: number): State | undefined {
    const s = this.state[node] ?? OK;
    return s === OK ? undefined : (s as State);
  }

  has(node: number): boolean {
    return (this.state[node] ?? OK) !== OK;
  }

  /** Leaves a component out (back to OK), for bounds applied after the fixed point. */
  delete(node: number): void {
    if (!this.has(node)) return;
    this.state[node] = OK;
    this.count -= 1;
  }

  /** The impacted components, in the order they were reached. */
  *keys(): IterableIterator<number> {
    for (const node of this.order) if (this.state[node] !== OK) yield node;
  }

  *[Symbol.iterator](): IterableIterator<[number, State]> {
    for (const node of this.order) {
      const s = this.state[node]!;
      if (s !== OK) yield [node, s as State];
    }
  }
}

/** The outcome: a state for every impacted component, plus how it was reached. */
export interface Propagation {
  /** Components whose state is not OK, inputs included, with their state. */
  states: States;
  /** Groups with at least one failed or degraded member that did not go down. */
  absorbed: { group: number; membersDown: number; membersTotal: number; minMembersUp: number }[];
  /** True when `maxComponents` stopped the walk before the fixed point. */
  truncated: boolean;
}

/**
 * Computes the least fixed point by monotone worklist propagation: a component is re-evaluated
 * only when something it needs got worse, and each state only rises, so every edge is looked at
 * a bounded number of times (at most twice per state change of its target). States live in a
 * byte array as large as the topology; group counters in maps, since groups are few.
 */
export function propagate(
  topology: TopologyView,
  failed: readonly number[],
  degraded: readonly number[],
  options: { maxComponents?: number } = {},
): Propagation {
  const maxComponents = options.maxComponents ?? Number.MAX_SAFE_INTEGER;
  const states = new Uint8Array(topology.size);
  // What each component has already told its groups: its state when its edges were last visited.
  const counted = new Uint8Array(topology.size);
  const order: number[] = [];
  const membersDown = new Map<number, number>();
  const membersDegraded = new Map<number, number>();
  const queue: number[] = [];
  let truncated = false;

  const raise = (node: number, state: State): void => {
    const now = states[node]!;
    if (now >= state) return;
    if (now === OK) {
      if (order.length >= maxComponents) {
        truncated = true;
        return;
      }
      order.push(node);
    }
    states[node] = state;
    queue.push(node);
  };
  for (const n of degraded) raise(n, DEGRADED);
  for (const n of failed) raise(n, DOWN);

  // The component being expanded, its state now and the state its groups have counted.
  let state: State = OK;
  let before: State = OK;
  const visit: IncomingVisitor = (from, member, hard) => {
    if (topology.retired(from)) return;
    if (member) {
      const k = topology.minMembersUp(from);
      if (k === null) return;
      const m = topology.memberCount(from);
      if (state === DOWN && before < DOWN) membersDown.set(from, (membersDown.get(from) ?? 0) + 1);
      if (state >= DEGRADED && before === OK)
        membersDegraded.set(from, (membersDegraded.get(from) ?? 0) + 1);
      const f = membersDown.get(from) ?? 0;
      // The k-of-n rule counts only DOWN members; a merely degraded member degrades the group.
      raise(from, f >= 1 && f > m - k ? DOWN : DEGRADED);
    } else if (hard) raise(from, state);
    else raise(from, DEGRADED);
  };
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    state = states[node] as State;
    if (state === counted[node] || topology.retired(node)) continue;
    before = counted[node] as State;
    counted[node] = state;
    topology.forEachIncoming(node, visit);
  }

  const absorbed: Propagation['absorbed'] = [];
  for (const group of membersDegraded.keys()) {
    if (states[group] === DOWN) continue;
    absorbed.push({
      group,
      membersDown: membersDown.get(group) ?? 0,
      membersTotal: topology.memberCount(group),
      minMembersUp: topology.minMembersUp(group)!,
    });
  }
  return { states: new States(states, order), absorbed, truncated };
}

/**
 * Shortest chains from the inputs to the impacted components, through impacted components only:
 * each one's distance from the nearest input and its parent on one shortest chain, in two dense
 * arrays (the inputs have distance 0 and no parent).
 */
export class Chains {
  constructor(
    /** Distance + 1; 0 for a component no chain reaches. */
    private readonly dist: Int32Array,
    /** Parent + 1; 0 for none. */
    private readonly parents: Int32Array,
  ) {}

  /** The distance from the nearest input, or undefined when no chain reaches the component. */
  distance(node: number): number | undefined {
    const d = this.dist[node] ?? 0;
    return d === 0 ? undefined : d - 1;
  }

  /** The previous component on the chain, or null for an input (and for unreached ones). */
  parent(node: number): number | null {
    const p = this.parents[node] ?? 0;
    return p === 0 ? null : p - 1;
  }

  /** The chain of a component, input first. */
  chainOf(node: number): number[] {
    const chain: number[] = [];
    for (let n: number | null = node; n !== null; n = this.parent(n)) chain.push(n);
    return chain.reverse();
  }
}

/** Breadth-first over incoming edges from the inputs, through impacted components only. */
export function shortestChains(
  topology: TopologyView,
  states: States,
  inputs: readonly number[],
): Chains {
  const dist = new Int32Array(topology.size);
  const parents = new Int32Array(topology.size);
  const queue: number[] = [];
  for (const n of inputs) {
    if (dist[n] === 0) {
      dist[n] = 1;
      queue.push(n);
    }
  }
  let node = 0;
  let next = 0;
  const visit: IncomingVisitor = (from) => {
    if (dist[from] !== 0 || !states.has(from) || topology.retired(from)) return;
    dist[from] = next;
    parents[from] = node + 1;
    queue.push(from);
  };
  for (let i = 0; i < queue.length; i++) {
    node = queue[i]!;
    if (topology.retired(node)) continue;
    next = dist[node]! + 1;
    topology.forEachIncoming(node, visit);
  }
  return new Chains(dist, parents);
}
