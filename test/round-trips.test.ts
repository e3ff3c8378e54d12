import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  // The Cypher path every read takes without a read copy (test/read-copy.test.ts has the other).
  t = await startTestApp({ READ_CACHE_ENTRIES: '0' });
  await t.reset();
  // 120 services, each with an owner, two consumers, a provider, an SLA and 12 dependencies.
  const cis = Array.from({ length: 40 }, (_, i) => ({
    id: `ci-${i}`,
    name: `服务器-${String(i).padStart(2, '0')}`,
    ciClass: i % 2 ? 'VirtualMachine' : 'Database',
  }));
  const services = Array.from({ length: 120 }, (_, i) => ({
    id: `svc-${String(i).padStart(3, '0')}`,
    name: `服务-${String(i).padStart(3, '0')}`,
    category: 'APPLICATION',
    ownerId: `org-${i % 5}`,
    consumerIds: [`org-${(i + 1) % 5}`, `org-${(i + 2) % 5}`],
    providerId: `sup-${i % 3}`,
    sla: {
      availabilityTarget: 99.9,
      supportHours: '7x24',
      indicators: [{ name: '服务响应及时率', target: 98, unit: '%' }],
    },
  }));
  const dependencies = services.flatMap((s, i) =>
    Array.from({ length: 12 }, (_, j) => ({ fromId: s.id, toId: `ci-${(i + j) % 40}` })),
  );
  await t.ok(
    `mutation($i: ImportConfigurationInput!) { importConfiguration(input: $i) { created } }`,
    {
      i: {
        orgUnits: Array.from({ length: 5 }, (_, i) => ({
          id: `org-${i}`,
          name: `委办局-${i}`,
          kind: 'DEPARTMENT',
        })),
        suppliers: Array.from({ length: 3 }, (_, i) => ({
          id: `sup-${i}`,
          name: `供应商-${i}`,
          role: 'SUBCONTRACTOR',
        })),
        configurationItems: cis,
        services,
        dependencies,
      },
    },
  );
});
afterAll(() => t.close());

const PAGE = `query($first: Int) { services(first: $first) { edges { node { id name owner { name } consumers { name } provider { name }
  sla { availabilityTarget indicators { name target } } dependencies(first: 10) { totalCount edges { kind node { name ... on ConfigurationItem { ciClass } } } } } } } }`;

async function roundTrips(first: number): Promise<{ count: number; data: any }> {
  const executor = t.app.executor;
  const before = executor.queryCount;
  const data = await t.ok(PAGE, { first });
  return { count: executor.queryCount - before, data };
}

describe('a page of services with nested fields', () => {
  it('costs a fixed number of Bolt round trips, at most 5, whatever the page size', async () => {
    const small = await roundTrips(10);
    const large = await roundTrips(100);
    expect(large.data.services.edges).toHaveLength(100);
    const first = large.data.services.edges[0].node;
    expect(first.owner.name).toBe('委办局-0');
    expect(first.consumers).toHaveLength(2);
    expect(first.dependencies.totalCount).toBe(12);
    expect(first.dependencies.edges).toHaveLength(10);
    expect(first.dependencies.edges[0].node.ciClass).toMatch(/Database|VirtualMachine/);
    console.log(`round trips: page of 10 → ${small.count}, page of 100 → ${large.count}`);
    expect(large.count).toBeLessThanOrEqual(5);
    expect(large.count).toBe(small.count);
  });
});
