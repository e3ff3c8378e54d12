import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { startApp, type App } from '../src/main.js';
import { loadConfig } from '../src/config.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/graph/neo4j-local.js';
import { waitFor } from './support/wait.js';
import { errorOf } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('hostile input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
  });
  afterAll(() => t.close());

  const count = async () => (await t.ok(`{ orgUnits { id } }`)).orgUnits.length as number;

  it('stores Cypher-like and odd strings verbatim and returns them unchanged', async () => {
    const name = `x'}) MATCH (n) DETACH DELETE n // $id \\u0000 "; DROP TABLE ci; -- 机房'`;
    const r = await t.ok(
      `mutation($n: String!) { createOrgUnit(input: { id: "ou-hostile", name: $n, kind: TEAM }) { id name } }`,
      { n: name },
    );
    expect(r.createOrgUnit.name).toBe(name);
    expect((await t.ok(`{ node(id: "ou-hostile") { ... on OrgUnit { name } } }`)).node.name).toBe(
      name,
    );
    expect((await t.ok(`{ ciClasses { name } }`)).ciClasses.length).toBeGreaterThan(20);
  });

  it('refuses a multi-megabyte body with LIMIT_EXCEEDED and an over-long field with BAD_USER_INPUT, writing nothing', async () => {
    const before = await count();
    const big = 'x'.repeat(3_000_000);
    const res = await post(
      t.app.url,
      JSON.stringify({
        query: `mutation($n: String!) { createOrgUnit(input: { name: $n, kind: TEAM }) { id } }`,
        variables: { n: big },
      }),
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
    const long = await t.gql(
      `mutation($n: String!) { createOrgUnit(input: { name: $n, kind: TEAM }) { id } }`,
      { n: '名'.repeat(5000) },
    );
    expect(errorOf(long)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await count()).toBe(before);
  });

  it('refuses deep nesting, alias floods and huge documents with LIMIT_EXCEEDED naming the limit', async () => {
    let deep = 'id';
    for (let i = 0; i < 15; i++) deep = `dependencies { edges { node { id ${deep} } } }`;
    const d = await t.gql(`{ service(id: "x") { ${deep} } }`);
    // Nesting multiplies the cost too: whichever bound trips first is named.
    expect(errorOf(d).code).toBe('LIMIT_EXCEEDED');
    expect(['maxDepth', 'maxCost']).toContain(errorOf(d).limit);
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: ciClasses { name }`).join(' ');
    const a = await t.gql(`{ ${aliases} }`);
    expect(errorOf(a)).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'maxAliases',
    });
    const tokens = await t.gql(`{ ${Array.from({ length: 4000 }, () => '__typename').join(' ')} }`);
    expect(errorOf(tokens)).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'maxTokens',
    });
  });

  it('answers wrong variable types, broken JSON and batches with clear client errors', async () => {
    const wrong = await t.gql(`query($f: Int) { configurationItems(first: $f) { totalCount } }`, {
      f: 'many',
    });
    expect(errorOf(wrong).code).toBe('BAD_USER_INPUT');
    const broken = await post(t.app.url, '{"query": "{ ciClasses { name } }"');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const batch = await post(
      t.app.url,
      JSON.stringify([{ query: '{ ciClasses { name } }' }, { query: '{ ciClasses { name } }' }]),
    );
    expect(batch.status).toBe(400);
    const health = await fetch(t.app.url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
  });

  it('serves Prometheus metrics by operation and outcome, with Neo4j latency', async () => {
    await t.ok(`{ ciClasses { name } }`);
    const text = await (await fetch(t.app.url.replace('/graphql', '/metrics'))).text();
    expect(text).toMatch(
      /graphql_requests_total\{operation="query ciClasses",outcome="success"\} \d+/,
    );
    expect(text).toMatch(/neo4j_query_duration_seconds_count\{query="ciClasses"\} \d+/);
    expect(text).toContain('knowledge_search_duration_seconds');
  });
});

describe('Neo4j stopped in the middle of a load', () => {
  let local: LocalNeo4j;
  let app: App;
  let port: number;
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'cmdb-outage-')), 'neo4j');
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    local = await startLocalNeo4j({ dataDir, logger });
    port = Number(new URL(local.uri.replace('bolt://', 'http://')).port);
    const config = loadConfig({
      PORT: '0',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      AUDIT_LOG: path.join(path.dirname(dataDir), 'audit.log'),
      NEO4J_TX_TIMEOUT_MS: '5000',
    });
    app = await startApp(config, local.uri, logger);
  }, 120000);
  afterAll(async () => {
    await app.close();
    await local.stop();
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  }, 60000);

  it('fails requests cleanly, turns /readyz false and back, and loses no acknowledged write', async () => {
    const ready = async () => (await fetch(app.url.replace('/graphql', '/readyz'))).status;
    const acknowledged: string[] = [];
    const failures = new Set<string>();
    let n = 0;
    let running = true;
    const load = (async () => {
      while (running) {
        const id = `ou-load-${(n += 1)}`;
        const res = await post(
          app.url,
          JSON.stringify({
            query: `mutation($id: ID!, $name: String!) { createOrgUnit(input: { id: $id, name: $name, kind: TEAM }) { id } }`,
            variables: { id, name: id },
          }),
        ).then((r) => r.json() as Promise<any>);
        if (res.data?.createOrgUnit?.id === id) acknowledged.push(id);
        else failures.add(`${String(errorOf(res).code)} ${String(res.errors?.[0]?.message)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    try {
      // Conditions with deadlines, not fixed sleeps: on a loaded machine writes come slower.
      await waitFor('six acknowledged writes', () => acknowledged.length > 5);
      expect(await ready()).toBe(200);
      expect({ acknowledged: acknowledged.length, failures: [...failures] }).toMatchObject({
        failures: [],
      });
      await local.stop();
      await waitFor('/readyz to report Neo4j down', async () => (await ready()) === 503);
      const health = await fetch(app.url.replace('/graphql', '/healthz'));
      expect(health.status).toBe(200);
      local = await startLocalNeo4j({ dataDir, logger, port });
      await waitFor('/readyz to recover', async () => (await ready()) === 200);
      const atRecovery = acknowledged.length;
      await waitFor(
        'writes acknowledged after the restart',
        () => acknowledged.length > atRecovery + 2,
      );
    } finally {
      running = false;
      await load;
    }
    // Requests during the outage failed with a code, never a hang or a crash.
    expect(
      [...failures].filter(
        (c) => !['INTERNAL_SERVER_ERROR', 'LIMIT_EXCEEDED', 'CONFLICT'].includes(c.split(' ')[0]!),
      ),
    ).toEqual([]);
    const found = await post(app.url, JSON.stringify({ query: `{ orgUnits { id } }` })).then(
      (r) => r.json() as Promise<any>,
    );
    const ids = new Set(found.data.orgUnits.map((o: any) => o.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
  }, 180000);
});
