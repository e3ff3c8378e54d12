import { factories } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t);
});
beforeEach(() => t.reset());
afterAll(() => t.close());

const CREATE_CI = `mutation($i: CreateConfigurationItemInput!) { createConfigurationItem(input: $i) { id version warrantyStatus asset { purchaseDate originalValue currency warrantyExpiry } owner { name } supplier { name } redundancy { minMembersUp } } }`;
const UPDATE_CI = `mutation($id: ID!, $v: Int!, $i: UpdateConfigurationItemInput!) { updateConfigurationItem(id: $id, expectedVersion: $v, input: $i) { id version name criticality owner { id } } }`;

const expectError = (...args: Parameters<ReturnType<typeof factories>['refused']>) =>
  f.refused(...args);

describe('createConfigurationItem', () => {
  it('stores asset data and derives warranty status; owner and supplier resolve', async () => {
    await f.orgUnit('org-net', '网络运维组', 'TEAM');
    await f.supplier('sup-hw', '华为技术有限公司');
    const d = await t.ok(CREATE_CI, {
      i: {
        id: 'sw-1',
        name: '核心交换机',
        ciClass: 'Switch',
        ownerId: 'org-net',
        supplierId: 'sup-hw',
        asset: { purchaseDate: '2017-03-01', originalValue: 560000, warrantyExpiry: '2022-03-01' },
      },
    });
    expect(d.createConfigurationItem).toEqual({
      id: 'sw-1',
      version: 1,
      warrantyStatus: 'EXPIRED',
      asset: {
        purchaseDate: '2017-03-01',
        originalValue: 560000,
        currency: 'CNY',
        warrantyExpiry: '2022-03-01',
      },
      owner: { name: '网络运维组' },
      supplier: { name: '华为技术有限公司' },
      redundancy: null,
    });
  });

  it('requires redundancy on group classes and refuses it elsewhere', async () => {
    await expectError(
      CREATE_CI,
      { i: { id: 'g', name: 'g', ciClass: 'HAPair' } },
      'BAD_USER_INPUT',
      'redundancy',
    );
    await expectError(
      CREATE_CI,
      { i: { id: 'g', name: 'g', ciClass: 'Switch', redundancy: { minMembersUp: 1 } } },
      'BAD_USER_INPUT',
      'redundancy',
    );
    await expectError(
      CREATE_CI,
      { i: { id: 'g', name: 'g', ciClass: 'HAPair', redundancy: { minMembersUp: 0 } } },
      'BAD_USER_INPUT',
      'redundancy.minMembersUp',
    );
    const ok = await t.ok(CREATE_CI, {
      i: { id: 'g', name: 'g', ciClass: 'HAPair', redundancy: { minMembersUp: 1 } },
    });
    expect(ok.createConfigurationItem.redundancy).toEqual({ minMembersUp: 1 });
  });

  it.each([
    [{ id: 'x', name: 'x', ciClass: 'NoSuchClass' }, 'ciClass'],
    [{ id: 'x', name: '   ', ciClass: 'Switch' }, 'name'],
    [
      { id: 'x', name: 'x', ciClass: 'Switch', asset: { originalValue: -1 } },
      'asset.originalValue',
    ],
    [{ id: 'x', name: 'x', ciClass: 'Switch', asset: { currency: 'yuan' } }, 'asset.currency'],
    [{ id: 'x', name: 'x', ciClass: 'Switch', attributes: [1, 2] }, 'attributes'],
    [{ id: 'bad id!', name: 'x', ciClass: 'Switch' }, 'id'],
  ])('rejects %j with BAD_USER_INPUT on %s and writes nothing', async (input, field) => {
    await expectError(CREATE_CI, { i: input }, 'BAD_USER_INPUT', field);
    expect(await f.counts()).toEqual({ cis: 0, services: 0, orgUnits: 0, suppliers: 0 });
  });

  it('rejects an impossible date in a variable with BAD_USER_INPUT', async () => {
    await expectError(
      CREATE_CI,
      { i: { id: 'x', name: 'x', ciClass: 'Switch', asset: { purchaseDate: '2023-02-30' } } },
      'BAD_USER_INPUT',
    );
    expect((await f.counts()).cis).toBe(0);
  });

  it('answers NOT_FOUND for a missing owner and BAD_USER_INPUT for an owner of the wrong type', async () => {
    await f.supplier('sup-1');
    await expectError(
      CREATE_CI,
      { i: { id: 'x', name: 'x', ciClass: 'Switch', ownerId: 'nobody' } },
      'NOT_FOUND',
      'ownerId',
    );
    await expectError(
      CREATE_CI,
      { i: { id: 'x', name: 'x', ciClass: 'Switch', ownerId: 'sup-1' } },
      'BAD_USER_INPUT',
      'ownerId',
    );
    expect((await f.counts()).cis).toBe(0);
  });

  it('answers CONFLICT for an id already used by any entity type', async () => {
    await f.orgUnit('shared-id');
    await expectError(
      CREATE_CI,
      { i: { id: 'shared-id', name: 'x', ciClass: 'Switch' } },
      'CONFLICT',
    );
    expect((await f.counts()).cis).toBe(0);
  });
});

