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
  /**
   * What the working arrays are kept by, when not the view itself: copies of one topology that
   * number components alike can share one set (the engine's calls are synchronous).
   */
  readonly scratchKey?: object;
}

/**
 * Per-topology working arrays, as large as the topology and reused by every call on it: reading a
 * state is an array access, and a call allocates only what it returns, which is proportional to
 * what it reached. The engine's functions are synchronous and leave the arrays zeroed again, so
 * one set per topology is enough.
 */
class Scratch {
  readonly state: Uint8Array;
  /** What each component has already told its groups: its state when its edges were visited. */
  readonly counted: Uint8Array;
  /** Slot + 1 of each impacted component while chains are traced (0: not impacted). */
  readonly slot: Int32Array;
  /** Distance + 1 from the nearest input (0: not reached). */
  readonly dist: Int32Array;
  /** Slot + 1 of the parent on a shortest chain (0: none). */
  readonly parent: Int32Array;

  constructor(size: number) {
    this.state = new Uint8Array(size);
    this.counted = new Uint8Array(size);
    this.slot = new Int32Array(size);
    this.dist = new Int32Array(size);
    this.parent = new Int32Array(size);
  }
}

const scratches = new WeakMap<object, Scratch>();

function scratchFor(topology: TopologyView): Scratch {
  const key = topology.scratchKey ?? topology;
  let scratch = scratches.get(key);
  if (!scratch || scratch.state.length < topology.size) {
    // A topology read in waves grows between calls: leave room for it.
    scratch = new Scratch(Math.max(topology.size, (scratch?.state.length ?? 0) * 2, 64));
    scratches.set(key, scratch);
  }
  return scratch;
}

/**
 * The states of the impacted components, by slot: slot i is the i-th component reached. Lookups
 * by component go through a map built on first use; the analysis itself works by slot.
 */
export class States implements Iterable<[number, State]> {
  private slots: Map<number, number> | undefined;

  constructor(
    /** The impacted components, in the order they were reached. */
    readonly nodes: readonly number[],
    /** Their states, by slot. */
    readonly values: Uint8Array,
  ) {}

  /** How many components are not OK. */
  get size(): number {
    return this.nodes.length;
  }

  /** The slot of an impacted component, or undefined for OK ones. */
  slotOf(node: number): number | undefined {
    this.slots ??= new Map(this.nodes.map((n, i) => [n, i]));
    return this.slots.get(node);
  }

  /** The state of an impacted component; undefined for OK ones. */
  get(node: number): State | undefined {
    const slot = this.slotOf(node);
    return slot === undefined ? undefined : (this.values[slot] as State);
  }

  has(node: number): boolean {
    return this.slotOf(node) !== undefined;
  }

  /** The impacted components, in the order they were reached. */
  keys(): IterableIterator<number> {
    return this.nodes.values();
  }

  *[Symbol.iterator](): IterableIterator<[number, State]> {
    for (let i = 0; i < this.nodes.length; i++) yield [this.nodes[i]!, this.values[i] as State];
  }

  /** The states of the slots `keep` accepts, in the same order. */
  filter(keep: (slot: number) => boolean): States {
    const slots = this.nodes.map((_, i) => i).filter(keep);
    return new States(
      slots.map((i) => this.nodes[i]!),
      Uint8Array.from(slots.map((i) => this.values[i]!)),
    );
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
 * a bounded number of times (at most twice per state change of its target). States live in the
 * topology's scratch arrays while it runs; group counters in maps, since groups are few.
 */
export function propagate(
  topology: TopologyView,
  failed: readonly number[],
  degraded: readonly number[],
  options: { maxComponents?: number } = {},
): Propagation {
  const maxComponents = options.maxComponents ?? Number.MAX_SAFE_INTEGER;
  const { state: states, counted } = scratchFor(topology);
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
  try {
    for (const n of degraded) raise(n, DEGRADED);
    for (const n of failed) raise(n, DOWN);
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
    const values = new Uint8Array(order.length);
    for (let i = 0; i < order.length; i++) values[i] = states[order[i]!]!;
    return { states: new States(order, values), absorbed, truncated };
  } finally {
    for (const n of order) states[n] = counted[n] = OK;
  }
}

/**
 * Shortest chains from the inputs to the impacted components, through impacted components only,
 * by slot of `States`: each one's distance from the nearest input and the slot of its parent on
 * one shortest chain (the inputs have distance 0 and no parent).
 */
export class Chains {
  constructor(
    private readonly states: States,
    /** Distance by slot; -1 for a component no chain reaches. */
    private readonly distances: Int32Array,
    /** Parent slot by slot; -1 for none. */
    private readonly parents: Int32Array,
  ) {}

  /** The distance of the component in `slot` from the nearest input (-1: not reached). */
  distanceAt(slot: number): number {
    return this.distances[slot]!;
  }

  /** The chain of the component in `slot`, input first. */
  chainAt(slot: number): number[] {
    const chain: number[] = [];
    for (let s = slot; s >= 0; s = this.parents[s]!) chain.push(this.states.nodes[s]!);
    return chain.reverse();
  }
}

/** Breadth-first over incoming edges from the inputs, through impacted components only. */
export function shortestChains(
  topology: TopologyView,
  states: States,
  inputs: readonly number[],
): Chains {
  const { slot: slotPlusOne, dist, parent } = scratchFor(topology);
  const nodes = states.nodes;
  for (let i = 0; i < nodes.length; i++) slotPlusOne[nodes[i]!] = i + 1;
  const queue: number[] = [];
  let node = 0;
  let next = 0;
  const visit: IncomingVisitor = (from) => {
    if (dist[from] !== 0 || slotPlusOne[from] === 0 || topology.retired(from)) return;
    dist[from] = next;
    parent[from] = slotPlusOne[node]!;
    queue.push(from);
  };
  try {
    for (const n of inputs) {
      if (dist[n] === 0) {
        dist[n] = 1;
        queue.push(n);
      }
    }
    for (let i = 0; i < queue.length; i++) {
      node = queue[i]!;
      if (topology.retired(node)) continue;
      next = dist[node]! + 1;
      topology.forEachIncoming(node, visit);
    }
    const distances = new Int32Array(nodes.length);
    const parents = new Int32Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      distances[i] = dist[nodes[i]!]! - 1;
      parents[i] = parent[nodes[i]!]! - 1;
    }
    return new Chains(states, distances, parents);
  } finally {
    for (const n of nodes) slotPlusOne[n] = 0;
    for (const n of queue) dist[n] = parent[n] = 0;
  }
}
