/**
 * Conflicts between scheduled changes (API.md, "Conflicts"): pure, over a topology the caller
 * holds. Time is split at every window boundary into elementary intervals, each with the set O(t)
 * of changes whose half-open windows [start, end) contain it; each distinct set is judged once:
 * SAME_COMPONENT (two changes of the set target one component), COMBINED_IMPACT (some service is
 * worse under all the set's targets together than under each change alone) and BLACKOUT (a change
 * leaves a service not OK while a blackout window of that service is open). Conflicts that stay
 * the same across adjacent intervals are reported once, over their union.
 */
import type { CONFLICT_KINDS, ChangeEffect } from './models.js';
import { OK, propagate, type State, type TopologyView } from '../impact/propagation.js';

/** What a change does to a target during its window. */
export type TargetEffect = ChangeEffect;

/** A scheduled change: its window in epoch milliseconds and its targets by topology node. */
export interface ScheduledChange {
  id: string;
  start: number;
  end: number;
  targets: readonly { node: number; effect: TargetEffect }[];
}

/** A blackout window; `services` null covers every service. */
export interface Blackout {
  id: string;
  start: number;
  end: number;
  services: ReadonlySet<number> | null;
}

/** A topology the engine can run on, which also knows its services. */
export interface ConflictTopology extends TopologyView {
  isService(node: number): boolean;
}

/** A service a conflict concerns: its worst state under one change alone, and under the set. */
export interface ConflictServiceState {
  service: number;
  stateAlone: State;
  stateCombined: State;
}

export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** One conflict: its kind, the changes involved (ids, sorted), the interval and its services. */
export interface Conflict {
  kind: ConflictKind;
  changes: string[];
  start: number;
  end: number;
  services: ConflictServiceState[];
  /** For BLACKOUT: the blackout windows involved (ids, sorted); empty otherwise. */
  blackouts: string[];
}

/** The service states under some failed and degraded components, worst first kept per service. */
type ServiceStates = Map<number, State>;

/** How many members of a group can be down before it is: n − k (the rules' `f > n − k`). */
const spareOf = (t: TopologyView, group: number) =>
  t.memberCount(group) - (t.minMembersUp(group) ?? 0);

/** The key of an unordered pair of changes. */
const pairKey = (a: ScheduledChange, b: ScheduledChange) =>
  a.id < b.id ? `${a.id}\u0001${b.id}` : `${b.id}\u0001${a.id}`;

/**
 * Evaluates target sets on one topology, caching each change alone, which pairs share a target
 * and which pairs can be worse together.
 */
class Evaluator {
  private readonly alone = new Map<string, ServiceStates>();
  private readonly shares = new Map<string, boolean>();
  private readonly dangers = new Map<string, Map<number, number[]>>();
  /** Visit marks of the walk in `dangerOf`, one stamp per walk. */
  private marks = new Int32Array(0);
  private stamp = 0;

  constructor(private readonly topology: ConflictTopology) {}

  /**
   * The groups a change alone can take members of down, with those members, one per MEMBER edge
   * (a superset of what it does take down): a walk up from its DOWN targets along HARD edges, and
   * along MEMBER edges into a group once more than n − k of its members are reached; not along
   * SOFT edges (they only degrade, and a degraded member never counts towards a group's k-of-n).
   * It reads edges only, with no states, and stays short of what the change degrades.
   */
  private dangerOf(change: ScheduledChange): Map<number, number[]> {
    let groups = this.dangers.get(change.id);
    if (groups) return groups;
    const found = new Map<number, number[]>();
    const t = this.topology;
    if (this.marks.length < t.size) this.marks = new Int32Array(Math.max(t.size, 64));
    const marks = this.marks;
    const stamp = ++this.stamp;
    const stack: number[] = [];
    const push = (node: number) => {
      if (marks[node] === stamp) return;
      marks[node] = stamp;
      stack.push(node);
    };
    for (const x of change.targets) if (x.effect === 'DOWN' && !t.retired(x.node)) push(x.node);
    // Each component is expanded once, so each member is listed once under each of its groups.
    let node = -1;
    const visit = (from: number, member: boolean, hard: boolean) => {
      if (t.retired(from)) return;
      if (member) {
        if (t.minMembersUp(from) === null) return;
        let list = found.get(from);
        if (!list) found.set(from, (list = []));
        list.push(node);
        // The group itself can go down only once more than n − k of its members can.
        if (list.length > spareOf(t, from)) push(from);
      } else if (hard) push(from);
    };
    while (stack.length > 0) {
      node = stack.pop()!;
      t.forEachIncoming(node, visit);
    }
    this.dangers.set(change.id, (groups = found));
    return groups;
  }

