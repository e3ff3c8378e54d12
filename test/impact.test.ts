import { stateOf } from './support/demo.js';
import { errorOf } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

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
    const retired = await t.ok(
      `mutation { retireConfigurationItem(id: "printer-01", expectedVersion: 1) { version } }`,
    );
    try {
      const r = await analyze({ failed: ['core-int-1', 'core-int-2'] });
      expect(stateOf(r, 'printer-02')).toBe('DOWN');
      expect(stateOf(r, 'printer-01')).toBe('OK');
    } finally {
      await t.ok(
        `mutation($v: Int!) { updateConfigurationItem(id: "printer-01", expectedVersion: $v, input: { status: ACTIVE }) { id } }`,
        { v: retired.retireConfigurationItem.version },
      );
    }
  });

  it('answers NOT_FOUND for an unknown id, BAD_USER_INPUT for a bad depth, LIMIT_EXCEEDED for too many ids', async () => {
    const unknown = await t.gql(ANALYZE, { i: { failed: ['no-such-ci'] } });
    expect(errorOf(unknown)).toMatchObject({
      code: 'NOT_FOUND',
      ids: ['no-such-ci'],
    });
    const depth = await t.gql(ANALYZE, { i: { failed: ['core-ext-1'], maxDepth: 1000 } });
    expect(errorOf(depth)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'maxDepth',
    });
    const many = await t.gql(ANALYZE, {
      i: { failed: Array.from({ length: 1001 }, (_, i) => `x-${i}`) },
    });
    expect(errorOf(many)).toMatchObject({
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
    expect(errorOf(await t.gql(GRAPH, { id: 'nope' })).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(GRAPH, { id: 'svc-ss-card', depth: 11 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'maxDepth',
    });
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
    expect(errorOf(await t.gql(RCA, { s: ['nope'] })).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(RCA, { s: [] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'symptoms',
    });
    expect(errorOf(await t.gql(RCA, { s: ['svc-hpf'], limit: 0 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'limit',
    });
    const many = Array.from({ length: 1001 }, (_, i) => `x-${i}`);
    expect(errorOf(await t.gql(RCA, { s: many })).code).toBe('LIMIT_EXCEEDED');
  });
});
