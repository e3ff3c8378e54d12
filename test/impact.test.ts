import { cmdbRepository, TOPOLOGY_CHANGE_MAX_IDS } from '../src/modules/cmdb/repository.js';
import { GraphWalkSource } from '../src/modules/impact/graph-walk.js';
import { ImpactService } from '../src/modules/impact/service.js';
import { callerOf, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.loadDemo();
});
afterAll(() => t.close());

const ANALYZE = `query($i: ImpactAnalysisInput!) { impactAnalysis(input: $i) {
  summary { servicesDown servicesDegraded componentsDown componentsDegraded departmentsAffected truncated }
  services { service { id name } state distance via }
  departments { orgUnit { name } worstState services { id } }
  suppliers { supplier { id } components { id } }
  absorbed { group { id } membersDown membersTotal minMembersUp }
  impacts { subject { id } state distance via } } }`;
const analyze = async (input: Record<string, unknown>) =>
  (await t.ok(ANALYZE, { i: input })).impactAnalysis;
const stateOf = (r: any, id: string) =>
  r.impacts.find((i: any) => i.subject.id === id)?.state ?? 'OK';

describe('impactAnalysis over the demo estate', () => {
  it('losing both extranet core switches takes the extranet and the services on it down, and names departments and suppliers', async () => {
    const r = await analyze({ failed: ['core-ext-1', 'core-ext-2'] });
    expect(stateOf(r, 'grp-core-ext')).toBe('DOWN');
    const down = r.services.filter((s: any) => s.state === 'DOWN').map((s: any) => s.service.id);
    expect(down).toEqual(
      expect.arrayContaining(['svc-extranet', 'svc-ss-card', 'svc-hpf', 'svc-exchange']),
    );
    const ss = r.services.find((s: any) => s.service.id === 'svc-ss-card');
    expect(ss.via[0]).toMatch(/^core-ext-[12]$/);
    expect(ss.via.at(-1)).toBe('svc-ss-card');
    expect(ss.distance).toBe(ss.via.length - 1);
    const hrss = r.departments.find((d: any) => d.orgUnit.name === '市人力资源和社会保障局');
    expect(hrss.worstState).toBe('DOWN');
    expect(r.suppliers.map((s: any) => s.supplier.id)).toEqual(
      expect.arrayContaining(['sup-net', 'sup-app']),
    );
    expect(r.summary.servicesDown).toBe(down.length);
    expect(r.summary.truncated).toBe(false);
    // Services are ordered by state first: every DOWN one precedes every DEGRADED one.
    const states = r.services.map((s: any) => s.state);
    expect(states).toEqual(
      [...states].sort((a: string, b: string) => (a === b ? 0 : a === 'DOWN' ? -1 : 1)),
    );
  });

  it('one node of an HA pair failing is absorbed by the pair and reported, and nothing goes down', async () => {
    const r = await analyze({ failed: ['core-ext-1'] });
    expect(r.absorbed).toContainEqual({
      group: { id: 'grp-core-ext' },
      membersDown: 1,
      membersTotal: 2,
      minMembersUp: 1,
    });
    expect(r.summary.componentsDown).toBe(1);
    expect(r.summary.servicesDown).toBe(0);
    expect(stateOf(r, 'svc-extranet')).toBe('DEGRADED');
  });

  it('a power feed failure with the second feed alive takes nothing down: the dual feeds absorb it', async () => {
    const r = await analyze({ failed: ['pwr-room-a-feed1'] });
    expect(r.absorbed).toContainEqual({
      group: { id: 'pwrgrp-room-a' },
      membersDown: 1,
      membersTotal: 2,
      minMembersUp: 1,
    });
    expect(r.summary.componentsDown).toBe(1);
    expect(r.summary.servicesDown).toBe(0);
    const both = await analyze({ failed: ['pwr-room-a-feed1', 'pwr-room-a-feed2'] });
    expect(stateOf(both, 'rack-A03')).toBe('DOWN');
    expect(both.summary.servicesDown).toBeGreaterThan(0);
  });

  it('a SOFT dependency only degrades: the English portal down leaves the portal service DEGRADED', async () => {
    const r = await analyze({ failed: ['app-portal-en'] });
    expect(stateOf(r, 'svc-portal')).toBe('DEGRADED');
    expect(r.summary.servicesDown).toBe(0);
  });

  it('ignores retired components', async () => {
    await t.ok(
      `mutation { retireConfigurationItem(id: "printer-01", expectedVersion: 1) { status } }`,
    );
    const r = await analyze({ failed: ['core-int-1', 'core-int-2'] });
    expect(stateOf(r, 'printer-02')).toBe('DOWN');
    expect(stateOf(r, 'printer-01')).toBe('OK');
  });

  it('answers NOT_FOUND for an unknown id, BAD_USER_INPUT for a bad depth, LIMIT_EXCEEDED for too many ids', async () => {
    const unknown = await t.gql(ANALYZE, { i: { failed: ['no-such-ci'] } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      ids: ['no-such-ci'],
    });
    const depth = await t.gql(ANALYZE, { i: { failed: ['core-ext-1'], maxDepth: 1000 } });
    expect(depth.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'maxDepth',
    });
    const many = await t.gql(ANALYZE, {
      i: { failed: Array.from({ length: 1001 }, (_, i) => `x-${i}`) },
    });
    expect(many.errors?.[0]?.extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'maxInputIds',
    });
  });

  it('stops at maxDepth and says it was truncated', async () => {
    const r = await analyze({ failed: ['pwr-room-a-feed1', 'pwr-room-a-feed2'], maxDepth: 2 });
    expect(r.summary.truncated).toBe(true);
    expect(Math.max(...r.impacts.map((i: any) => i.distance))).toBeLessThanOrEqual(2);
  });
});

