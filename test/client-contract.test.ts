import { startTestApp, type TestApp } from './support/test-app.js';
import { codeOf, factories, errorOf } from './support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.loadDemo();
}, 180000);
afterAll(() => t.close());

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('highlights are escaped HTML with only the server’s <em>', () => {
  it('returns stored markup as text in the Neo4j engine', async () => {
    const title = `Zebrafish <img src=x onerror=alert(1)> outage & "quotes" 'too' <script>alert(2)</script>`;
    await t.ok(`mutation($i: CreateKnownErrorInput!) { createKnownError(input: $i) { id } }`, {
      i: { title, symptoms: 'zebrafish <b>bold</b> symptom' },
    });
    const r = await t.ok(
      `{ searchKnowledge(query: "zebrafish", filter: { status: [DRAFT] }) { hits { highlights { field snippet } } } }`,
    );
    const snippets = r.searchKnowledge.hits[0].highlights.map((h: any) => h.snippet).join('\n');
    expect(snippets).toContain(
      '<em>Zebrafish</em> &lt;img src=x onerror=alert(1)&gt; outage &amp; &quot;quotes&quot; &#39;too&#39; &lt;script&gt;alert(2)&lt;/script&gt;',
    );
    expect(snippets).toContain('<em>zebrafish</em> &lt;b&gt;bold&lt;/b&gt; symptom');
    // Nothing but <em> and </em> is live markup.
    expect(snippets.replace(/<\/?em>/g, '')).not.toMatch(/[<>]/);
  });
});

