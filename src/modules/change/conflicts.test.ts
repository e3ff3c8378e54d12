import fc from 'fast-check';
import { MemoryTopology, type ComponentSpec, type EdgeSpec } from '../impact/memory-topology.js';
import { DEGRADED, DOWN, OK, propagate, type State } from '../impact/propagation.js';
import {
  conflictsIn,
  conflictsOf,
  type Blackout,
  type Conflict,
  type ConflictTopology,
  type ScheduledChange,
  type TargetEffect,
} from './conflicts.js';

/** A memory topology whose first `services` components are services. */
class Estate extends MemoryTopology implements ConflictTopology {
  constructor(
    components: ComponentSpec[],
    edges: EdgeSpec[],
    private readonly services: number,
  ) {
    super(components, edges);
  }

  isService(node: number): boolean {
    return node < this.services;
  }
}

/** A service (0) on a group (1) with k of `members` members (2…). */
function groupEstate(k: number, members: number, retired: number[] = []): Estate {
  const components: ComponentSpec[] = [{}, { minMembersUp: k }];
  const edges: EdgeSpec[] = [{ from: 0, to: 1 }];
  for (let m = 0; m < members; m++) {
    components.push({ retired: retired.includes(2 + m) });
    edges.push({ from: 1, to: 2 + m, member: true });
  }
  return new Estate(components, edges, 1);
}

const change = (
  id: string,
  start: number,
  end: number,
  nodes: number[],
  effect: TargetEffect = 'DOWN',
): ScheduledChange => ({ id, start, end, targets: nodes.map((node) => ({ node, effect })) });

const kinds = (conflicts: Conflict[]) =>
  conflicts.map((c) => [c.kind, c.changes.join('+'), c.start, c.end]);

