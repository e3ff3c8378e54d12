import { factories, errorOf } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t);
});
beforeEach(() => t.reset());
afterAll(() => t.close());

const expectError = (...args: Parameters<ReturnType<typeof factories>['refused']>) =>
  f.refused(...args);

describe('dependencies', () => {
  const ADD = `mutation($i: AddDependencyInput!) { addDependency(input: $i) { kind strength from { id } to { id } } }`;
  beforeEach(async () => {
    await f.ci('app', 'Application');
    await f.ci('db', 'Database');
    await f.service('svc');
  });

  it('adds an edge with defaults and lists it from both ends', async () => {
    expect((await t.ok(ADD, { i: { fromId: 'app', toId: 'db' } })).addDependency).toEqual({
      kind: 'DEPENDS_ON',
      strength: 'HARD',
      from: { id: 'app' },
      to: { id: 'db' },
    });
    await t.ok(ADD, { i: { fromId: 'svc', toId: 'app', kind: 'HOSTED_ON', strength: 'SOFT' } });
    const d =
      await t.ok(`{ configurationItem(id: "app") { dependencies { totalCount edges { kind strength node { id __typename } } }
      dependents(kinds: [HOSTED_ON]) { totalCount edges { kind strength node { id __typename } } } } }`);
    expect(d.configurationItem).toEqual({
      dependencies: {
        totalCount: 1,
        edges: [
          {
            kind: 'DEPENDS_ON',
            strength: 'HARD',
            node: { id: 'db', __typename: 'ConfigurationItem' },
          },
        ],
      },
      dependents: {
        totalCount: 1,
        edges: [
          { kind: 'HOSTED_ON', strength: 'SOFT', node: { id: 'svc', __typename: 'Service' } },
        ],
      },
    });
  });

  it('answers CONFLICT for a duplicate, NOT_FOUND for a missing end, BAD_USER_INPUT for a self-edge or a MEMBER from a non-group', async () => {
    await t.ok(ADD, { i: { fromId: 'app', toId: 'db' } });
    await expectError(ADD, { i: { fromId: 'app', toId: 'db' } }, 'CONFLICT');
    await expectError(ADD, { i: { fromId: 'app', toId: 'ghost' } }, 'NOT_FOUND');
    await expectError(ADD, { i: { fromId: 'ghost', toId: 'db' } }, 'NOT_FOUND');
    await expectError(ADD, { i: { fromId: 'app', toId: 'app' } }, 'BAD_USER_INPUT', 'toId');
    await expectError(
      ADD,
      { i: { fromId: 'app', toId: 'db', kind: 'MEMBER' } },
      'BAD_USER_INPUT',
      'kind',
    );
    const d = await t.ok(`{ configurationItem(id: "app") { dependencies { totalCount } } }`);
    expect(d.configurationItem.dependencies.totalCount).toBe(1);
  });

  it('removes an edge and records LINK and UNLINK; removing it again is NOT_FOUND', async () => {
    await t.ok(ADD, { i: { fromId: 'app', toId: 'db' } });
    const rm = `mutation { removeDependency(fromId: "app", toId: "db", kind: DEPENDS_ON) }`;
    expect((await t.ok(rm)).removeDependency).toBe(true);
    await expectError(rm, {}, 'NOT_FOUND');
    const h = await t.ok(`{ history(entityId: "app") { edges { node { action } } } }`);
    expect(h.history.edges.map((e: any) => e.node.action)).toEqual(['UNLINK', 'LINK', 'CREATE']);
  });
});

describe('queries', () => {
  it('filters CIs by class with subclasses, warranty, name, tag and owner', async () => {
    await f.orgUnit('org-a');
    await f.ci('sw', 'Switch', {
      name: '接入交换机',
      tags: ['extranet'],
      asset: { warrantyExpiry: '2020-01-01' },
    });
    await f.ci('fw', 'Firewall', {
      name: '边界防火墙',
      ownerId: 'org-a',
      asset: { warrantyExpiry: '2030-01-01' },
    });
    await f.ci('app', 'Application', { name: 'OA 协同办公' });
    const ids = async (filter: Record<string, unknown>) =>
      (
        await t.ok(
          `query($f: ConfigurationItemFilter) { configurationItems(filter: $f) { edges { node { id } } } }`,
          { f: filter },
        )
      ).configurationItems.edges
        .map((e: any) => e.node.id)
        .sort();
    expect(await ids({ classIn: ['Hardware'] })).toEqual(['fw', 'sw']);
    expect(await ids({ classIn: ['NetworkDevice'] })).toEqual(['sw']);
    expect(await ids({ warrantyExpiresBefore: '2026-01-01' })).toEqual(['sw']);
    expect(await ids({ nameContains: '交换' })).toEqual(['sw']);
    expect(await ids({ nameContains: 'oa' })).toEqual(['app']);
    expect(await ids({ tag: 'extranet' })).toEqual(['sw']);
    expect(await ids({ ownerId: 'org-a' })).toEqual(['fw']);
    expect(await ids({ classIn: ['Software', 'Application'], status: ['ACTIVE'] })).toEqual([
      'app',
    ]);
  });

  it('rejects a cursor it did not make', async () => {
    const res = await t.gql(`{ configurationItems(after: "not-a-cursor") { totalCount } }`);
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
