import fc from 'fast-check';
import { assetOf } from './asset-columns.js';
import { propagate } from './propagation.js';
import type { TopologyRow } from './repository.js';
import { ServiceModelCache } from './topology-holder.js';
import { TopologyIndex } from './topology-index.js';

/** What the engine can see of a copy, by component id: equal views answer every analysis alike. */
function view(index: TopologyIndex) {
  const components: Record<string, unknown> = {};
  for (let n = 0; n < index.size; n++) {
    const incoming: string[] = [];
    index.forEachIncoming(n, (from, member, hard) =>
      incoming.push(`${index.idOf(from)}:${member ? 'M' : ''}${hard ? 'H' : 'S'}`),
    );
    components[index.idOf(n)] = {
      node: index.find(index.idOf(n)) === n,
      service: index.isService(n),
      retired: index.retired(n),
      k: index.minMembersUp(n),
      members: index.memberCount(n),
      incoming: incoming.sort(),
    };
  }
  return { size: index.size, edges: index.edgeCount, components };
}

/** The states an analysis of `failed` gives, by component id. */
function statesOf(index: TopologyIndex, failed: string[]) {
  const nodes = failed.map((id) => index.find(id)!);
  const { states } = propagate(index, nodes, []);
  return Object.fromEntries([...states].map(([n, s]) => [index.idOf(n), s]));
}

/** The asset ledger a copy holds: every CI's facts and whether it has dependencies, by id. */
function ledgerOf(index: TopologyIndex) {
  const cis: Record<string, unknown> = {};
  index.forEachAsset((facts, node) => {
    cis[index.idOf(node)] = { ...facts, linked: index.hasDependencies(node) };
  });
  return cis;
}

/** The ledger the rows of a graph state: each CI's decoded facts, linked when an edge touches it. */
function expectedLedger(rows: TopologyRow[]) {
  const linked = new Set(
    rows.flatMap((r) => (r.out.length ? [r.id, ...r.out.map(([to]) => to)] : [])),
  );
  const cis: Record<string, unknown> = {};
  for (const r of rows) if (r.asset) cis[r.id] = { ...assetOf(r.asset), linked: linked.has(r.id) };
  return cis;
}

const row = (
  id: string,
  out: TopologyRow['out'] = [],
  extra: Partial<TopologyRow> = {},
): TopologyRow => ({ id, service: false, retired: false, minMembersUp: null, out, ...extra });

/** A 1-of-2 group `pair` of `a` and `b`. */
const pairOfAB = () => [
  row(
    'pair',
    [
      ['a', true, true],
      ['b', true, true],
    ],
    { minMembersUp: 1 },
  ),
  row('a'),
  row('b'),
];

