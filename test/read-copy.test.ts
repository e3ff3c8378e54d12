/**
 * The CMDB's read copy (issue 23, src/modules/cmdb/read-cache.ts): a repeated read costs the
 * version check alone, and no read shows data older than a write acknowledged before it, made
 * through this instance or another one.
 */
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let other: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  other = await startTestApp();
  await t.reset();
  await t.ok(
    `mutation($i: ImportConfigurationInput!) { importConfiguration(input: $i) { created } }`,
    {
      i: {
        orgUnits: [
          { id: 'org-a', name: '甲局', kind: 'DEPARTMENT' },
          { id: 'org-b', name: '乙局', kind: 'DEPARTMENT' },
        ],
        suppliers: [{ id: 'sup-a', name: '供应商甲', role: 'SUBCONTRACTOR' }],
        configurationItems: [
          { id: 'db-1', name: 'DB 1', ciClass: 'Database', ownerId: 'org-a', supplierId: 'sup-a' },
          { id: 'vm-1', name: 'VM 1', ciClass: 'VirtualMachine', ownerId: 'org-a' },
          { id: 'vm-2', name: 'VM 2', ciClass: 'VirtualMachine', ownerId: 'org-b' },
          { id: 'app-1', name: 'App 1', ciClass: 'Application', ownerId: 'org-b' },
        ],
        services: [
          { id: 'svc-1', name: '服务一', category: 'APPLICATION', consumerIds: ['org-a'] },
        ],
        dependencies: [
          { fromId: 'app-1', toId: 'db-1' },
          { fromId: 'app-1', toId: 'vm-1', kind: 'RUNS_ON' },
          { fromId: 'svc-1', toId: 'app-1' },
        ],
      },
    },
  );
});
afterAll(async () => {
  await other.close();
  await t.close();
});

const DETAIL = `query($id: ID!) { configurationItem(id: $id) { id name version owner { id name }
  supplier { name } dependencies(first: 10) { edges { kind node { id name } } }
  dependents { totalCount edges { node { id } } } } }`;
const PAGE = `{ configurationItems(first: 10, filter: { classIn: ["VirtualMachine"] }) { totalCount
  edges { node { id name owner { name } } } } services(first: 5) { edges { node { id
  consumers { name } } } } }`;

async function queriesOf<T>(app: TestApp, query: string, variables?: Record<string, unknown>) {
  const before = app.app.executor.queryCount;
  const data = await app.ok<T>(query, variables);
  return { data, queries: app.app.executor.queryCount - before };
}

