import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ImportService } from '../src/modules/cmdb/import.js';
import { factories, errorOf } from './support/factories.js';
import { cliCaller } from '../src/modules/access/caller.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
beforeEach(() => t.reset());
afterAll(() => t.close());

const IMPORT = `mutation($i: ImportConfigurationInput!) { importConfiguration(input: $i) { created updated unchanged } }`;
const doc = () => ({
  orgUnits: [
    { id: 'org-bdc', name: '市大数据中心', kind: 'TEAM' },
    { id: 'org-hrss', name: '市人社局', kind: 'DEPARTMENT' },
  ],
  suppliers: [
    { id: 'sup-prime', name: '总包方', role: 'PRIME_CONTRACTOR', contractEnd: '2027-06-30' },
  ],
  configurationItems: [
    { id: 'grp-web', name: 'Web 池', ciClass: 'ResourcePool', redundancy: { minMembersUp: 1 } },
    { id: 'vm-1', name: 'web-01', ciClass: 'VirtualMachine', ownerId: 'org-bdc', tags: ['web'] },
    {
      id: 'vm-2',
      name: 'web-02',
      ciClass: 'VirtualMachine',
      ownerId: 'org-bdc',
      asset: { warrantyExpiry: '2021-01-01' },
    },
    {
      id: 'app',
      name: '社保卡系统',
      ciClass: 'Application',
      supplierId: 'sup-prime',
      attributes: { version: '3.2', ports: [443] },
    },
  ],
  services: [
    {
      id: 'svc-ss',
      name: '社会保障卡服务',
      category: 'APPLICATION',
      consumerIds: ['org-hrss'],
      providerId: 'sup-prime',
      sla: {
        availabilityTarget: 99.9,
        indicators: [{ name: '故障修复及时率', target: 95, unit: '%' }],
      },
    },
  ],
  dependencies: [
    { fromId: 'grp-web', toId: 'vm-1', kind: 'MEMBER' },
    { fromId: 'grp-web', toId: 'vm-2', kind: 'MEMBER' },
    { fromId: 'app', toId: 'grp-web', kind: 'RUNS_ON' },
    { fromId: 'svc-ss', toId: 'app', kind: 'HOSTED_ON' },
  ],
});

describe('importConfiguration', () => {
  it('creates a whole document, then reports an identical re-import as unchanged and writes nothing', async () => {
    expect((await t.ok(IMPORT, { i: doc() })).importConfiguration).toEqual({
      created: 12,
      updated: 0,
      unchanged: 0,
    });
    const before = await t.ok(
      `{ history(entityId: "app") { totalCount } configurationItem(id: "app") { version attributes } }`,
    );
    expect(before.configurationItem).toEqual({
      version: 1,
      attributes: { ports: [443], version: '3.2' },
    });
    expect((await t.ok(IMPORT, { i: doc() })).importConfiguration).toEqual({
      created: 0,
      updated: 0,
      unchanged: 12,
    });
    const after = await t.ok(
      `{ history(entityId: "app") { totalCount } configurationItem(id: "app") { version } }`,
    );
    expect(after).toEqual({ history: before.history, configurationItem: { version: 1 } });
    const svc = await t.ok(
      `{ service(id: "svc-ss") { consumers { id } provider { id } dependencies { edges { kind node { id } } } } }`,
    );
    expect(svc.service).toEqual({
      consumers: [{ id: 'org-hrss' }],
      provider: { id: 'sup-prime' },
      dependencies: { edges: [{ kind: 'HOSTED_ON', node: { id: 'app' } }] },
    });
  });

  it('updates changed rows and edges only, bumping versions and recording IMPORT history', async () => {
    await t.ok(IMPORT, { i: doc() });
    const changed = doc();
    changed.configurationItems[1]!.name = 'web-01 (迁移后)';
    (changed.dependencies[2] as Record<string, unknown>).strength = 'SOFT';
    expect((await t.ok(IMPORT, { i: changed })).importConfiguration).toEqual({
      created: 0,
      updated: 2,
      unchanged: 10,
    });
    const d = await t.ok(
      `{ configurationItem(id: "vm-1") { name version } history(entityId: "vm-1", first: 1) { edges { node { action changes } } } }`,
    );
    expect(d.configurationItem).toEqual({ name: 'web-01 (迁移后)', version: 2 });
    expect(d.history.edges[0].node).toEqual({
      action: 'IMPORT',
      changes: { name: { before: 'web-01', after: 'web-01 (迁移后)' } },
    });
    const e = await t.ok(
      `{ configurationItem(id: "app") { dependencies { edges { strength } } } }`,
    );
    expect(e.configurationItem.dependencies.edges).toEqual([{ strength: 'SOFT' }]);
  });

  it('rejects a document with bad rows, lists every one of them, and writes nothing', async () => {
    const bad = doc();
    bad.configurationItems.push({ id: 'x1', name: 'x', ciClass: 'Server' } as never);
    bad.configurationItems.push({ id: 'vm-1', name: 'dup', ciClass: 'VirtualMachine' } as never);
    bad.configurationItems.push({ name: 'no id', ciClass: 'Switch' } as never);
    bad.services[0]!.consumerIds = ['org-ghost'];
    bad.dependencies.push({ fromId: 'app', toId: 'vm-1', kind: 'MEMBER' });
    bad.dependencies.push({ fromId: 'app', toId: 'nowhere', kind: 'DEPENDS_ON' });
    const res = await t.gql(IMPORT, { i: bad });
    expect(errorOf(res).code).toBe('BAD_USER_INPUT');
    const rows = (errorOf(res).rows as any[])
      .map((r) => `${r.collection}[${r.index}].${r.field}`)
      .sort();
    expect(rows).toEqual([
      'configurationItems[4].ciClass',
      'configurationItems[5].id',
      'configurationItems[6].id',
      'dependencies[4].kind',
      'dependencies[5].toId',
      'services[0].consumerIds',
    ]);
    expect(await factories(t).counts()).toEqual({ cis: 0, services: 0, orgUnits: 0, suppliers: 0 });
  });

  it('refuses an id that belongs to another entity type', async () => {
    await factories(t).orgUnit('taken');
    const res = await t.gql(IMPORT, {
      i: { configurationItems: [{ id: 'taken', name: 'x', ciClass: 'Switch' }] },
    });
    expect(errorOf(res).rows).toEqual([
      {
        collection: 'configurationItems',
        index: 0,
        field: 'id',
        message: 'id taken belongs to a OrgUnit, not a ConfigurationItem',
      },
    ]);
  });
});