describe('TopologyIndex.withChanges', () => {
  it('moves an edge, retires a member and adds a component, as a full read of the result would', () => {
    // app -> pair (1 of 2) -> {a, b}; web -> app
    const before = [
      row('app', [['pair', false, true]]),
      ...pairOfAB(),
      row('web', [['app', false, true]], { service: true }),
    ];
    const index = TopologyIndex.fromRows(1, before);
    // One member down of a 1-of-2 pair: the pair is degraded, and so is what needs it.
    expect(statesOf(index, ['a'])).toEqual({ a: 2, pair: 1, app: 1, web: 1 });

    // b is retired (the pair is left with one member), web now needs a new gateway, not app.
    const changed = [
      row('b', [], { retired: true }),
      row('web', [['gw', false, true]], { service: true }),
      row('gw', [['a', false, false]]),
    ];
    const after = TopologyIndex.fromRows(2, [
      ...before.filter((r) => r.id !== 'b' && r.id !== 'web'),
      ...changed,
    ]);
    const patched = index.withChanges(2, changed);
    expect(patched.version).toBe(2);
    expect(view(patched)).toEqual(view(after));
    expect(patched.memberCount(patched.find('pair')!)).toBe(1);
    // Now its last member: the pair and app go down; web needs only gw, which a needs SOFT.
    expect(statesOf(patched, ['a'])).toEqual({ a: 2, pair: 2, app: 2, gw: 1, web: 1 });
    // The copy it was made from is unchanged.
    expect(view(index)).toEqual(view(TopologyIndex.fromRows(1, before)));
    expect(statesOf(index, ['a'])).toEqual({ a: 2, pair: 1, app: 1, web: 1 });
  });

  it('drops the cached service models of the components that changed', () => {
    const index = TopologyIndex.fromRows(1, [
      row('s1', [], { service: true }),
      row('s2', [], { service: true }),
    ]);
    const model = { id: 's1' } as never;
    const cache = new ServiceModelCache();
    cache.modelsOf(index).set('s1', model);
    cache.modelsOf(index).set('s2', model);
    const patched = index.withChanges(2, [row('s1', [], { service: true })]);
    cache.carryOver(index, patched, ['s1']);
    expect([...cache.modelsOf(patched).keys()]).toEqual(['s2']);
    expect(cache.modelsOf(index).size).toBe(2);
  });

  // Random graphs, then one to three rounds of random changes (rewritten components, new ones,
  // ids that are not components): each patched copy must look like a full read of its graph.
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
  const rowOf = (id: string, targets: string[]) =>
    fc
      .record({
        service: fc.boolean(),
        retired: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
        minMembersUp: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 2 }),
        out: fc.array(
          fc.record({ to: fc.constantFrom(...targets), member: fc.boolean(), hard: fc.boolean() }),
          { maxLength: 4 },
        ),
        asset: fc.tuple(
          fc.constantFrom('Server', 'Switch'),
          fc.constantFrom('ACTIVE', 'RETIRED'),
          fc.option(fc.constantFrom('PRODUCTION', 'TEST')),
          fc.option(fc.constantFrom('HIGH', 'LOW')),
          fc.option(fc.constantFrom('机房A', 'B')),
          fc.option(fc.constantFrom('org-1', 'org-2')),
          fc.option(fc.constantFrom('sup-1')),
          fc.integer({ min: 0, max: 10 ** 9 }),
          fc.option(fc.constantFrom('2025-01-31', '2027-06-01')),
          fc.boolean(),
        ),
      })
      .map((r): TopologyRow => ({
        id,
        service: r.service,
        retired: r.retired,
        minMembersUp: r.minMembersUp,
        // MEMBER edges leave groups only, as the CMDB enforces.
        out: r.out.map((e) => [e.to, e.member && r.minMembersUp !== null, e.hard]),
        asset: r.service ? null : r.asset,
      }));
  const graphAndChanges = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.tuple(
      fc.tuple(...ids(n).map((id) => rowOf(id, ids(n)))),
      fc.array(
        fc.integer({ min: 0, max: 3 }).chain((extra) => {
          const all = ids(n + 3); // up to three new components over the rounds
          return fc.record({
            rewritten: fc.subarray(ids(n)),
            // Sometimes only flags change: a component keeps the edges it had.
            keepEdges: fc.boolean(),
            added: fc.constant(all.slice(n, n + extra)),
            rows: fc.tuple(...all.map((id) => rowOf(id, all))),
          });
        }),
        { minLength: 1, maxLength: 3 },
      ),
    ),
  );

  it('gives, after any sequence of changes, the copy a full read of the changed graph gives', () => {
    fc.assert(
      fc.property(graphAndChanges, ([initial, rounds]) => {
        const graph = new Map(initial.map((r) => [r.id, r]));
        let index = TopologyIndex.fromRows(1, initial);
        rounds.forEach((round, i) => {
          const changedIds = [...round.rewritten, ...round.added].filter(
            (id) => round.added.includes(id) || graph.has(id),
          );
          // A target that does not exist yet is created in the same round (as in the CMDB).
          const rows = changedIds.map((id) => round.rows.find((r) => r.id === id)!);
          for (const r of rows) {
            r.out =
              round.keepEdges && graph.has(r.id)
                ? graph.get(r.id)!.out
                : r.out.filter(([to]) => graph.has(to) || changedIds.includes(to));
            graph.set(r.id, r);
          }
          index = index.withChanges(i + 2, rows);
          const full = TopologyIndex.fromRows(i + 2, [...graph.values()]);
          expect(view(index)).toEqual(view(full));
          expect(ledgerOf(index)).toEqual(ledgerOf(full));
          expect(ledgerOf(index)).toEqual(expectedLedger([...graph.values()]));
          for (const id of graph.keys())
            expect(statesOf(index, [id])).toEqual(statesOf(full, [id]));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('does not reuse an analysis whose group lost a member it never reached, or that a dependent rejoined', () => {
    // pair (1 of 2) -> {a, b}; a fails. Retiring b, which the analysis of a never reaches, leaves
    // the pair one member: now a takes it down.
    const rows = [...pairOfAB()];
    const index = TopologyIndex.fromRows(1, rows);
    const before = propagate(index, [index.find('a')!], []);
    expect(statesOf(index, ['a'])).toEqual({ a: 2, pair: 1 });
    const patched = index.withChanges(2, [row('b', [], { retired: true })]);
    expect(statesOf(patched, ['a'])).toEqual({ a: 2, pair: 2 });
    expect(patched.answersAlike(index, before.states.nodes)).toBe(false);
    // Nor one that brings back a retired dependent whose edges stayed the same.
    const back = TopologyIndex.fromRows(1, [
      row('a'),
      row('app', [['a', false, true]], { retired: true }),
    ]);
    const reachedBack = propagate(back, [back.find('a')!], []).states.nodes;
    const unretired = back.withChanges(2, [row('app', [['a', false, true]])]);
    expect(statesOf(unretired, ['a'])).toEqual({ a: 2, app: 2 });
    expect(unretired.answersAlike(back, reachedBack)).toBe(false);
    // A change elsewhere leaves it standing.
    const elsewhere = index.withChanges(2, [row('c', [['b', false, true]])]);
    expect(elsewhere.answersAlike(index, before.states.nodes)).toBe(true);
  });

  it('says an analysis answers alike on the patched copy only when it does', () => {
    let alike = 0;
    let differ = 0;
    fc.assert(
      fc.property(graphAndChanges, fc.nat(), ([initial, [round]], pick) => {
        const graph = new Map(initial.map((r) => [r.id, r]));
        const index = TopologyIndex.fromRows(1, initial);
        const changedIds = [...round!.rewritten, ...round!.added];
        const rows = changedIds.map((id) => round!.rows.find((r) => r.id === id)!);
        for (const r of rows)
          r.out =
            round!.keepEdges && graph.has(r.id)
              ? graph.get(r.id)!.out
              : r.out.filter(([to]) => graph.has(to) || changedIds.includes(to));
        const patched = index.withChanges(2, rows);
        const failed = initial[pick % initial.length]!.id;
        const before = propagate(index, [index.find(failed)!], []);
        if (patched.answersAlike(index, before.states.nodes)) {
          alike += 1;
          expect(statesOf(patched, [failed])).toEqual(statesOf(index, [failed]));
        } else differ += 1;
        // Only a patch of this very copy can say so.
        expect(index.answersAlike(patched, [])).toBe(false);
      }),
      { numRuns: 500 },
    );
    // Both answers came up often enough for the property to mean something.
    expect(alike).toBeGreaterThan(50);
    expect(differ).toBeGreaterThan(50);
  });
});
