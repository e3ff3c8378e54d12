import fc from 'fast-check';
import { MemoryTopology, type ComponentSpec, type EdgeSpec } from './memory-topology.js';
import { DEGRADED, DOWN, OK, propagate, shortestChains, type State } from './propagation.js';

const run = (
  components: ComponentSpec[],
  edges: EdgeSpec[],
  failed: number[],
  degraded: number[] = [],
) => {
  const r = propagate(new MemoryTopology(components, edges), failed, degraded);
  return { state: (n: number) => r.states.get(n) ?? OK, ...r };
};
const plain = (n: number): ComponentSpec[] => Array.from({ length: n }, () => ({}));

describe('propagate on hand-made graphs', () => {
  it('follows a HARD chain all the way', () => {
    const r = run(
      plain(4),
      [
        { from: 1, to: 0 },
        { from: 2, to: 1 },
        { from: 3, to: 2 },
      ],
      [0],
    );
    expect([0, 1, 2, 3].map(r.state)).toEqual([DOWN, DOWN, DOWN, DOWN]);
  });

  it('turns DOWN into DEGRADED across a SOFT edge, and keeps DEGRADED across HARD ones above it', () => {
    const r = run(
      plain(3),
      [
        { from: 1, to: 0, hard: false },
        { from: 2, to: 1 },
      ],
      [0],
    );
    expect([0, 1, 2].map(r.state)).toEqual([DOWN, DEGRADED, DEGRADED]);
  });

  it('takes the worst of a diamond', () => {
    // 3 needs 1 (HARD) and 2 (SOFT); both need 0.
    const r = run(
      plain(4),
      [
        { from: 1, to: 0 },
        { from: 2, to: 0 },
        { from: 3, to: 1 },
        { from: 3, to: 2, hard: false },
      ],
      [0],
    );
    expect(r.state(3)).toBe(DOWN);
  });

  it('leaves a cycle with no failing input OK, and takes a whole cycle down from one failing input', () => {
    const cycle: EdgeSpec[] = [
      { from: 0, to: 1 },
      { from: 1, to: 2 },
      { from: 2, to: 0 },
    ];
    expect(run([...plain(4)], [...cycle], [3]).states.size).toBe(1);
    const r = run(plain(3), cycle, [1]);
    expect([0, 1, 2].map(r.state)).toEqual([DOWN, DOWN, DOWN]);
  });

  it('absorbs one failed member of a 1-of-2 pair, and goes down when both fail', () => {
    const comps: ComponentSpec[] = [{ minMembersUp: 1 }, {}, {}, {}];
    const edges: EdgeSpec[] = [
      { from: 0, to: 1, member: true },
      { from: 0, to: 2, member: true },
      { from: 3, to: 0 },
    ];
    const one = run(comps, edges, [1]);
    expect([0, 3].map(one.state)).toEqual([DEGRADED, DEGRADED]);
    expect(one.absorbed).toEqual([{ group: 0, membersDown: 1, membersTotal: 2, minMembersUp: 1 }]);
    const both = run(comps, edges, [1, 2]);
    expect([0, 3].map(both.state)).toEqual([DOWN, DOWN]);
    expect(both.absorbed).toEqual([]);
  });

  it('keeps a 2-of-3 group up with one member down and takes it down with two', () => {
    const comps: ComponentSpec[] = [{ minMembersUp: 2 }, {}, {}, {}];
    const edges: EdgeSpec[] = [1, 2, 3].map((m) => ({ from: 0, to: m, member: true }));
    expect(run(comps, edges, [1]).state(0)).toBe(DEGRADED);
    expect(run(comps, edges, [1, 3]).state(0)).toBe(DOWN);
  });

  it('takes a misconfigured group (k > m) down at its first failed member', () => {
    const r = run(
      [{ minMembersUp: 3 }, {}, {}],
      [
        { from: 0, to: 1, member: true },
        { from: 0, to: 2, member: true },
      ],
      [1],
    );
    expect(r.state(0)).toBe(DOWN);
  });

  it('degrades a group whose member is only degraded', () => {
    const r = run(
      [{ minMembersUp: 1 }, {}, {}],
      [
        { from: 0, to: 1, member: true },
        { from: 0, to: 2, member: true },
      ],
      [],
      [1],
    );
    expect(r.state(0)).toBe(DEGRADED);
  });

  it('ignores edges from and to retired components, and retired members', () => {
    const r = run(
      [{}, { retired: true }, {}],
      [
        { from: 1, to: 0 },
        { from: 2, to: 1 },
      ],
      [0],
    );
    expect([1, 2].map(r.state)).toEqual([OK, OK]);
    // A 1-of-2 group whose other member is retired has one member: losing it takes the group down.
    const g = run(
      [{ minMembersUp: 1 }, {}, { retired: true }],
      [
        { from: 0, to: 1, member: true },
        { from: 0, to: 2, member: true },
      ],
      [1],
    );
    expect(g.state(0)).toBe(DOWN);
  });

  it('stops at maxComponents and says so', () => {
    const edges = Array.from({ length: 9 }, (_, i) => ({ from: i + 1, to: i }));
    const r = propagate(new MemoryTopology(plain(10), edges), [0], [], { maxComponents: 4 });
    expect(r.states.size).toBe(4);
    expect(r.truncated).toBe(true);
  });

  it('finds a shortest chain through impacted components, input first', () => {
    const topology = new MemoryTopology(plain(5), [
      { from: 1, to: 0 },
      { from: 2, to: 1 },
      { from: 4, to: 2 },
      { from: 4, to: 0, hard: false },
      { from: 3, to: 4 },
    ]);
    const r = propagate(topology, [0], []);
    const chains = shortestChains(topology, r.states, [0]);
    const slot = r.states.slotOf(3)!;
    expect([chains.distanceAt(slot), chains.chainAt(slot).at(-2)]).toEqual([2, 4]);
    expect(chains.chainAt(slot)).toEqual([0, 4, 3]);
  });
});