describe('batched import (the CLI)', () => {
  const admin = cliCaller('test');
  // Every CMDB entity and edge, and those that an IMPORT record describes (ids and "from>to").
  const audited = async () => {
    const session = t.app.driver.session();
    try {
      const { records } = await session.run(`
        MATCH (n:ConfigurationItem|Service|OrgUnit|Supplier)
        WITH collect(n.id) AS entities
        OPTIONAL MATCH (a:Entity)-[e]->(b:Entity) WHERE e.strength IS NOT NULL
        WITH entities, collect(a.id + '>' + b.id) AS edges
        OPTIONAL MATCH (r:ChangeRecord {action: 'IMPORT'})
        RETURN entities, edges, collect(r.entityId) AS ids, collect(r.changes) AS changes`);
      const row = records[0]!.toObject() as Record<string, string[]>;
      const recordedEdges = row.changes!.flatMap((c, i) =>
        ((JSON.parse(c).dependencies?.after ?? []) as { toId: string }[]).map(
          (d) => `${row.ids![i]}>${d.toId}`,
        ),
      );
      // Records of an entity's own fields (a creation record may list its first edges too).
      const recorded = row.changes!.flatMap((c, i) =>
        Object.keys(JSON.parse(c)).some((k) => k !== 'dependencies') ? [row.ids![i]!] : [],
      );
      return {
        entities: row.entities!.sort(),
        edges: row.edges!.sort(),
        recorded: recorded.sort(),
        recordedEdges: recordedEdges.sort(),
      };
    } finally {
      await session.close();
    }
  };

  it('writes each batch with its audit records, so an interrupted run loses none and a rerun completes it', async () => {
    const { executor } = t.app;
    // Batches of two rows, one writer; the fourth transaction fails as a crash would.
    const interrupted = Object.create(executor) as typeof executor;
    let transactions = 0;
    interrupted.writeTx = (label, work) => {
      transactions += 1;
      if (transactions === 4) return Promise.reject(new Error('connection lost'));
      return executor.writeTx(label, work);
    };
    await expect(
      new ImportService(interrupted, { batchSize: 2, writers: 1 }).importConfiguration(
        admin,
        doc(),
        'batched',
      ),
    ).rejects.toThrow('connection lost');
    const partial = await audited();
    expect(partial.entities.length).toBeGreaterThan(0);
    expect(partial.entities.length).toBeLessThan(8);
    expect(partial.recorded).toEqual(partial.entities);
    expect(partial.recordedEdges).toEqual(partial.edges);

    const rerun = await new ImportService(executor, {
      batchSize: 2,
      writers: 1,
    }).importConfiguration(admin, doc(), 'batched');
    expect(rerun.created + rerun.unchanged).toBe(12);
    expect(rerun.unchanged).toBe(partial.entities.length + partial.edges.length);
    const complete = await audited();
    expect(complete.entities).toHaveLength(8);
    expect(complete.edges).toHaveLength(4);
    expect(complete.recorded).toEqual(complete.entities);
    expect(complete.recordedEdges).toEqual(complete.edges);
    // Each source's edges are listed under one record.
    const h = await t.ok(`{ history(entityId: "grp-web") { edges { node { action changes } } } }`);
    expect(
      h.history.edges.map((e: { node: { changes: object } }) =>
        Object.keys(e.node.changes).includes('dependencies'),
      ),
    ).toContain(true);
  });
  it('with two writers and batches of one row, writes every entity and edge with its record', async () => {
    const { executor } = t.app;
    expect(
      await new ImportService(executor, { batchSize: 1, writers: 2 }).importConfiguration(
        admin,
        doc(),
        'batched',
      ),
    ).toMatchObject({ created: 12, updated: 0, unchanged: 0 });
    const all = await audited();
    expect(all.entities).toHaveLength(8);
    expect(all.edges).toHaveLength(4);
    expect(all.recorded).toEqual(all.entities);
    expect(all.recordedEdges).toEqual(all.edges);
    expect((await t.ok(IMPORT, { i: doc() })).importConfiguration).toEqual({
      created: 0,
      updated: 0,
      unchanged: 12,
    });
  });
});