describe('updateConfigurationItem and retireConfigurationItem', () => {
  it('updates with the current version, bumps it and records the change in history', async () => {
    await f.orgUnit('org-a');
    await f.ci('srv-1', 'PhysicalServer');
    const d = await t.ok(UPDATE_CI, {
      id: 'srv-1',
      v: 1,
      i: { name: '数据库服务器', criticality: 'HIGH', ownerId: 'org-a' },
    });
    expect(d.updateConfigurationItem).toEqual({
      id: 'srv-1',
      version: 2,
      name: '数据库服务器',
      criticality: 'HIGH',
      owner: { id: 'org-a' },
    });
    const h = await t.ok(
      `{ history(entityId: "srv-1") { totalCount edges { node { action actor changes } } } }`,
    );
    expect(h.history.totalCount).toBe(2);
    expect(h.history.edges[0].node).toEqual({
      action: 'UPDATE',
      actor: 'dev',
      changes: {
        name: { before: 'srv-1', after: '数据库服务器' },
        criticality: { before: 'MEDIUM', after: 'HIGH' },
        ownerId: { before: null, after: 'org-a' },
      },
    });
    expect(h.history.edges[1].node.action).toBe('CREATE');
  });

  it('answers CONFLICT for a stale version and writes nothing', async () => {
    await f.ci('srv-1');
    await t.ok(UPDATE_CI, { id: 'srv-1', v: 1, i: { name: 'first' } });
    const err = await expectError(
      UPDATE_CI,
      { id: 'srv-1', v: 1, i: { name: 'second' } },
      'CONFLICT',
    );
    expect(err.extensions.currentVersion).toBe(2);
    expect(
      (await t.ok(`{ configurationItem(id: "srv-1") { name version } }`)).configurationItem,
    ).toEqual({ name: 'first', version: 2 });
  });

  it('answers NOT_FOUND for a missing CI and BAD_USER_INPUT for a blank name', async () => {
    await expectError(UPDATE_CI, { id: 'nope', v: 1, i: { name: 'x' } }, 'NOT_FOUND');
    await f.ci('srv-1');
    await expectError(UPDATE_CI, { id: 'srv-1', v: 1, i: { name: '' } }, 'BAD_USER_INPUT', 'name');
    expect(
      (await t.ok(`{ configurationItem(id: "srv-1") { name version } }`)).configurationItem,
    ).toEqual({ name: 'srv-1', version: 1 });
  });

  it('keeps a CI with members a group', async () => {
    await f.ci('grp', 'Cluster', { redundancy: { minMembersUp: 1 } });
    await f.ci('m1');
    await f.dependency('grp', 'm1', 'MEMBER');
    await expectError(
      UPDATE_CI,
      { id: 'grp', v: 1, i: { ciClass: 'PhysicalServer', redundancy: null } },
      'BAD_USER_INPUT',
    );
  });

  it('retires a CI; retiring it again is INVALID_TRANSITION', async () => {
    await f.ci('srv-1');
    const q = `mutation($v: Int!) { retireConfigurationItem(id: "srv-1", expectedVersion: $v) { status version } }`;
    expect((await t.ok(q, { v: 1 })).retireConfigurationItem).toEqual({
      status: 'RETIRED',
      version: 2,
    });
    await expectError(q, { v: 2 }, 'INVALID_TRANSITION');
    await expectError(q, { v: 1 }, 'CONFLICT');
    const h = await t.ok(`{ history(entityId: "srv-1", first: 1) { edges { node { action } } } }`);
    expect(h.history.edges[0].node.action).toBe('RETIRE');
  });
});