describe('dependencyGraph over the demo estate', () => {
  const GRAPH = `query($id: ID!, $d: DependencyDirection, $depth: Int, $k: [DependencyKind!]) {
    dependencyGraph(id: $id, direction: $d, maxDepth: $depth, kinds: $k) {
      root { id } truncated nodes { id name type ciClass depth } edges { from to kind strength } } }`;

  it('draws what a service needs, nearest first, with every edge between the drawn nodes', async () => {
    const g = (await t.ok(GRAPH, { id: 'svc-ss-card', depth: 2 })).dependencyGraph;
    expect(g.root).toEqual({ id: 'svc-ss-card' });
    const depthOf = (id: string) => g.nodes.find((n: any) => n.id === id)?.depth;
    expect(depthOf('svc-ss-card')).toBe(0);
    expect(depthOf('app-ss-card')).toBe(1);
    expect(depthOf('svc-extranet')).toBe(1);
    expect(depthOf('db-ss-oracle')).toBe(2);
    expect(g.edges).toContainEqual({
      from: 'svc-ss-card',
      to: 'app-ss-card',
      kind: 'HOSTED_ON',
      strength: 'HARD',
    });
    const ids = new Set(g.nodes.map((n: any) => n.id));
    for (const e of g.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
    expect(g.truncated).toBe(true);
  });

  it('walks dependents along the asked kinds only, and says when nothing was cut', async () => {
    const g = (
      await t.ok(GRAPH, { id: 'grp-core-ext', d: 'DEPENDENTS', depth: 1, k: ['HOSTED_ON'] })
    ).dependencyGraph;
    expect(g.nodes.map((n: any) => n.id).sort()).toEqual(['grp-core-ext', 'svc-extranet']);
    expect(g.nodes.find((n: any) => n.id === 'grp-core-ext')).toMatchObject({
      type: 'ConfigurationItem',
      ciClass: 'HAPair',
    });
    const leaf = (await t.ok(GRAPH, { id: 'reader-ss-01', d: 'DEPENDENTS', depth: 3 }))
      .dependencyGraph;
    expect(leaf).toMatchObject({ truncated: false, edges: [] });
  });

  it('answers NOT_FOUND for an unknown root and BAD_USER_INPUT for a depth over 10', async () => {
    expect((await t.gql(GRAPH, { id: 'nope' })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(
      (await t.gql(GRAPH, { id: 'svc-ss-card', depth: 11 })).errors?.[0]?.extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxDepth' });
  });
});

describe('single points of failure over the demo estate', () => {
  const SPOF = `query($id: ID!) { service(id: $id) { singlePointsOfFailure { id } } }`;
  const spofOf = async (id: string) =>
    (await t.ok(SPOF, { id })).service.singlePointsOfFailure.map((c: any) => c.id);

  it('names what the social security card service cannot lose, and leaves out what redundancy covers', async () => {
    const spof = await spofOf('svc-ss-card');
    // Its own chain, and the groups whose loss takes it down.
    expect(spof).toEqual(
      expect.arrayContaining([
        'app-ss-card',
        'mw-ss-card',
        'pool-ss-card',
        'db-ss-oracle',
        'grp-db-ss-oracle',
        'grp-core-ext',
        'cl-ext',
        'san-ext-01',
        'link-extranet-province',
      ]),
    );
    // One VM of the pool, one Oracle node, one core switch, one power feed, one load balancer: absorbed.
    for (const redundant of [
      'vm-ss-card-01',
      'db-ss-oracle-node1',
      'core-ext-1',
      'pwr-room-a-feed1',
      'lb-app-1',
    ])
      expect(spof).not.toContain(redundant);
  });

  it('agrees with impactAnalysis: each listed CI failing alone takes the service DOWN', async () => {
    const spof = await spofOf('svc-ss-card');
    for (const ci of spof.slice(0, 5)) {
      const r = await analyze({ failed: [ci] });
      expect(stateOf(r, 'svc-ss-card')).toBe('DOWN');
    }
    const r = await analyze({ failed: ['db-ss-oracle-node1'] });
    expect(stateOf(r, 'svc-ss-card')).not.toBe('DOWN');
  });

  it('resolves for a page of services in a bounded number of round trips', async () => {
    const before = t.app.executor.queryCount;
    const page = await t.ok(
      `{ services(first: 40) { edges { node { id singlePointsOfFailure { id } } } } }`,
    );
    expect(page.services.edges.length).toBeGreaterThan(20);
    // services + one upstream walk (a wave per level) + one entity batch, not one walk per service.
    expect(t.app.executor.queryCount - before).toBeLessThan(30);
  });
});

describe('rootCauseCandidates over the demo estate', () => {
  const RCA = `query($s: [ID!]!, $limit: Int) { rootCauseCandidates(symptoms: $s, limit: $limit) {
    ci { id } explains coverage collateral } }`;
  const rca = async (s: string[], limit?: number) =>
    (await t.ok(RCA, { s, limit })).rootCauseCandidates;

  it('for one failing service, puts the CIs only it needs first: full coverage, no collateral', async () => {
    const c = await rca(['svc-ss-card'], 5);
    expect(c[0]).toEqual({
      ci: { id: 'app-ss-card' },
      explains: ['svc-ss-card'],
      coverage: 1,
      collateral: 0,
    });
    expect(c.length).toBe(5);
  });

  it('for several failing services, ranks the shared extranet infrastructure by coverage, then collateral', async () => {
    const c = await rca(['svc-ss-card', 'svc-hpf', 'svc-extranet'], 10);
    expect(c[0].coverage).toBe(1);
    expect(c[0].explains.sort()).toEqual(['svc-extranet', 'svc-hpf', 'svc-ss-card']);
    expect(c.map((x: any) => x.ci.id)).toEqual(
      expect.arrayContaining(['grp-core-ext', 'link-extranet-province']),
    );
    for (let i = 1; i < c.length; i++) {
      expect(c[i].coverage).toBeLessThanOrEqual(c[i - 1].coverage);
      if (c[i].coverage === c[i - 1].coverage)
        expect(c[i].collateral).toBeGreaterThanOrEqual(c[i - 1].collateral);
    }
    // One core switch alone only degrades them; at equal coverage and collateral, the HA pair
    // that takes them down ranks first.
    const ids = c.map((x: any) => x.ci.id);
    expect(ids.indexOf('grp-core-ext')).toBeLessThan(ids.indexOf('core-ext-1'));
  });

  it('answers NOT_FOUND, BAD_USER_INPUT and LIMIT_EXCEEDED for bad questions', async () => {
    expect((await t.gql(RCA, { s: ['nope'] })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await t.gql(RCA, { s: [] })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'symptoms',
    });
    expect((await t.gql(RCA, { s: ['svc-hpf'], limit: 0 })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'limit',
    });
    const many = Array.from({ length: 1001 }, (_, i) => `x-${i}`);
    expect((await t.gql(RCA, { s: many })).errors?.[0]?.extensions.code).toBe('LIMIT_EXCEEDED');
  });
});

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
    expect((await analyzeWith({ failed: ['ci-new-ups'] })).impacts.map((i) => i.subjectId)).toEqual(
      expect.arrayContaining(['ci-new-ups', 'printer-15']),
    );
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
      await other.ok(
        `mutation { addDependency(input: { fromId: "printer-14", toId: "printer-13", kind: CONNECTS_TO }) { kind } }`,
      );
    } finally {
      await other.close();
    }
    const r = await analyzeWith({ failed: ['printer-13'] });
    expect(r.source).toBe('memory');
    expect(r.impacts.map((i) => i.subjectId)).toContain('printer-14');
    await t.ok(
      `mutation { removeDependency(fromId: "printer-14", toId: "printer-13", kind: CONNECTS_TO) }`,
    );
    expect((await analyzeWith({ failed: ['printer-13'] })).impacts.map((i) => i.subjectId)).toEqual(
      ['printer-13'],
    );
  });

  it("with IMPACT_INDEX_MAX_AGE_MS, answers inside the bound with no round trip, sees its own writes at once and other instances' within the bound, and checks in the background", async () => {
    const bounded = await startTestApp({ IMPACT_INDEX_MAX_AGE_MS: '1500' });
    const other = await startTestApp();
    const link = (app: TestApp, op: 'add' | 'remove') =>
      app.ok(
        op === 'add'
          ? `mutation { addDependency(input: { fromId: "printer-14", toId: "printer-13", kind: CONNECTS_TO }) { kind } }`
          : `mutation { removeDependency(fromId: "printer-14", toId: "printer-13", kind: CONNECTS_TO) }`,
      );
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
      // still finds a check inside it: the analysis waits for none.
      holder.start();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const answered = holder.stats.fresh;
      expect((await dependents()).source).toBe('memory');
      expect(holder.stats.fresh).toBe(answered + 1);
    } finally {
      await other.close();
      await bounded.close();
    }
  });

  it('never takes a copy from before the database was emptied for the graph loaded since', async () => {
    await t.ok(
      `mutation { addDependency(input: { fromId: "printer-14", toId: "printer-13", kind: CONNECTS_TO }) { kind } }`,
    );
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
