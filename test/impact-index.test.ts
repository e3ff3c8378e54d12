import { cmdbRepository, TOPOLOGY_CHANGE_MAX_IDS } from '../src/modules/cmdb/repository.js';
import { GraphWalkSource } from '../src/modules/impact/graph-walk.js';
import { ImpactService } from '../src/modules/impact/service.js';
import { factories } from './support/factories.js';
import { callerOf, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.loadDemo();
});
afterAll(() => t.close());

const UNLINK_14_FROM_13 = `mutation { removeDependency(fromId: "printer-14", toId: "printer-13", kind: CONNECTS_TO) }`;
/** Removes the edge printer-14 → printer-13 if a test left it (a failed expectation skips the rest). */
const unlink14 = () => t.gql(UNLINK_14_FROM_13);

describe('the in-memory topology index', () => {
  const actor = { id: 'test', roles: ['ADMIN'] };
  const analyzeWith = (input: { failed: string[]; maxDepth?: number }) =>
    t.app.services.impact.analyze(callerOf(t.app, actor), input);
  const shape = (r: Awaited<ReturnType<typeof analyzeWith>>) => ({
    impacts: r.impacts.map((i) => [i.subjectId, i.state, i.distance]).sort(),
    absorbed: r.absorbed.sort((a, b) => a.groupId.localeCompare(b.groupId)),
    truncated: r.truncated,
  });

  // The walk over Neo4j itself, with no in-memory copy: what every answer must equal.
  const walkNeo4j = (input: { failed: string[]; maxDepth?: number }) =>
    new ImpactService(t.app.executor, new GraphWalkSource(t.app.executor)).analyze(
      callerOf(t.app, actor),
      input,
    );
  const holder = () => t.app.services.impact.topologyIndex!;

  it('answers exactly as the Neo4j walk, and catches up after CMDB writes from the change records alone', async () => {
    const cases = [
      { failed: ['core-ext-1', 'core-ext-2'] },
      { failed: ['pwr-room-a-feed1'] },
      { failed: ['cl-ext'] },
      { failed: ['grp-core-int'], maxDepth: 2 },
      { failed: ['printer-15'] },
      { failed: ['cl-ext-esx01'] },
    ];
    const compare = async () => {
      for (const input of cases) {
        const memory = await analyzeWith(input);
        expect(memory.source).toBe('memory');
        const graph = await walkNeo4j(input);
        expect(graph.source).toBe('graph');
        expect(shape(memory)).toEqual(shape(graph));
      }
    };
    await holder().rebuild();
    await compare();
    const { builds, catchUps } = holder().stats;
    try {
      // Each write bumps the version and lists what it changed; the copy catches up on the next
      // analysis and is never read again in full.
      const writes = [
        `mutation { addDependency(input: { fromId: "printer-16", toId: "printer-15", kind: CONNECTS_TO, strength: SOFT }) { kind } }`,
        `mutation { createConfigurationItem(input: { id: "ci-new-ups", name: "新UPS", ciClass: "PowerSupply", environment: PRODUCTION, criticality: LOW }) { id } }`,
        `mutation { addDependency(input: { fromId: "printer-15", toId: "ci-new-ups" }) { kind } }`,
        `mutation { removeDependency(fromId: "printer-16", toId: "printer-15", kind: CONNECTS_TO) }`,
      ];
      for (const w of writes) {
        await t.ok(w);
        await compare();
      }
      // Retiring one host of a cluster changes the cluster's count of members.
      const host = await t.ok(`{ configurationItem(id: "cl-ext-esx02") { version } }`);
      await t.ok(
        `mutation($v: Int!) { retireConfigurationItem(id: "cl-ext-esx02", expectedVersion: $v) { id } }`,
        { v: host.configurationItem.version },
      );
      await compare();
      expect(holder().stats.builds).toBe(builds);
      expect(holder().stats.catchUps).toBeGreaterThanOrEqual(catchUps + writes.length + 1);
      expect(
        (await analyzeWith({ failed: ['ci-new-ups'] })).impacts.map((i) => i.subjectId),
      ).toEqual(expect.arrayContaining(['ci-new-ups', 'printer-15']));
    } finally {
      // The demo estate as it was: the new UPS out of the graph, the host back in its cluster.
      await t.gql(
        `mutation { removeDependency(fromId: "printer-15", toId: "ci-new-ups", kind: DEPENDS_ON) }`,
      );
      await t.gql(
        `mutation { removeDependency(fromId: "printer-16", toId: "printer-15", kind: CONNECTS_TO) }`,
      );
      const ups = await t.gql<any>(`{ configurationItem(id: "ci-new-ups") { version status } }`);
      if (ups.data?.configurationItem && ups.data.configurationItem.status !== 'RETIRED')
        await t.ok(
          `mutation($v: Int!) { retireConfigurationItem(id: "ci-new-ups", expectedVersion: $v) { id } }`,
          {
            v: ups.data.configurationItem.version,
          },
        );
      const esx = await t.ok(`{ configurationItem(id: "cl-ext-esx02") { version status } }`);
      if (esx.configurationItem.status === 'RETIRED')
        await t.ok(
          `mutation($v: Int!) { updateConfigurationItem(id: "cl-ext-esx02", expectedVersion: $v, input: { status: ACTIVE }) { id } }`,
          { v: esx.configurationItem.version },
        );
    }
  });

  it('reads the graph again in full after a change too large to list', async () => {
    await holder().rebuild();
    const { builds, catchUps } = holder().stats;
    await t.app.executor.writeTx('bulk', (tx) =>
      cmdbRepository.bumpTopology(
        tx,
        Array.from({ length: TOPOLOGY_CHANGE_MAX_IDS + 1 }, (_, i) => `x-${i}`),
      ),
    );
    // The copy cannot catch up: this analysis walks Neo4j, and a full read starts.
    expect((await analyzeWith({ failed: ['printer-15'] })).source).toBe('graph');
    await holder().rebuild(); // (the one that started, or another if it has ended)
    expect(holder().stats.builds).toBeGreaterThan(builds);
    expect(holder().stats.catchUps).toBe(catchUps);
    expect((await analyzeWith({ failed: ['printer-15'] })).source).toBe('memory');
  });

  it('sees a write made by another instance at once', async () => {
    await holder().rebuild();
    expect((await analyzeWith({ failed: ['printer-13'] })).source).toBe('memory');
    // Another instance writes straight to Neo4j through its own service: only the version tells.
    const other = await startTestApp();
    try {
      try {
        await factories(other).dependency('printer-14', 'printer-13', 'CONNECTS_TO');
      } finally {
        await other.close();
      }
      const r = await analyzeWith({ failed: ['printer-13'] });
      expect(r.source).toBe('memory');
      expect(r.impacts.map((i) => i.subjectId)).toContain('printer-14');
      await t.ok(UNLINK_14_FROM_13);
      expect(
        (await analyzeWith({ failed: ['printer-13'] })).impacts.map((i) => i.subjectId),
      ).toEqual(['printer-13']);
    } finally {
      await unlink14();
    }
  });

  it("with IMPACT_INDEX_MAX_AGE_MS, answers inside the bound with no round trip, sees its own writes at once and other instances' within the bound, and checks in the background", async () => {
    const bounded = await startTestApp({ IMPACT_INDEX_MAX_AGE_MS: '1500' });
    const other = await startTestApp();
    const link = (app: TestApp, op: 'add' | 'remove') =>
      op === 'add'
        ? factories(app).dependency('printer-14', 'printer-13', 'CONNECTS_TO')
        : app.ok(UNLINK_14_FROM_13);
    const { impact } = bounded.app.services;
    const { executor } = bounded.app;
    const dependents = async () => {
      const r = await impact.analyze(callerOf(bounded.app, actor), { failed: ['printer-13'] });
      return { source: r.source, ids: r.impacts.map((i) => i.subjectId) };
    };
    const holder = impact.topologyIndex!;
    try {
      await holder.rebuild();
      // Without its background checks first, so that every round trip here is an analysis's.
      holder.stop();
      expect((await dependents()).source).toBe('memory'); // this one checks the version
      const sent = executor.queryCount;
      expect(await dependents()).toEqual({ source: 'memory', ids: ['printer-13'] });
      expect(executor.queryCount).toBe(sent); // inside the bound: no round trip at all

      // Its own write: the very next analysis checks, finds the copy stale and catches it up.
      await link(bounded, 'add');
      const own = await dependents();
      expect(own.source).toBe('memory');
      expect(own.ids).toContain('printer-14');

      // Another instance's write: not seen inside the bound, seen once it has passed.
      await link(other, 'remove');
      expect((await dependents()).ids).toContain('printer-14');
      await waitFor("the other instance's write to be seen past the bound", async () => {
        const r = await dependents();
        return r.source === 'memory' && r.ids.join() === 'printer-13';
      });

      // With the background checks (every 750 ms here), a quiet spell longer than the bound
      // still finds a check inside it: the analysis waits for none. Three checks with no
      // analysis between them span more than the bound.
      holder.start();
      const polls = holder.stats.polls;
      await waitFor('three background checks', () => holder.stats.polls >= polls + 3);
      const answered = holder.stats.fresh;
      expect((await dependents()).source).toBe('memory');
      expect(holder.stats.fresh).toBe(answered + 1);
    } finally {
      await other.close();
      await bounded.close();
      await unlink14();
    }
  });

  it('never takes a copy from before the database was emptied for the graph loaded since', async () => {
    await factories(t).dependency('printer-14', 'printer-13', 'CONNECTS_TO');
    await holder().rebuild();
    expect(
      (await analyzeWith({ failed: ['printer-13'] })).impacts.map((i) => i.subjectId),
    ).toContain('printer-14');
    // Emptied and loaded again: the version starts over, below the copy's, in a new epoch.
    await t.loadDemo();
    const r = await analyzeWith({ failed: ['printer-13'] });
    expect(r.impacts.map((i) => i.subjectId)).toEqual(['printer-13']);
    await holder().rebuild();
    expect((await analyzeWith({ failed: ['printer-13'] })).impacts.map((i) => i.subjectId)).toEqual(
      ['printer-13'],
    );
  });
});