describe('services, org units and suppliers', () => {
  const CREATE_SVC = `mutation($i: CreateServiceInput!) { createService(input: $i) { id kind status owner { name } consumers { name } provider { name }
    sla { availabilityTarget supportHours responseMinutes resolutionMinutes indicators { name target unit } } } }`;

  it('creates a service with its SLA, consumers and provider', async () => {
    await f.orgUnit('org-hrss', '市人力资源和社会保障局');
    await f.orgUnit('org-med', '市医疗保障局');
    await f.orgUnit('org-bdc', '市大数据中心', 'TEAM');
    await f.supplier('sup-prime', '总包方', 'PRIME_CONTRACTOR');
    const d = await t.ok(CREATE_SVC, {
      i: {
        id: 'svc-ss',
        name: '社会保障卡服务',
        category: 'APPLICATION',
        ownerId: 'org-bdc',
        consumerIds: ['org-med', 'org-hrss'],
        providerId: 'sup-prime',
        sla: {
          availabilityTarget: 99.95,
          supportHours: '7x24',
          responseMinutes: 10,
          resolutionMinutes: 120,
          indicators: [{ name: '故障修复及时率', target: 95, unit: '%' }],
        },
      },
    });
    expect(d.createService).toEqual({
      id: 'svc-ss',
      kind: 'BUSINESS',
      status: 'LIVE',
      owner: { name: '市大数据中心' },
      consumers: [{ name: '市人力资源和社会保障局' }, { name: '市医疗保障局' }].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
      provider: { name: '总包方' },
      sla: {
        availabilityTarget: 99.95,
        supportHours: '7x24',
        responseMinutes: 10,
        resolutionMinutes: 120,
        indicators: [{ name: '故障修复及时率', target: 95, unit: '%' }],
      },
    });
  });

  it('rejects a missing consumer (NOT_FOUND) and an availability over 100 % (BAD_USER_INPUT), writing nothing', async () => {
    await expectError(
      CREATE_SVC,
      { i: { id: 's', name: 's', category: 'SECURITY', consumerIds: ['ghost'] } },
      'NOT_FOUND',
      'consumerIds',
    );
    await expectError(
      CREATE_SVC,
      { i: { id: 's', name: 's', category: 'SECURITY', sla: { availabilityTarget: 120 } } },
      'BAD_USER_INPUT',
      'sla.availabilityTarget',
    );
    expect((await f.counts()).services).toBe(0);
  });

  it('updates and retires a service with optimistic concurrency, and groups live ones in the catalog', async () => {
    await f.service('svc-a', { category: 'NETWORK_ACCESS' });
    await f.service('svc-b', { category: 'NETWORK_ACCESS' });
    const up = `mutation($v: Int!) { updateService(id: "svc-a", expectedVersion: $v, input: { name: "电子政务外网接入", consumerIds: [] }) { name version } }`;
    expect((await t.ok(up, { v: 1 })).updateService).toEqual({
      name: '电子政务外网接入',
      version: 2,
    });
    await expectError(up, { v: 1 }, 'CONFLICT');
    await t.ok(`mutation { retireService(id: "svc-b", expectedVersion: 1) { status } }`);
    const cat = await t.ok(`{ serviceCatalog { category labelZh services { id } } }`);
    expect(cat.serviceCatalog.map((g: any) => g.category)).toEqual([
      'INFRASTRUCTURE',
      'APPLICATION',
      'CONTENT',
      'NETWORK_ACCESS',
      'SECURITY',
    ]);
    expect(cat.serviceCatalog[3]).toEqual({
      category: 'NETWORK_ACCESS',
      labelZh: '网络接入服务类',
      services: [{ id: 'svc-a' }],
    });
    await expectError(
      `mutation { updateService(id: "nope", expectedVersion: 1, input: { name: "x" }) { id } }`,
      {},
      'NOT_FOUND',
    );
  });

  it('creates org units in a hierarchy and suppliers; rejects a missing parent', async () => {
    await f.orgUnit('org-bdc', '市大数据中心', 'TEAM');
    const d = await t.ok(
      `mutation { createOrgUnit(input: { id: "org-desk", name: "服务台", kind: SERVICE_DESK, parentId: "org-bdc" }) { kind parent { name } } }`,
    );
    expect(d.createOrgUnit).toEqual({ kind: 'SERVICE_DESK', parent: { name: '市大数据中心' } });
    await expectError(
      `mutation { createOrgUnit(input: { name: "x", kind: TEAM, parentId: "ghost" }) { id } }`,
      {},
      'NOT_FOUND',
      'parentId',
    );
    const s = await t.ok(
      `mutation { createSupplier(input: { name: "中国电信", role: VENDOR, contractEnd: "2027-06-30", contractRef: "HT-1" }) { id role contractEnd version } }`,
    );
    expect(s.createSupplier).toMatchObject({
      role: 'VENDOR',
      contractEnd: '2027-06-30',
      version: 1,
    });
    expect(s.createSupplier.id).toMatch(/^sup-/);
    await expectError(
      `mutation { createSupplier(input: { name: "  ", role: VENDOR }) { id } }`,
      {},
      'BAD_USER_INPUT',
      'name',
    );
  });
});