/** Runs a CLI of src/cli against the test database and returns its last output line, parsed. */
const runCli = async (script: string, ...args: string[]) => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', `src/cli/${script}`, ...args],
    {
      env: {
        ...process.env,
        NEO4J_URI: process.env.TEST_NEO4J_URI,
        NEO4J_USER: process.env.TEST_NEO4J_USER,
        NEO4J_PASSWORD: process.env.TEST_NEO4J_PASSWORD,
        LOG_LEVEL: 'warn',
      },
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
};

describe('npm run gen and npm run import (CSV files)', () => {
  it('imports a generated estate from its CSV files, and a second run reports everything unchanged', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cmdb-csv-'));
    try {
      const gen = await runCli('generate.ts', '--cis', '1000', '--out', dir);
      const rows =
        gen.orgUnits + gen.suppliers + gen.configurationItems + gen.services + gen.dependencies;
      expect(await runCli('import.ts', dir)).toMatchObject({
        created: rows,
        updated: 0,
        unchanged: 0,
      });
      expect(await runCli('import.ts', dir)).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: rows,
      });
      // Quoted cells (the indicators' JSON, with commas and doubled quotes) and ;-lists arrive whole.
      const [header, first] = (await readFile(path.join(dir, 'services.csv'), 'utf8')).split('\n');
      expect(first).toContain('"[{""name""');
      const id = first!.split(',')[header!.split(',').indexOf('id')];
      const d = await t.ok(
        `query($id: ID!) { service(id: $id) { consumers { id } sla { indicators { name target unit } } } configurationItems(first: 0) { totalCount } }`,
        { id },
      );
      expect(d.service.sla.indicators).toEqual([{ name: '故障修复及时率', target: 95, unit: '%' }]);
      expect(d.service.consumers.length).toBeGreaterThan(0);
      expect(d.configurationItems.totalCount).toBe(gen.configurationItems);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120000);

  it('stops at a malformed CSV file with its line and BAD_USER_INPUT, and writes nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cmdb-csv-'));
    try {
      await writeFile(
        path.join(dir, 'org-units.csv'),
        'id,name,kind\ncsv-dept,"财政局",DEPARTMENT\n',
      );
      await writeFile(
        path.join(dir, 'dependencies.csv'),
        'fromId,toId,kind,strength\ng-a,g-b,DEPENDS_ON,HARD\ng-c,"g-d,DEPENDS_ON,HARD\n',
      );
      const failed = await runCli('import.ts', dir).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed).toMatchObject({ code: 1 });
      expect((failed as { stderr: string }).stderr).toContain(
        'dependencies.csv: the quoted field opened on line 3 never closes (BAD_USER_INPUT)',
      );
      expect((await t.ok(`{ orgUnits { id } }`)).orgUnits).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run seed (the demo CMDB, known errors, change calendar and SLA ledger)', () => {
  it('loads the demo estate, and a second run reports everything unchanged', async () => {
    const run = () => runCli('seed.ts');
    const first = await run();
    expect(first.created).toBeGreaterThan(1000);
    expect(first).toMatchObject({ updated: 0, unchanged: 0, knownErrors: 60 });
    expect(first.changes).toBeGreaterThanOrEqual(10);
    expect(first.measurements).toBeGreaterThan(1000);
    expect(await run()).toEqual({
      created: 0,
      updated: 0,
      unchanged: first.created,
      knownErrors: 0,
      changes: 0,
      measurements: 0,
    });
    const d =
      await t.ok(`{ configurationItems(first: 0) { totalCount } services(first: 0) { totalCount } orgUnits { kind }
      expired: configurationItems(first: 0, filter: { warrantyExpiresBefore: "2026-11-24" }) { totalCount } }`);
    expect(d.configurationItems.totalCount).toBeGreaterThanOrEqual(300);
    expect(d.services.totalCount).toBeGreaterThanOrEqual(20);
    expect(d.orgUnits.filter((o: any) => o.kind === 'DEPARTMENT').length).toBeGreaterThanOrEqual(
      15,
    );
    expect(d.expired.totalCount).toBeGreaterThan(100);
  }, 120000);
});