/** Asks until the instance has an exact copy and the read is answered from it (deadline 20 s). */
async function warm(app: TestApp, query: string, variables?: Record<string, unknown>) {
  const deadline = Date.now() + 20000;
  for (;;) {
    const { queries } = await queriesOf(app, query, variables);
    if (queries === 1) return;
    if (Date.now() > deadline) throw new Error(`still ${queries} queries after 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const update = (app: TestApp, mutation: string, id: string, input: Record<string, unknown>) =>
  app
    .ok<any>(
      `query($id: ID!) { node(id: $id) { ... on ConfigurationItem { version }
        ... on Service { version } ... on OrgUnit { version } } }`,
      { id },
    )
    .then(({ node }) =>
      app.ok(
        `mutation($id: ID!, $v: Int!, $i: ${mutation}Input!) {
        ${mutation[0]!.toLowerCase()}${mutation.slice(1)}(id: $id, expectedVersion: $v, input: $i) { id } }`,
        {
          id,
          v: node.version,
          i: input,
        },
      ),
    );

describe('the read copy', () => {
  it('answers a repeated read with the version check alone, the same as Neo4j does', async () => {
    const cold = await queriesOf<any>(t, DETAIL, { id: 'app-1' });
    await warm(t, DETAIL, { id: 'app-1' });
    await warm(t, PAGE);
    const again = await queriesOf<any>(t, DETAIL, { id: 'app-1' });
    expect(again.queries).toBe(1);
    expect(again.data).toEqual(cold.data);
    expect(again.data.configurationItem.dependencies.edges.map((e: any) => e.node.id)).toEqual([
      'db-1',
      'vm-1',
    ]);
    // The same reads without a read copy answer alike.
    const plain = await startTestApp({ READ_CACHE_ENTRIES: '0' });
    try {
      expect(await plain.ok(DETAIL, { id: 'app-1' })).toEqual(again.data);
      expect(await plain.ok(PAGE)).toEqual(await t.ok(PAGE));
    } finally {
      await plain.close();
    }
  });

  it("shows every write at once, this instance's and another's", async () => {
    await warm(t, DETAIL, { id: 'app-1' });
    await warm(t, DETAIL, { id: 'db-1' });
    await warm(t, PAGE);
    // Another instance renames the owner: an entity read through a link.
    await update(other, 'UpdateOrgUnit', 'org-b', { name: '乙局（新）' });
    expect((await t.ok<any>(DETAIL, { id: 'app-1' })).configurationItem.owner.name).toBe(
      '乙局（新）',
    );
    // A renamed target moves in its source's page of dependencies.
    await update(other, 'UpdateConfigurationItem', 'vm-1', { name: 'A VM' });
    const renamed = await t.ok<any>(DETAIL, { id: 'app-1' });
    expect(renamed.configurationItem.dependencies.edges.map((e: any) => e.node.name)).toEqual([
      'A VM',
      'DB 1',
    ]);
    // An edge added from another component changes the target's dependents.
    await other.ok(`mutation { addDependency(input: { fromId: "vm-2", toId: "db-1" }) { kind } }`);
    const db = await t.ok<any>(DETAIL, { id: 'db-1' });
    expect(db.configurationItem.dependents.totalCount).toBe(2);
    // A list: a CI leaves a class filter; this instance's own write.
    await update(t, 'UpdateConfigurationItem', 'vm-2', { ciClass: 'PhysicalServer' });
    const page = await t.ok<any>(PAGE);
    expect(page.configurationItems.totalCount).toBe(1);
    expect(page.configurationItems.edges.map((e: any) => e.node.id)).toEqual(['vm-1']);
    // A service's consumers.
    await update(other, 'UpdateService', 'svc-1', { consumerIds: ['org-a', 'org-b'] });
    const after = await t.ok<any>(PAGE);
    expect(after.services.edges[0].node.consumers.map((c: any) => c.name).sort()).toEqual(
      ['乙局（新）', '甲局'].sort(),
    );
  });
});

describe('the read copy under random writes', () => {
  /** A small deterministic generator (mulberry32), so that a failure can be replayed. */
  function random(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let r = Math.imul(a ^ (a >>> 15), 1 | a);
      r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
      return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
    };
  }
  const CIS = ['db-1', 'vm-1', 'vm-2', 'app-1'];
  const COMPONENTS = [...CIS, 'svc-1'];
  const READS: [string, Record<string, unknown>][] = [
    ...CIS.map((id): [string, Record<string, unknown>] => [DETAIL, { id }]),
    [PAGE, {}],
    [
      `{ configurationItems(first: 3, filter: { ownerId: "org-a" }) { totalCount edges { node { id
        name supplier { name } } } } serviceCatalog { category services { id name } } }`,
      {},
    ],
    [
      `{ service(id: "svc-1") { name consumers { name } dependencies(first: 5) { totalCount edges {
        node { id name dependencies(first: 5) { totalCount edges { kind node { id name } } } } } } } }`,
      {},
    ],
  ];

  it('answers every read as Neo4j does after each write, through either instance', async () => {
    const plain = await startTestApp({ READ_CACHE_ENTRIES: '0' });
    const next = random(Number(process.env.READ_COPY_SEED ?? 23));
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
    const log: string[] = [];
    try {
      for (let step = 0; step < 30; step++) {
        // Every read is in the cached instance's copy before the write.
        for (const [query, variables] of READS) await t.ok(query, variables);
        const writer = next() < 0.5 ? t : other;
        const kind = pick(['rename', 'owner', 'class', 'add', 'remove', 'org', 'consumers']);
        const ci = pick(CIS);
        log.push(`${step}: ${writer === t ? 'this' : 'other'} ${kind} ${ci}`);
        if (kind === 'rename')
          await update(writer, 'UpdateConfigurationItem', ci, { name: `N${step} ${ci}` });
        if (kind === 'owner')
          await update(writer, 'UpdateConfigurationItem', ci, {
            ownerId: pick(['org-a', 'org-b']),
          });
        if (kind === 'class')
          await update(writer, 'UpdateConfigurationItem', ci, {
            ciClass: pick(['VirtualMachine', 'PhysicalServer', 'Database']),
          });
        if (kind === 'org')
          await update(writer, 'UpdateOrgUnit', pick(['org-a', 'org-b']), { name: `局${step}` });
        if (kind === 'consumers')
          await update(writer, 'UpdateService', 'svc-1', {
            consumerIds: [pick(['org-a', 'org-b'])],
          });
        if (kind === 'add' || kind === 'remove') {
          const from = pick(COMPONENTS);
          const to = pick(CIS.filter((x) => x !== from));
          const edge = `fromId: "${from}", toId: "${to}", kind: RUNS_ON`;
          // Either may be refused (an edge already there, or none to remove): nothing is written then.
          await writer.gql(
            kind === 'add'
              ? `mutation { addDependency(input: { ${edge} }) { kind } }`
              : `mutation { removeDependency(${edge}) }`,
          );
        }
        for (const [query, variables] of READS) {
          const [cached, neo4j] = await Promise.all([
            t.ok(query, variables),
            plain.ok(query, variables),
          ]);
          if (JSON.stringify(cached) !== JSON.stringify(neo4j))
            throw new Error(
              `after ${log.join('; ')}\n${query}\ncached ${JSON.stringify(cached)}\nneo4j  ${JSON.stringify(neo4j)}`,
            );
        }
      }
      // The cached instance answered from its copies, caught up by patches, not from Neo4j alone.
      expect(t.app.services.impact.topologyIndex!.stats.catchUps).toBeGreaterThan(0);
      await warm(t, DETAIL, { id: 'app-1' });
    } finally {
      await plain.close();
    }
  }, 120000);
});
