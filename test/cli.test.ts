/**
 * The operator's command line (issue 24): progress as JSON lines when not on a terminal, Ctrl-C
 * between batches, the import's dry run (CLI and mutation) and `npm run status`.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { factories } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
let dir: string;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t);
  dir = await mkdtemp(path.join(tmpdir(), 'cmdb-cli-'));
}, 120000);
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const testEnv = (extra: Record<string, string> = {}) => ({
  ...process.env,
  NEO4J_URI: process.env.TEST_NEO4J_URI,
  NEO4J_USER: process.env.TEST_NEO4J_USER,
  NEO4J_PASSWORD: process.env.TEST_NEO4J_PASSWORD,
  LOG_LEVEL: 'warn',
  // The CLIs search with Neo4j here, even where MEILI_URL is set for the Meilisearch tests.
  MEILI_URL: '',
  ...extra,
});

/** Runs a CLI of src/cli; resolves with its exit code and output whatever the code. */
async function cli(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', `src/cli/${script}`, ...args],
      { env: testEnv(env), maxBuffer: 64 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** What `npm run gen` wrote, by collection (the first test makes it). */
let gen: Record<string, number>;
const rowsOf = (g: Record<string, number>) =>
  g.orgUnits! + g.suppliers! + g.configurationItems! + g.services! + g.dependencies!;

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, any>);

describe('npm run import: progress and interruption', () => {
  it('reports each phase as JSON lines when not on a terminal, with its final counts', async () => {
    await t.reset();
    const estate = path.join(dir, 'estate');
    gen = JSON.parse((await cli('generate.ts', ['--cis', '1000', '--out', estate])).stdout);
    const { code, stdout, stderr } = await cli('import.ts', [estate], {
      PROGRESS_INTERVAL_MS: '20',
    });
    expect(code).toBe(0);
    const lines = jsonLines(stderr);
    const phases = [...new Set(lines.map((l) => l.phase))];
    expect(phases.slice(0, 2)).toEqual(['read', 'validate']);
    for (const p of phases) {
      const of = lines.filter((l) => l.phase === p);
      expect([p, of[0]!.state, of.at(-1)!.state]).toEqual([p, 'start', 'end']);
      const end = of.at(-1)!;
      // Every unit counted is committed (or read), and a finished phase did all of it.
      expect([p, end.done]).toEqual([p, end.total ?? end.done]);
      for (const l of of)
        expect(l).toEqual(
          expect.objectContaining({ rate: expect.any(Number), seconds: expect.any(Number) }),
        );
    }
    const rows = rowsOf(gen);
    const endOf = (name: string) => lines.find((l) => l.phase === name && l.state === 'end');
    const total = (name: string) => endOf(name)?.total;
    expect(endOf('read')?.done).toBe(rows);
    expect(total('validate')).toBe(rows);
    expect(total('create configurationItems')).toBe(gen.configurationItems);
    expect(total('create services')).toBe(gen.services);
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({
      created: rows,
      updated: 0,
      unchanged: 0,
    });
    // --quiet: nothing but the result.
    const quiet = await cli('import.ts', ['--quiet', estate]);
    expect(jsonLines(quiet.stderr)).toEqual([]);
    expect(JSON.parse(quiet.stdout.trim())).toMatchObject({ created: 0, unchanged: rows });
  }, 240000);

  it('stops between batches on Ctrl-C, says what it committed, and running it again completes it', async () => {
    await t.reset();
    const estate = path.join(dir, 'estate');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', estate], {
      env: testEnv({ IMPORT_BATCH_SIZE: '50', PROGRESS_INTERVAL_MS: '100000' }),
    });
    let stderr = '';
    let stdout = '';
    let signalled = false;
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (!signalled && stderr.includes('"phase":"create configurationItems","state":"start"')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect([code, stdout]).toEqual([130, '']);
    expect(stderr).toMatch(
      /interrupted between batches: committed .*create configurationItems \d+\/\d+/,
    );
    expect(stderr).toContain('run the same import again to complete it');
    const committed = Number(/create configurationItems (\d+)\//.exec(stderr)![1]);
    expect((await f.counts()).cis).toBe(committed);
    const again = JSON.parse((await cli('import.ts', ['--quiet', estate])).stdout.trim());
    expect(again.unchanged).toBeGreaterThanOrEqual(committed);
    expect(again.created + again.updated + again.unchanged).toBe(rowsOf(gen));
    expect((await f.counts()).cis).toBe(gen.configurationItems);
  }, 240000);
});

const IMPORT = `mutation($i: ImportConfigurationInput!, $dry: Boolean, $after: String) {
  importConfiguration(input: $i, dryRun: $dry) {
    created updated unchanged dryRun absent
    byCollection { collection created updated unchanged }
    changes(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { collection id action fields } } }
  }
}`;

/** What a dry run must leave as it was: entities, edges, audit records and the topology version. */
const snapshot = async () => ({
  counts: await f.counts(),
  trail: (await t.ok(`{ auditTrail(first: 0) { totalCount } }`)).auditTrail.totalCount,
  deps: (
    await t.ok(
      `{ configurationItem(id: "d-app") { dependencies(first: 50) { totalCount edges { strength node { id } } } } }`,
    )
  ).configurationItem.dependencies,
  version: Number((await t.app.executor.read('system/topology-version'))[0]!.version),
});

describe('import dry run', () => {
  const stored = {
    orgUnits: [{ id: 'd-org', name: '大数据局', kind: 'DEPARTMENT' }],
    configurationItems: [
      { id: 'd-app', name: 'app', ciClass: 'Application' },
      { id: 'd-db', name: 'db', ciClass: 'Database' },
      { id: 'd-vm', name: 'vm', ciClass: 'VirtualMachine' },
      { id: 'd-old', name: 'old', ciClass: 'PhysicalServer' },
      { id: 'd-gone', name: 'gone', ciClass: 'PhysicalServer', status: 'RETIRED' },
    ],
    dependencies: [
      { fromId: 'd-app', toId: 'd-db', kind: 'DEPENDS_ON', strength: 'HARD' },
      { fromId: 'd-app', toId: 'd-vm', kind: 'RUNS_ON', strength: 'HARD' },
      { fromId: 'd-db', toId: 'd-old', kind: 'RUNS_ON', strength: 'HARD' },
    ],
  };
  // Every kind of difference: a created CI and edge, an updated CI (two fields) and edge strength,
  // unchanged rows, a stored CI and edge the document leaves out, and a retired one (not absent).
  const changed = {
    orgUnits: stored.orgUnits,
    configurationItems: [
      { id: 'd-app', name: 'app v2', ciClass: 'Application', ownerId: 'd-org' },
      { id: 'd-db', name: 'db', ciClass: 'Database' },
      { id: 'd-vm', name: 'vm', ciClass: 'VirtualMachine' },
      { id: 'd-new', name: 'new', ciClass: 'PhysicalServer' },
    ],
    dependencies: [
      { fromId: 'd-app', toId: 'd-db', kind: 'DEPENDS_ON', strength: 'SOFT' },
      { fromId: 'd-app', toId: 'd-vm', kind: 'RUNS_ON', strength: 'HARD' },
      { fromId: 'd-vm', toId: 'd-new', kind: 'RUNS_ON', strength: 'HARD' },
    ],
  };
  const expected = {
    created: 2,
    updated: 2,
    unchanged: 4,
    absent: 1,
    byCollection: [
      { collection: 'orgUnits', created: 0, updated: 0, unchanged: 1 },
      { collection: 'configurationItems', created: 1, updated: 1, unchanged: 2 },
      { collection: 'dependencies', created: 1, updated: 1, unchanged: 1 },
    ],
  };
  const changes = [
    {
      collection: 'configurationItems',
      id: 'd-app',
      action: 'UPDATE',
      fields: ['name', 'ownerId'],
    },
    {
      collection: 'configurationItems',
      id: 'd-new',
      action: 'CREATE',
      fields: expect.arrayContaining(['name', 'ciClass']),
    },
    {
      collection: 'dependencies',
      id: 'd-app -DEPENDS_ON-> d-db',
      action: 'UPDATE',
      fields: ['strength'],
    },
    {
      collection: 'dependencies',
      id: 'd-vm -RUNS_ON-> d-new',
      action: 'CREATE',
      fields: ['strength'],
    },
  ];

  it('plans against the stored graph, writes nothing, and reports what the real import then does', async () => {
    await t.reset();
    await t.ok(IMPORT, { i: stored });
    const before = await snapshot();
    const dry = (await t.ok(IMPORT, { i: changed, dry: true })).importConfiguration;
    expect(dry).toMatchObject({ ...expected, dryRun: true });
    // Paged: four changes, two pages of… four at most here; then a page after the last one.
    expect(dry.changes.totalCount).toBe(4);
    expect(dry.changes.edges.map((e: any) => e.node)).toEqual(changes);
    const past = (
      await t.ok(IMPORT, { i: changed, dry: true, after: dry.changes.pageInfo.endCursor })
    ).importConfiguration.changes;
    expect([past.edges, past.pageInfo.hasNextPage]).toEqual([[], false]);
    expect(await snapshot()).toEqual(before);
    // The same document, for real: the same figures.
    const real = (await t.ok(IMPORT, { i: changed })).importConfiguration;
    expect(real).toMatchObject({ ...expected, dryRun: false });
    expect(real.changes.edges.map((e: any) => e.node)).toEqual(changes);
    expect((await snapshot()).version).toBeGreaterThan(before.version);
    // A bad document is refused the same way, dry or not.
    const bad = await t.gql(IMPORT, {
      i: { configurationItems: [{ id: 'x', name: 'x', ciClass: 'Nope' }] },
      dry: true,
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rows: [expect.objectContaining({ collection: 'configurationItems', index: 0 })],
    });
  });

  it('npm run import --dry-run prints the differences and --report writes them, CIs and edges left out included', async () => {
    await t.reset();
    await t.ok(IMPORT, { i: stored });
    const before = await snapshot();
    const file = path.join(dir, 'changed.json');
    await writeFile(file, JSON.stringify(changed));
    const json = path.join(dir, 'report.json');
    const run = await cli('import.ts', ['--dry-run', '--report', json, '--quiet', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('dry run: nothing was written');
    expect(run.stdout).toMatch(/configurationItems\s+1\s+1\s+2/);
    expect(run.stdout).toContain('UPDATE  configurationItems/d-app  name, ownerId');
    expect(run.stdout).toContain('1 CI(s), 1 dependency edge(s)');
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report).toMatchObject({ ...expected, dryRun: true, changes });
    expect(report.absentItems).toEqual({
      cis: ['d-old'],
      dependencies: [{ fromId: 'd-db', toId: 'd-old', kind: 'RUNS_ON' }],
    });
    const csv = path.join(dir, 'report.csv');
    expect((await cli('import.ts', ['--dry-run', '--report', csv, '--quiet', file])).code).toBe(0);
    const rows = (await readFile(csv, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows).toEqual([
      'action,collection,id,fields',
      'UPDATE,configurationItems,d-app,name ownerId',
      expect.stringMatching(/^CREATE,configurationItems,d-new,/),
      'UPDATE,dependencies,d-app -DEPENDS_ON-> d-db,strength',
      'CREATE,dependencies,d-vm -RUNS_ON-> d-new,strength',
      'ABSENT,configurationItems,d-old,',
      'ABSENT,dependencies,d-db -RUNS_ON-> d-old,',
    ]);
    expect(await snapshot()).toEqual(before);
    // The real import then reports the same counts.
    const real = JSON.parse((await cli('import.ts', ['--quiet', file])).stdout.trim());
    expect(real).toMatchObject({ ...expected, byCollection: expected.byCollection });
  }, 120000);
});

describe('npm run status', () => {
  it('reports a healthy installation and exits 0', async () => {
    const run = await cli('status.ts', ['--json']);
    const report = JSON.parse(run.stdout);
    expect([run.code, report.ok, report.problems]).toEqual([0, true, []]);
    expect(report.neo4j).toMatchObject({
      reachable: true,
      version: expect.stringMatching(/^5\./),
      edition: expect.any(String),
    });
    expect(report.migrations.pending).toEqual([]);
    expect(report.entities.ConfigurationItem).toBe((await f.counts()).cis);
    expect(report.search.engine).toBe('neo4j');
    expect(report.search.fulltextIndexes.every((i: any) => i.state === 'ONLINE')).toBe(true);
    const text = await cli('status.ts', []);
    expect(text.stdout).toContain('healthy');
  }, 120000);

  it('exits non-zero with a hint when Neo4j does not answer, or a key has expired', async () => {
    const down = await cli('status.ts', ['--json'], { NEO4J_URI: 'bolt://127.0.0.1:9' });
    const report = JSON.parse(down.stdout);
    expect([down.code, report.ok, report.neo4j.reachable]).toEqual([1, false, false]);
    expect(report.problems[0]).toMatchObject({
      problem: expect.stringContaining('does not answer'),
      hint: expect.stringContaining('NEO4J_URI'),
    });
    const keys = path.join(dir, 'keys.json');
    await writeFile(
      keys,
      JSON.stringify([
        {
          id: 'ops',
          hash: `sha256:${'a'.repeat(64)}`,
          roles: ['VIEWER'],
          expires: '2020-01-01T00:00:00Z',
        },
      ]),
    );
    const expired = await cli('status.ts', [], { AUTH_MODE: 'token', API_KEYS_FILE: keys });
    expect(expired.code).toBe(1);
    expect(expired.stdout).toContain('API key ops expired');
    expect(expired.stdout).not.toContain('a'.repeat(64));
  }, 120000);
});