describe('HTTP status of client errors', () => {
  it('answers 400 for a syntax error and for the token limit, never 500', async () => {
    const syntax = await post(t.app.url, JSON.stringify({ query: '{ ciClasses { name ' }));
    expect(syntax.status).toBe(400);
    expect(((await syntax.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const many = `{ ${Array.from({ length: 4000 }, () => '__typename').join(' ')} }`;
    const tokens = await post(t.app.url, JSON.stringify({ query: many }));
    expect(tokens.status).toBe(400);
    expect(((await tokens.json()) as any).errors[0].extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'maxTokens',
      max: 3000,
    });
    const invalid = await post(t.app.url, JSON.stringify({ query: '{ noSuchField }' }));
    expect(invalid.status).toBe(400);
  });
});

describe('cursors', () => {
  const CIS = `query($first: Int, $after: String) { configurationItems(first: $first, after: $after) {
    totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

  it('refuses malformed and foreign cursors with BAD_USER_INPUT on after', async () => {
    const junk = Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url');
    for (const q of [
      `{ knownErrors(after: "${junk}") { totalCount } }`,
      `{ history(entityId: "core-ext-1", after: "${junk}") { totalCount } }`,
      `{ configurationItems(after: "not a cursor") { totalCount } }`,
    ]) {
      const r = await t.gql(q);
      expect(errorOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const services = await t.ok(`{ services(first: 2) { pageInfo { endCursor } } }`);
    const foreign = await t.gql(CIS, { first: 2, after: services.services.pageInfo.endCursor });
    expect(errorOf(foreign)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    const typed = Buffer.from(JSON.stringify(['configurationItems', 1, 2])).toString('base64url');
    expect(codeOf(await t.gql(CIS, { first: 2, after: typed }))).toBe('BAD_USER_INPUT');
  });

  it('pages with first: 0 without looping, and says where a page stands', async () => {
    const zero = (await t.ok(CIS, { first: 0 })).configurationItems;
    expect(zero.edges).toEqual([]);
    expect(zero.pageInfo.hasNextPage).toBe(true);
    expect(zero.pageInfo.hasPreviousPage).toBe(false);
    // The cursor stands before the first element: following it gives the first page.
    const first = (await t.ok(CIS, { first: 3 })).configurationItems;
    const resumed = (await t.ok(CIS, { first: 3, after: zero.pageInfo.endCursor }))
      .configurationItems;
    expect(resumed.edges).toEqual(first.edges);
    expect(resumed.pageInfo.hasPreviousPage).toBe(true);
    expect(first.pageInfo.startCursor).toBe(first.edges[0].cursor);
    expect(first.pageInfo.endCursor).toBe(first.edges[2].cursor);
    // Following every endCursor visits every CI once and ends.
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: any = (await t.ok(CIS, { first: 200, after })).configurationItems;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.length).toBe(first.totalCount);
    expect(new Set(seen).size).toBe(seen.length);
    // An empty list: first: 0 has no next page.
    const none = await t.ok(
      `{ configurationItems(first: 0, filter: { nameContains: "没有这个名字" }) { pageInfo { hasNextPage } } }`,
    );
    expect(none.configurationItems.pageInfo.hasNextPage).toBe(false);
  });

  it('gives search results a pageInfo whose cursor keeps working', async () => {
    // Its own article: a word no other test writes.
    await t.ok(
      `mutation { createKnownError(input: { title: "Quokka cache stampede", symptoms: "quokka" }) { id } }`,
    );
    const q = `query($after: String) { searchKnowledge(query: "quokka", filter: { status: [DRAFT] }, first: 0, after: $after) {
      totalHits endCursor pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const r = (await t.ok(q)).searchKnowledge;
    expect(r.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const again = (await t.ok(q, { after: r.pageInfo.endCursor })).searchKnowledge;
    expect(again.pageInfo.hasPreviousPage).toBe(true);
  });
});

describe('nodes(ids)', () => {
  it('answers in the order asked, with null for unknown ids, at most 200', async () => {
    const r = await t.ok(
      `{ nodes(ids: ["core-ext-2", "no-such-id", "svc-portal", "core-ext-2"]) { __typename id } }`,
    );
    expect(r.nodes).toEqual([
      { __typename: 'ConfigurationItem', id: 'core-ext-2' },
      null,
      { __typename: 'Service', id: 'svc-portal' },
      { __typename: 'ConfigurationItem', id: 'core-ext-2' },
    ]);
    const ids = Array.from({ length: 201 }, (_, i) => `x${i}`);
    const many = await t.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(errorOf(many)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
  });
});

describe('finding a CI from what an engineer has in hand', () => {
  const FIND = `query($f: ConfigurationItemFilter) { configurationItems(filter: $f) { totalCount edges { node { id ipAddresses } } } }`;
  const ids = async (f: Record<string, unknown>) =>
    (await t.ok(FIND, { f })).configurationItems.edges.map((e: any) => e.node.id);

  it('finds demo CIs by IP address, asset tag, serial number and identifier', async () => {
    expect(await ids({ ipAddress: '203.0.113.11' })).toEqual(['fw-internet-1']);
    expect(await ids({ ipAddress: '2001:DB8:10:0::1' })).toEqual(['fw-internet-1']);
    expect(await ids({ assetTag: 'ZWSJ-2019-04510' })).toEqual(['core-ext-1']);
    expect(await ids({ serialNumber: 'HU20196863545' })).toEqual(['core-ext-1']);
    expect(await ids({ identifier: '10.0.198.72' })).toEqual(['core-ext-1']);
    expect(await ids({ identifier: 'HU20196863545' })).toEqual(['core-ext-1']);
    expect(await ids({ identifier: 'core-ext-1' })).toEqual(['core-ext-1']);
    const name = (await t.ok(`{ configurationItem(id: "core-ext-1") { name } }`)).configurationItem
      .name as string;
    expect(await ids({ identifier: name.toUpperCase() })).toEqual(['core-ext-1']);
    // Lookups combine with the other filters.
    expect(await ids({ identifier: 'core-ext-1', status: ['RETIRED'] })).toEqual([]);
    expect(await ids({ ipAddress: '10.9.9.9' })).toEqual([]);
    const bad = await t.gql(FIND, { f: { ipAddress: '10.0.198' } });
    expect(errorOf(bad)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ipAddress',
    });
  });

  it('stores addresses canonical, refuses malformed ones and keeps the lookup current', async () => {
    const f = factories(t);
    const created = await t.ok(
      `mutation($i: CreateConfigurationItemInput!) { createConfigurationItem(input: $i) { id version ipAddresses } }`,
      {
        i: {
          id: 'lookup-srv-1',
          name: 'Lookup server',
          ciClass: 'PhysicalServer',
          ipAddresses: ['10.66.1.7', '2001:0DB8:0000:0000:0000:0000:0000:0042', '10.66.1.7'],
        },
      },
    );
    expect(created.createConfigurationItem.ipAddresses).toEqual(['10.66.1.7', '2001:db8::42']);
    const before = await f.counts();
    const bad = await t.gql(
      `mutation($i: CreateConfigurationItemInput!) { createConfigurationItem(input: $i) { id } }`,
      {
        i: {
          id: 'lookup-bad',
          name: 'bad',
          ciClass: 'PhysicalServer',
          ipAddresses: ['10.1.1.300'],
        },
      },
    );
    expect(errorOf(bad)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ipAddresses',
    });
    expect(await f.counts()).toEqual(before);
    expect(await ids({ ipAddress: '2001:db8::42' })).toEqual(['lookup-srv-1']);
    await t.ok(
      `mutation { updateConfigurationItem(id: "lookup-srv-1", expectedVersion: 1, input: { ipAddresses: ["10.66.1.8"] }) { id } }`,
    );
    expect(await ids({ ipAddress: '10.66.1.7' })).toEqual([]);
    expect(await ids({ identifier: '10.66.1.8' })).toEqual(['lookup-srv-1']);
  });
});

describe('the writes clients were missing', () => {
  const HISTORY = `query($id: ID!) { history(entityId: $id) { edges { node { action actor changes } } } }`;

  it('updates an org unit and a supplier, version-checked and audited', async () => {
    const f = factories(t);
    await f.orgUnit('wr-dept', '写入测试局');
    await t.ok(
      `mutation { createSupplier(input: { id: "wr-sup", name: "维保商", role: VENDOR, contact: "张三" }) { id } }`,
    );
    const ou = await t.ok(
      `mutation { updateOrgUnit(id: "wr-dept", expectedVersion: 1, input: { name: "写入测试局（新）" }) { name version kind } }`,
    );
    expect(ou.updateOrgUnit).toEqual({ name: '写入测试局（新）', version: 2, kind: 'DEPARTMENT' });
    const sup = await t.ok(
      `mutation { updateSupplier(id: "wr-sup", expectedVersion: 1, input: { contractEnd: "2027-06-30", contact: "李四 13800000000" }) { contractEnd contact role version } }`,
    );
    expect(sup.updateSupplier).toEqual({
      contractEnd: '2027-06-30',
      contact: '李四 13800000000',
      role: 'VENDOR',
      version: 2,
    });
    const stale = await t.gql(
      `mutation { updateSupplier(id: "wr-sup", expectedVersion: 1, input: { contact: "王五" }) { id } }`,
    );
    expect(codeOf(stale)).toBe('CONFLICT');
    const h = (await t.ok(HISTORY, { id: 'wr-sup' })).history.edges.map((e: any) => e.node);
    expect(h[0]).toMatchObject({
      action: 'UPDATE',
      changes: { contact: { before: '张三', after: '李四 13800000000' } },
    });
  });

  it('extends the taxonomy under an existing class', async () => {
    const C = `mutation($i: CreateCIClassInput!) { createCIClass(input: $i) { id name labelZh abstract parent { name } } }`;
    const r = await t.ok(C, {
      i: {
        name: 'HyperConvergedNode',
        label: 'Hyper-converged node',
        labelZh: '超融合节点',
        parent: 'Server',
      },
    });
    expect(r.createCIClass).toEqual({
      id: 'ciclass:HyperConvergedNode',
      name: 'HyperConvergedNode',
      labelZh: '超融合节点',
      abstract: false,
      parent: { name: 'Server' },
    });
    await factories(t).ci('hci-1', 'HyperConvergedNode');
    const servers = await t.ok(
      `{ configurationItems(filter: { classIn: ["Server"], identifier: "hci-1" }) { totalCount } }`,
    );
    expect(servers.configurationItems.totalCount).toBe(1);
    const i = { name: 'HyperConvergedNode', label: 'x', labelZh: 'x', parent: 'Server' };
    expect(codeOf(await t.gql(C, { i }))).toBe('CONFLICT');
    expect(codeOf(await t.gql(C, { i: { ...i, name: 'Orphan', parent: 'NoSuchClass' } }))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await t.gql(C, { i: { ...i, name: 'bad name' } }))).toBe('BAD_USER_INPUT');
    const h = await t.ok(HISTORY, { id: 'ciclass:HyperConvergedNode' });
    expect(h.history.edges.map((e: any) => e.node.action)).toEqual(['CREATE']);
  });
});

describe('auditTrail', () => {
  it('follows every change oldest first, filtered, resuming from its endCursor', async () => {
    const f = factories(t);
    const since = new Date().toISOString();
    for (let i = 1; i <= 5; i++) await f.orgUnit(`trail-${i}`, `审计跟踪 ${i}`);
    const Q = `query($f: AuditTrailFilter, $after: String) { auditTrail(filter: $f, first: 2, after: $after) {
      totalCount edges { node { entityId action entityType } } pageInfo { hasNextPage endCursor } } }`;
    const filter = { since, entityType: 'OrgUnit', action: 'CREATE' };
    const seen: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let i = 0; i < 5; i++) {
      const page: any = (await t.ok(Q, { f: filter, after })).auditTrail;
      totalCount = page.totalCount;
      seen.push(...page.edges.map((e: any) => e.node.entityId));
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(totalCount).toBe(5);
    expect(seen).toEqual(['trail-1', 'trail-2', 'trail-3', 'trail-4', 'trail-5']);
    // The last endCursor is a resume point: nothing new, then exactly what came since.
    expect((await t.ok(Q, { f: filter, after })).auditTrail.edges).toEqual([]);
    await f.orgUnit('trail-6', '审计跟踪 6');
    const next = (await t.ok(Q, { f: filter, after })).auditTrail;
    expect(next.edges.map((e: any) => e.node.entityId)).toEqual(['trail-6']);
    const byActor = await t.ok(`{ auditTrail(filter: { actor: "nobody-at-all" }) { totalCount } }`);
    expect(byActor.auditTrail.totalCount).toBe(0);
  });
});

describe('CORS, the schema and metrics', () => {
  it('answers preflights and sets CORS headers for allowed origins only', async () => {
    const cors = await startTestApp({ CORS_ORIGINS: 'https://catalog.example.gov.cn' });
    try {
      const preflight = (origin: string) =>
        fetch(cors.app.url, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type, authorization',
          },
        });
      const ok = await preflight('https://catalog.example.gov.cn');
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://catalog.example.gov.cn');
      expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
      const other = await preflight('https://evil.example.com');
      expect(other.status).toBe(403);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const r = await post(cors.app.url, JSON.stringify({ query: '{ ciClasses { name } }' }), {
        origin: 'https://catalog.example.gov.cn',
      });
      expect(r.status).toBe(200);
      expect(r.headers.get('access-control-allow-origin')).toBe('https://catalog.example.gov.cn');
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await cors.close();
    }
    // Without CORS_ORIGINS no origin is allowed.
    const plain = await fetch(t.app.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://x.gov.cn' },
    });
    expect(plain.status).toBe(403);
  });

  it('serves the printed SDL at /schema.graphql', async () => {
    const r = await fetch(t.app.url.replace('/graphql', '/schema.graphql'));
    expect(r.status).toBe(200);
    const sdl = await r.text();
    expect(sdl).toContain('type ConfigurationItem implements Node & Component');
    expect(sdl).toContain('nodes(');
  });

  it('keeps metric labels to the schema’s root fields, and /metrics to GET', async () => {
    for (let i = 0; i < 5; i++) await t.gql(`{ noSuchRootField${i} { id } }`);
    await t.ok(`{ ciClasses { name } }`);
    const metricsUrl = t.app.url.replace('/graphql', '/metrics');
    const text = await (await fetch(metricsUrl)).text();
    expect(text).not.toContain('noSuchRootField');
    expect(text).toMatch(/graphql_requests_total\{operation="query ciClasses",outcome="success"\}/);
    expect((await fetch(metricsUrl, { method: 'POST' })).status).toBe(405);
    const guarded = await startTestApp({ METRICS_TOKEN: 'metrics-token-0123456789' });
    try {
      const url = guarded.app.url.replace('/graphql', '/metrics');
      expect((await fetch(url)).status).toBe(401);
      const wrong = await fetch(url, {
        headers: { authorization: 'Bearer metrics-token-wrong-xxxx' },
      });
      expect(wrong.status).toBe(401);
      const right = await fetch(url, {
        headers: { authorization: 'Bearer metrics-token-0123456789' },
      });
      expect(right.status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