/** The naive reference: evaluate every component from scratch until nothing changes. */
function reference(
  components: ComponentSpec[],
  edges: EdgeSpec[],
  failed: number[],
  degraded: number[],
): State[] {
  const live = (e: EdgeSpec) => !components[e.from]!.retired && !components[e.to]!.retired;
  const state: State[] = components.map((_, i) =>
    failed.includes(i) ? DOWN : degraded.includes(i) ? DEGRADED : OK,
  );
  for (let changed = true; changed;) {
    changed = false;
    components.forEach((c, n) => {
      let s: State = state[n]!;
      const out = edges.filter((e) => e.from === n && live(e));
      for (const e of out.filter((x) => !x.member)) {
        const d = state[e.to]!;
        s = Math.max(s, (e.hard ?? true) ? d : d >= DEGRADED ? DEGRADED : OK) as State;
      }
      if (c.minMembersUp != null) {
        const members = out.filter((x) => x.member).map((x) => state[x.to]!);
        const f = members.filter((x) => x === DOWN).length;
        if (f >= 1) s = Math.max(s, f > members.length - c.minMembersUp ? DOWN : DEGRADED) as State;
        if (members.some((x) => x === DEGRADED)) s = Math.max(s, DEGRADED) as State;
      }
      if (s !== state[n]) {
        state[n] = s;
        changed = true;
      }
    });
  }
  return state;
}

describe('propagate against the naive reference', () => {
  const graph = fc.integer({ min: 1, max: 14 }).chain((n) =>
    fc.record({
      components: fc.array(
        fc.record({
          retired: fc.integer({ min: 0, max: 7 }).map((x) => x === 0),
          minMembersUp: fc.option(fc.integer({ min: 1, max: 4 }), { freq: 3 }),
        }),
        { minLength: n, maxLength: n },
      ),
      edges: fc.array(
        fc.record({
          from: fc.nat(n - 1),
          to: fc.nat(n - 1),
          member: fc.boolean(),
          hard: fc.boolean(),
        }),
        { maxLength: n * 3 },
      ),
      failed: fc.array(fc.nat(n - 1), { maxLength: 3 }),
      degraded: fc.array(fc.nat(n - 1), { maxLength: 2 }),
    }),
  );

  it('computes the same least fixed point on random graphs', () => {
    fc.assert(
      fc.property(graph, ({ components, edges: raw, failed, degraded }) => {
        // Only groups have MEMBER edges; no self-edges; one edge per (from, to, member) pair.
        const seen = new Set<string>();
        const edges = raw.filter((e) => {
          const key = `${e.from}/${e.to}/${e.member}`;
          if (
            e.from === e.to ||
            seen.has(key) ||
            (e.member && components[e.from]!.minMembersUp == null)
          )
            return false;
          seen.add(key);
          return true;
        });
        const expected = reference(components, edges, failed, degraded);
        const topology = new MemoryTopology(components, edges);
        const r = propagate(topology, failed, degraded);
        expect(components.map((_, i) => r.states.get(i) ?? OK)).toEqual(expected);
        // The topology's working arrays are reused: a second call, on other inputs, starts clean,
        // and the chains traced between them do not disturb it.
        const chains = shortestChains(topology, r.states, [...failed, ...degraded]);
        for (const node of r.states.keys()) {
          const slot = r.states.slotOf(node)!;
          const chain = chains.chainAt(slot);
          // Input first, subject last, each step an edge between impacted components.
          expect([...failed, ...degraded]).toContain(chain[0]);
          expect(chain.at(-1)).toBe(node);
          expect(chain.length - 1).toBe(chains.distanceAt(slot));
          for (let i = 1; i < chain.length; i++) {
            expect(r.states.has(chain[i]!)).toBe(true);
            expect(edges.some((e) => e.from === chain[i] && e.to === chain[i - 1])).toBe(true);
          }
        }
        const again = propagate(topology, degraded, failed);
        expect(components.map((_, i) => again.states.get(i) ?? OK)).toEqual(
          reference(components, edges, degraded, failed),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