  /**
   * Whether some service can be worse under the changes together than under each alone. The
   * state rules take the worst of what a component needs everywhere except at a k-of-n group,
   * which goes down when more than n − k of its members are down. Where the set is first worse
   * together, then, is a group whose members are each down under some change alone, more than
   * n − k of them in all, from two changes or more. When no group can be that, the set's states
   * are the worst of each change's alone, and no engine run is needed to know it.
   */
  canCombine(members: readonly ScheduledChange[]): boolean {
    const contributors = new Map<number, number>();
    for (const m of members)
      for (const group of this.dangerOf(m).keys())
        contributors.set(group, (contributors.get(group) ?? 0) + 1);
    for (const [group, count] of contributors) {
      // With no spare member, any member down takes the group down under that change alone.
      const spare = spareOf(this.topology, group);
      if (count < 2 || spare < 1) continue;
      // Members by their MEMBER edges, as the rules count them (a view may repeat an edge).
      const down = new Map<number, number>();
      for (const m of members) {
        const edges = new Map<number, number>();
        for (const n of this.dangerOf(m).get(group) ?? []) edges.set(n, (edges.get(n) ?? 0) + 1);
        for (const [n, count] of edges) down.set(n, count);
      }
      let total = 0;
      for (const count of down.values()) total += count;
      if (total > spare) return true;
    }
    return false;
  }

  /** The services not OK under these targets. */
  states(targets: readonly { node: number; effect: TargetEffect }[]): ServiceStates {
    const failed = new Set<number>();
    const degraded = new Set<number>();
    for (const t of targets) {
      if (this.topology.retired(t.node)) continue;
      if (t.effect === 'DOWN') failed.add(t.node);
      else if (t.effect === 'DEGRADED') degraded.add(t.node);
    }
    for (const n of failed) degraded.delete(n);
    const services: ServiceStates = new Map();
    if (failed.size + degraded.size === 0) return services;
    const { states } = propagate(this.topology, [...failed], [...degraded]);
    for (const [node, state] of states)
      if (this.topology.isService(node) && state !== OK) services.set(node, state);
    return services;
  }

  /** The services one change leaves not OK, alone. */
  aloneOf(change: ScheduledChange): ServiceStates {
    let s = this.alone.get(change.id);
    if (!s) this.alone.set(change.id, (s = this.states(change.targets)));
    return s;
  }

  /** True when the two changes target a common component. */
  share(a: ScheduledChange, b: ScheduledChange): boolean {
    const key = pairKey(a, b);
    let shared = this.shares.get(key);
    if (shared === undefined) {
      const nodes = new Set(a.targets.map((x) => x.node));
      shared = b.targets.some((x) => nodes.has(x.node));
      this.shares.set(key, shared);
    }
    return shared;
  }
}

/**
 * What a set of changes open together conflicts on, with the blackout windows open throughout
 * (the interval itself is filled in by the caller).
 */
function judge(
  members: readonly ScheduledChange[],
  open: readonly Blackout[],
  evaluator: Evaluator,
): Conflict[] {
  const start = 0;
  const end = 0;
  const out: Conflict[] = [];
  // SAME_COMPONENT: each pair of changes that target a common component.
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++) {
      const a = members[i]!;
      const b = members[j]!;
      if (evaluator.share(a, b))
        out.push({
          kind: 'SAME_COMPONENT',
          changes: [a.id, b.id].sort(),
          start,
          end,
          services: [],
          blackouts: [],
        });
    }
  // COMBINED_IMPACT: the whole set against each of its changes alone (each alone is evaluated only
  // for the services the set leaves not OK, and once per change).
  if (members.length > 1 && evaluator.canCombine(members)) {
    const combined = evaluator.states(members.flatMap((m) => m.targets));
    const worse: ConflictServiceState[] = [];
    for (const [service, stateCombined] of combined) {
      let stateAlone: State = OK;
      for (const m of members)
        stateAlone = Math.max(stateAlone, evaluator.aloneOf(m).get(service) ?? OK) as State;
      if (stateCombined > stateAlone) worse.push({ service, stateAlone, stateCombined });
    }
    if (worse.length > 0)
      out.push({
        kind: 'COMBINED_IMPACT',
        changes: members.map((m) => m.id).sort(),
        start,
        end,
        services: worse.sort((a, b) => a.service - b.service),
        blackouts: [],
      });
  }
  // BLACKOUT: a change leaving a service not OK while one of its blackout windows is open.
  if (open.length > 0)
    for (const m of members) {
      const hit: ConflictServiceState[] = [];
      const windows = new Set<string>();
      for (const [service, state] of evaluator.aloneOf(m)) {
        const covering = open.filter((b) => b.services === null || b.services.has(service));
        if (covering.length === 0) continue;
        covering.forEach((b) => windows.add(b.id));
        hit.push({ service, stateAlone: state, stateCombined: state });
      }
      if (hit.length > 0)
        out.push({
          kind: 'BLACKOUT',
          changes: [m.id],
          start,
          end,
          services: hit.sort((a, b) => a.service - b.service),
          blackouts: [...windows].sort(),
        });
    }
  return out;
}