describe('change conflicts', () => {
  it('two changes that each take down one member of an HA pair conflict where they overlap', () => {
    const estate = groupEstate(1, 2);
    const a = change('a', 0, 10, [2]);
    const b = change('b', 5, 15, [3]);
    const found = conflictsIn([a, b], [], estate, 0, 20);
    expect(kinds(found)).toEqual([['COMBINED_IMPACT', 'a+b', 5, 10]]);
    expect(found[0]!.services).toEqual([{ service: 0, stateAlone: DEGRADED, stateCombined: DOWN }]);
    // Each change's own view names the other, over the same interval.
    expect(kinds(conflictsOf(a, [b], [], estate))).toEqual([['COMBINED_IMPACT', 'b', 5, 10]]);
  });

  it('windows are half-open: one ending as the other starts do not conflict', () => {
    const estate = groupEstate(1, 2);
    expect(
      conflictsIn([change('a', 0, 10, [2]), change('b', 10, 20, [3])], [], estate, 0, 30),
    ).toEqual([]);
    expect(
      conflictsIn(
        [change('a', 0, 10, [2], 'NONE'), change('b', 10, 20, [2], 'NONE')],
        [],
        estate,
        0,
        30,
      ),
    ).toEqual([]);
  });

  it('two members of a 2-of-3 pool down together conflict; one alone does not', () => {
    const estate = groupEstate(2, 3);
    expect(kinds(conflictsIn([change('a', 0, 10, [2])], [], estate, 0, 10))).toEqual([]);
    const found = conflictsIn(
      [change('a', 0, 10, [2]), change('b', 0, 10, [3])],
      [],
      estate,
      0,
      10,
    );
    expect(kinds(found)).toEqual([['COMBINED_IMPACT', 'a+b', 0, 10]]);
  });

  it('three changes on a 2-of-4 group: each pair is harmless, the three together are not', () => {
    const estate = groupEstate(2, 4);
    const changes = [change('a', 0, 10, [2]), change('b', 2, 10, [3]), change('c', 4, 6, [4])];
    const found = conflictsIn(changes, [], estate, 0, 10);
    expect(kinds(found)).toEqual([['COMBINED_IMPACT', 'a+b+c', 4, 6]]);
    // b's own view: only the interval where all three are open.
    expect(kinds(conflictsOf(changes[1]!, changes, [], estate))).toEqual([
      ['COMBINED_IMPACT', 'a+c', 4, 6],
    ]);
  });

  it('members taken down through HARD chains and nested groups combine; SOFT chains do not', () => {
    // Service 0 on a 1-of-2 group 1 with members 2 and 3; member 2 needs 4 HARD, which needs
    // group 5 (1-of-1, member 6) HARD; member 3 needs 7 SOFT.
    const estate = new Estate(
      [{}, { minMembersUp: 1 }, {}, {}, {}, { minMembersUp: 1 }, {}, {}],
      [
        { from: 0, to: 1 },
        { from: 1, to: 2, member: true },
        { from: 1, to: 3, member: true },
        { from: 2, to: 4 },
        { from: 4, to: 5 },
        { from: 5, to: 6, member: true },
        { from: 3, to: 7, hard: false },
      ],
      1,
    );
    const deep = change('deep', 0, 10, [6]);
    const other = change('other', 0, 10, [3]);
    const soft = change('soft', 0, 10, [7]);
    expect(kinds(conflictsIn([deep, other], [], estate, 0, 10))).toEqual([
      ['COMBINED_IMPACT', 'deep+other', 0, 10],
    ]);
    // Through the SOFT edge member 3 is only degraded: the group keeps one member up.
    expect(conflictsIn([deep, soft], [], estate, 0, 10)).toEqual([]);
  });

  it('a retired target takes nothing down, so it conflicts with nothing', () => {
    const estate = groupEstate(1, 2, [3]);
    // Member 3 is retired: the pair has one member, and losing 2 is losing the pair, alone.
    const found = conflictsIn(
      [change('a', 0, 10, [2]), change('b', 0, 10, [3])],
      [],
      estate,
      0,
      10,
    );
    expect(kinds(found)).toEqual([]);
  });

  it('two overlapping changes that touch one component are SAME_COMPONENT, whatever their effect', () => {
    const estate = groupEstate(1, 2);
    const found = conflictsIn(
      [change('a', 0, 10, [2], 'NONE'), change('b', 5, 15, [2, 3], 'NONE')],
      [],
      estate,
      0,
      20,
    );
    expect(kinds(found)).toEqual([['SAME_COMPONENT', 'a+b', 5, 10]]);
  });

  it('a change leaving a service not OK during its blackout window is BLACKOUT; elsewhere it is not', () => {
    const estate = new Estate([{}, {}, {}], [{ from: 0, to: 2 }], 2); // services 0 and 1; CI 2
    const a = change('a', 0, 10, [2]);
    const on0: Blackout = { id: 'lianghui', start: 5, end: 20, services: new Set([0]) };
    const on1: Blackout = { id: 'gaokao', start: 0, end: 20, services: new Set([1]) };
    const everything: Blackout = { id: 'year-end', start: 8, end: 9, services: null };
    const found = conflictsIn([a], [on0, on1], estate, 0, 20);
    expect(kinds(found)).toEqual([['BLACKOUT', 'a', 5, 10]]);
    expect(found[0]!.blackouts).toEqual(['lianghui']);
    expect(found[0]!.services).toEqual([{ service: 0, stateAlone: DOWN, stateCombined: DOWN }]);
    expect(kinds(conflictsIn([a], [everything], estate, 0, 20))).toEqual([['BLACKOUT', 'a', 8, 9]]);
    expect(conflictsIn([change('n', 0, 10, [2], 'NONE')], [on0], estate, 0, 20)).toEqual([]);
  });

  it('reports a conflict that spans several intervals once, over their union', () => {
    const estate = groupEstate(1, 2);
    // c opens and closes inside a and b's overlap: the pair's conflict goes on unchanged.
    const changes = [
      change('a', 0, 10, [2], 'NONE'),
      change('b', 0, 10, [2], 'NONE'),
      change('c', 3, 6, [1], 'NONE'),
    ];
    expect(kinds(conflictsIn(changes, [], estate, 0, 10))).toEqual([
      ['SAME_COMPONENT', 'a+b', 0, 10],
    ]);
  });

  it('agrees with a naive reference that judges every boundary instant on its own', () => {
    fc.assert(
      fc.property(
        fc.record({
          groups: fc.array(
            fc.record({ k: fc.integer({ min: 1, max: 3 }), n: fc.integer({ min: 1, max: 4 }) }),
            {
              minLength: 1,
              maxLength: 3,
            },
          ),
          // About one component in eight retired.
          retired: fc.array(
            fc.nat(7).map((x) => x === 0),
            { minLength: 12, maxLength: 12 },
          ),
          // Extra edges among the non-service components: HARD and SOFT chains, MEMBER edges
          // that nest groups, and cycles.
          extra: fc.array(
            fc.record({
              from: fc.nat(),
              to: fc.nat(),
              kind: fc.constantFrom('HARD', 'SOFT', 'MEMBER'),
            }),
            { maxLength: 6 },
          ),
          changes: fc.array(
            fc.record({
              start: fc.integer({ min: 0, max: 20 }),
              length: fc.integer({ min: 1, max: 10 }),
              targets: fc.array(
                fc.record({
                  pick: fc.nat(),
                  effect: fc.constantFrom<TargetEffect>('DOWN', 'DOWN', 'DEGRADED', 'NONE'),
                }),
                { minLength: 1, maxLength: 3 },
              ),
            }),
            { minLength: 1, maxLength: 6 },
          ),
          blackouts: fc.array(
            fc.record({
              start: fc.integer({ min: 0, max: 25 }),
              length: fc.integer({ min: 1, max: 8 }),
              all: fc.boolean(),
            }),
            { maxLength: 2 },
          ),
        }),
        ({ groups, retired, extra, changes, blackouts }) => {
          // One service per group, each on its group; members numbered after all of them.
          const components: ComponentSpec[] = [];
          const edges: EdgeSpec[] = [];
          const services = groups.length;
          groups.forEach(() => components.push({}));
          groups.forEach((g, i) => {
            const group = components.length;
            components.push({ minMembersUp: Math.min(g.k, g.n) });
            edges.push({ from: i, to: group });
            for (let m = 0; m < g.n; m++) {
              const member = components.length;
              components.push({ retired: retired[member % retired.length]! });
              edges.push({ from: group, to: member, member: true });
            }
          });
          const inner = components.length - services;
          for (const e of extra) {
            const from = services + (e.from % inner);
            const to = services + (e.to % inner);
            if (from === to) continue;
            if (e.kind === 'MEMBER' && components[from]!.minMembersUp === undefined) continue;
            edges.push({ from, to, member: e.kind === 'MEMBER', hard: e.kind !== 'SOFT' });
          }
          const estate = new Estate(components, edges, services);
          const scheduled = changes.map((c, i) =>
            change(`c${i}`, c.start, c.start + c.length, [], 'NONE'),
          );
          changes.forEach((c, i) => {
            scheduled[i] = {
              ...scheduled[i]!,
              targets: c.targets.map((t) => ({
                node: services + (t.pick % (components.length - services)),
                effect: t.effect,
              })),
            };
          });
          const windows: Blackout[] = blackouts.map((b, i) => ({
            id: `b${i}`,
            start: b.start,
            end: b.start + b.length,
            services: b.all ? null : new Set([0]),
          }));
          expect(conflictsIn(scheduled, windows, estate, 0, 40)).toEqual(
            naive(scheduled, windows, estate, 0, 40),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

/**
 * The reference: every boundary instant judged on its own, from scratch (no caching, no sweep):
 * the set open at that instant, each change's services alone, the whole set, the blackouts open.
 */
function naive(
  changes: ScheduledChange[],
  blackouts: Blackout[],
  topology: ConflictTopology,
  from: number,
  to: number,
): Conflict[] {
  const bounds = new Set([from, to]);
  for (const w of [...changes, ...blackouts])
    for (const t of [w.start, w.end]) if (t > from && t < to) bounds.add(t);
  const times = [...bounds].sort((a, b) => a - b);
  const servicesUnder = (targets: ScheduledChange['targets']) => {
    const live = targets.filter((t) => !topology.retired(t.node));
    const failed = [...new Set(live.filter((t) => t.effect === 'DOWN').map((t) => t.node))];
    const degraded = [
      ...new Set(
        live.filter((t) => t.effect === 'DEGRADED' && !failed.includes(t.node)).map((t) => t.node),
      ),
    ];
    const out = new Map<number, State>();
    if (failed.length + degraded.length === 0) return out;
    for (const [n, s] of propagate(topology, failed, degraded).states)
      if (topology.isService(n) && s !== OK) out.set(n, s);
    return out;
  };
  const all: Conflict[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const [start, end] = [times[i]!, times[i + 1]!];
    const open = changes
      .filter((c) => c.start <= start && start < c.end)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const openBlackouts = blackouts.filter((b) => b.start <= start && start < b.end);
    for (let x = 0; x < open.length; x++)
      for (let y = x + 1; y < open.length; y++)
        if (open[x]!.targets.some((t) => open[y]!.targets.some((u) => u.node === t.node)))
          all.push({
            kind: 'SAME_COMPONENT',
            changes: [open[x]!.id, open[y]!.id].sort(),
            start,
            end,
            services: [],
            blackouts: [],
          });
    if (open.length > 1) {
      const combined = servicesUnder(open.flatMap((c) => c.targets));
      const worse = [...combined]
        .map(([service, stateCombined]) => ({
          service,
          stateAlone: Math.max(
            OK,
            ...open.map((c) => servicesUnder(c.targets).get(service) ?? OK),
          ) as State,
          stateCombined,
        }))
        .filter((s) => s.stateCombined > s.stateAlone)
        .sort((a, b) => a.service - b.service);
      if (worse.length > 0)
        all.push({
          kind: 'COMBINED_IMPACT',
          changes: open.map((c) => c.id).sort(),
          start,
          end,
          services: worse,
          blackouts: [],
        });
    }
    for (const c of open) {
      const hit = [...servicesUnder(c.targets)]
        .filter(([service]) =>
          openBlackouts.some((b) => b.services === null || b.services.has(service)),
        )
        .map(([service, state]) => ({ service, stateAlone: state, stateCombined: state }))
        .sort((a, b) => a.service - b.service);
      if (hit.length > 0) {
        const ids = openBlackouts
          .filter((b) => hit.some((h) => b.services === null || b.services.has(h.service)))
          .map((b) => b.id)
          .sort();
        all.push({ kind: 'BLACKOUT', changes: [c.id], start, end, services: hit, blackouts: ids });
      }
    }
  }
  // The same conflict over adjacent intervals is one.
  const out: Conflict[] = [];
  for (const c of all) {
    const same = out.find(
      (o) =>
        o.end === c.start &&
        JSON.stringify([o.kind, o.changes, o.blackouts, o.services]) ===
          JSON.stringify([c.kind, c.changes, c.blackouts, c.services]),
    );
    if (same) same.end = c.end;
    else out.push({ ...c });
  }
  return out.sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));
}
