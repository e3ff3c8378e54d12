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

/** Evaluates target sets on one topology, caching each change alone and which pairs share a target. */
class Evaluator {
  private readonly alone = new Map<string, ServiceStates>();
  private readonly shares = new Map<string, boolean>();

  constructor(private readonly topology: ConflictTopology) {}

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
    const key = a.id < b.id ? `${a.id}\u0001${b.id}` : `${b.id}\u0001${a.id}`;
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
  if (members.length > 1) {
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
 * wherever the same set is open again). Cost: one engine run per change alone and one per
 * distinct open set of two or more changes.
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