const keyOf = (c: Conflict) =>
  JSON.stringify([c.kind, c.changes, c.blackouts, c.services.map((s) => Object.values(s))]);

/** Conflicts in interval order, each one merged with the same conflict right after it. */
function merged(conflicts: Conflict[]): Conflict[] {
  const open = new Map<string, Conflict>();
  const out: Conflict[] = [];
  for (const c of conflicts) {
    const key = keyOf(c);
    const last = open.get(key);
    if (last && last.end === c.start) {
      last.end = c.end;
      continue;
    }
    const copy = { ...c };
    open.set(key, copy);
    out.push(copy);
  }
  return out.sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));
}

/**
 * Every conflict among `changes` within [from, to), each once: a sweep over the window
 * boundaries that keeps the open set and judges each distinct set once (its verdicts are reused
 * wherever the same set is open again). Cost: one edge walk per change (`dangerOf`), and engine
 * runs only for a set some of whose changes meet at a group (`canCombine`: the set and each of
 * its changes alone) and for a change open during a blackout window.
 */
export function conflictsIn(
  changes: readonly ScheduledChange[],
  blackouts: readonly Blackout[],
  topology: ConflictTopology,
  from: number,
  to: number,
): Conflict[] {
  const inRange = changes.filter((c) => c.start < to && from < c.end && c.start < c.end);
  const events = new Set<number>([from, to]);
  for (const c of inRange) {
    if (c.start > from) events.add(c.start);
    if (c.end < to) events.add(c.end);
  }
  for (const b of blackouts) {
    if (b.start > from && b.start < to) events.add(b.start);
    if (b.end > from && b.end < to) events.add(b.end);
  }
  const times = [...events].sort((a, b) => a - b);
  const starting = new Map<number, ScheduledChange[]>();
  for (const c of inRange) {
    const at = Math.max(c.start, from);
    starting.set(at, [...(starting.get(at) ?? []), c]);
  }
  const evaluator = new Evaluator(topology);
  const verdicts = new Map<string, Conflict[]>();
  const active = new Map<string, ScheduledChange>();
  const found: Conflict[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const start = times[i]!;
    const end = times[i + 1]!;
    for (const c of starting.get(start) ?? []) active.set(c.id, c);
    for (const [id, c] of active) if (c.end <= start) active.delete(id);
    if (active.size === 0) continue;
    const members = [...active.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    const openBlackouts = blackouts.filter((b) => b.start < end && start < b.end);
    const key = JSON.stringify([members.map((m) => m.id), openBlackouts.map((b) => b.id)]);
    let verdict = verdicts.get(key);
    if (!verdict) verdicts.set(key, (verdict = judge(members, openBlackouts, evaluator)));
    for (const c of verdict) found.push({ ...c, start, end });
  }
  return merged(found);
}

/**
 * The conflicts of one change: those among the scheduled changes over its window that involve
 * it, each naming the others involved (the change itself left out of `changes`).
 */
export function conflictsOf(
  change: ScheduledChange,
  scheduled: readonly ScheduledChange[],
  blackouts: readonly Blackout[],
  topology: ConflictTopology,
): Conflict[] {
  const all = [change, ...scheduled.filter((c) => c.id !== change.id)];
  return conflictsIn(all, blackouts, topology, change.start, change.end)
    .filter((c) => c.changes.includes(change.id))
    .map((c) => ({ ...c, changes: c.changes.filter((id) => id !== change.id) }));
}
