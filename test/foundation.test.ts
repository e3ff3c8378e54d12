import { errorOf } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CONTRACT_CLASSES = [
  'Hardware',
  'Server',
  'PhysicalServer',
  'VirtualMachine',
  'Hypervisor',
  'Storage',
  'NetworkDevice',
  'Switch',
  'Router',
  'LoadBalancer',
  'SecurityDevice',
  'Firewall',
  'Software',
  'OperatingSystem',
  'Database',
  'Middleware',
  'Application',
  'Facility',
  'DataCenter',
  'Room',
  'Rack',
  'PowerSupply',
  'Cluster',
  'NetworkLink',
];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.reset();
});
afterAll(() => t.close());

describe('the foundation slice, HTTP → resolver → service → repository → Neo4j', () => {
  it('answers health and readiness as JSON', async () => {
    const base = t.app.url.replace('/graphql', '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', auth: 'dev' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      checks: { neo4j: true, migrations: true },
    });
  });

  it('serves the seeded class taxonomy with the class names clients rely on', async () => {
    const data = await t.ok<{
      ciClasses: { name: string; parent: { name: string } | null; abstract: boolean }[];
    }>('{ ciClasses { name abstract parent { name } } }');
    const names = data.ciClasses.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(CONTRACT_CLASSES));
    expect(data.ciClasses.find((c) => c.name === 'PhysicalServer')).toEqual({
      name: 'PhysicalServer',
      abstract: false,
      parent: { name: 'Server' },
    });
  });

  it('creates a CI and reads it back by id, through node(id) and in a page', async () => {
    const created = await t.ok<{
      createConfigurationItem: { id: string; version: number; createdAt: string };
    }>(
      `mutation { createConfigurationItem(input: { id: "ci-core-sw-01", name: "核心交换机-01 Core switch", ciClass: "Switch",
         criticality: CRITICAL, tags: ["core", "电子政务外网"] }) { id version createdAt } }`,
    );
    expect(created.createConfigurationItem).toMatchObject({ id: 'ci-core-sw-01', version: 1 });
    expect(Date.parse(created.createConfigurationItem.createdAt)).not.toBeNaN();

    const read =
      await t.ok(`{ configurationItem(id: "ci-core-sw-01") { name ciClass status environment criticality tags }
      node(id: "ci-core-sw-01") { __typename id } }`);
    expect(read).toEqual({
      configurationItem: {
        name: '核心交换机-01 Core switch',
        ciClass: 'Switch',
        status: 'ACTIVE',
        environment: 'PRODUCTION',
        criticality: 'CRITICAL',
        tags: ['core', '电子政务外网'],
      },
      node: { __typename: 'ConfigurationItem', id: 'ci-core-sw-01' },
    });
  });

  it('pages CIs as a Relay connection with a stable cursor and a total', async () => {
    // Its own four CIs in an empty CMDB (it used to count the one the test above creates).
    await t.reset();
    for (const n of ['A-srv', 'B-srv', 'C-srv', 'D-srv']) {
      await t.ok(
        `mutation { createConfigurationItem(input: { name: "${n}", ciClass: "PhysicalServer" }) { id } }`,
      );
    }
    const q = `query($after: String) { configurationItems(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }`;
    const p1 = (await t.ok(q)).configurationItems;
    expect(p1.totalCount).toBe(4);
    expect(p1.edges.map((e: any) => e.node.name)).toEqual(['A-srv', 'B-srv']);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await t.ok(q, { after: p1.pageInfo.endCursor })).configurationItems;
    expect(p2.edges.map((e: any) => e.node.name)).toEqual(['C-srv', 'D-srv']);
    expect(p2.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects an abstract class with BAD_USER_INPUT on ciClass, and writes nothing', async () => {
    const res = await t.gql(
      `mutation { createConfigurationItem(input: { id: "ci-bad", name: "x", ciClass: "Server" }) { id } }`,
    );
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ciClass' });
    expect((await t.ok(`{ node(id: "ci-bad") { id } }`)).node).toBeNull();
  });

  it('rejects a page larger than 200 with BAD_USER_INPUT on first', async () => {
    const res = await t.gql(`{ configurationItems(first: 201) { totalCount } }`);
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('answers a malformed query with BAD_USER_INPUT and HTTP 400', async () => {
    const res = await t.gql(`{ configurationItems(first: 1) { nope } }`);
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('BAD_USER_INPUT');
  });
});

describe('the executor', () => {
  it('sends a single read as one auto-commit query, and refuses a second query in it', async () => {
    const executor = t.app.executor;
    const before = executor.queryCount;
    const [row] = await executor.read('system/topology-version');
    expect(typeof row!.version).toBe('number');
    expect(executor.queryCount - before).toBe(1);
    await expect(
      executor.readSingle('twoQueries', async (tx) => {
        await tx.run('system/topology-version');
        return tx.run('system/topology-version');
      }),
    ).rejects.toThrow(/runs one query/);
  });
});
