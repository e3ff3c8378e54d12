import { readFileSync } from 'node:fs';
import { loadArticles, type SeedArticle } from '../src/modules/knowledge/seed.js';
import { MAX_CANDIDATES } from '../src/search/neo4j-engine.js';
import { callerOf, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.loadDemo();
  await loadArticles(
    t.app.services,
    JSON.parse(readFileSync('seed/known-errors.json', 'utf8')) as SeedArticle[],
  );
}, 180000);
afterAll(() => t.close());

const FIELDS = `id number title status version author reviewer publishedAt tags appliesToClasses
  affectedCIs { id } affectedServices { id }
  revisions { version title symptoms editedBy changeNote }`;
const CREATE = `mutation($i: CreateKnownErrorInput!) { createKnownError(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $i: UpdateKnownErrorInput!, $note: String) {
  updateKnownError(id: $id, expectedVersion: $v, input: $i, changeNote: $note) { ${FIELDS} } }`;
const step = (name: string, withReason = false) =>
  `mutation($id: ID!, $v: Int!${withReason ? ', $reason: String!' : ''}) { ${name}(id: $id, expectedVersion: $v${
    withReason ? ', reason: $reason' : ''
  }) { ${FIELDS} } }`;
const GET = `query($id: ID!) { knownError(id: $id) { ${FIELDS} } }`;
const SEARCH = `query($q: String!, $f: KnownErrorFilter, $first: Int, $after: String) {
  searchKnowledge(query: $q, filter: $f, first: $first, after: $after) {
    totalHits engine endCursor hits { score knownError { id number title status } highlights { field snippet } } } }`;

const code = (r: any) => r.errors?.[0]?.extensions?.code;
const draft = async (title: string, extra: Record<string, unknown> = {}) =>
  (await t.ok(CREATE, { i: { title, symptoms: `${title}：现象描述`, ...extra } })).createKnownError;
const search = async (q: string, f?: Record<string, unknown>, first?: number, after?: string) =>
  (await t.ok(SEARCH, { q, f, first, after })).searchKnowledge;

describe('known-error authoring', () => {
  it('creates a DRAFT with the next KE number, its first revision and an audit record', async () => {
    const a = await draft('测试：新建文章', {
      tags: [' vpn ', 'vpn', '证书'],
      ciClasses: ['Printer'],
    });
    expect(a).toMatchObject({ status: 'DRAFT', version: 1, author: 'dev', reviewer: null });
    expect(a.number).toMatch(/^KE-\d{6}$/);
    expect(a.tags).toEqual(['vpn', '证书']);
    expect(a.appliesToClasses).toEqual(['Printer']);
    expect(a.revisions).toEqual([
      {
        version: 1,
        title: '测试：新建文章',
        symptoms: '测试：新建文章：现象描述',
        editedBy: 'dev',
        changeNote: null,
      },
    ]);
    const h = await t.ok(
      `query($id: ID!) { history(entityId: $id) { edges { node { action actor } } } }`,
      {
        id: a.id,
      },
    );
    expect(h.history.edges.map((e: any) => e.node)).toEqual([{ action: 'CREATE', actor: 'dev' }]);
  });

  it('never reuses a number: a failed create takes none, concurrent creates get distinct ones', async () => {
    const before = await draft('编号测试一');
    const failed = await t.gql(CREATE, {
      i: { title: '不存在的CI', symptoms: 's', ciIds: ['no-such-ci'] },
    });
    expect(code(failed)).toBe('NOT_FOUND');
    const after = await draft('编号测试二');
    const n = (k: any) => Number(k.number.slice(3));
    expect(n(after)).toBe(n(before) + 1);
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => draft(`并发 ${i}`)));
    const numbers = new Set(many.map(n));
    expect(numbers.size).toBe(8);
    expect(Math.min(...numbers)).toBe(n(after) + 1);
  });

  it('rejects bad input with the field, and writes nothing', async () => {
    const [{ totalCount }] = [(await t.ok(`{ knownErrors(first: 0) { totalCount } }`)).knownErrors];
    const r = await t.gql(CREATE, { i: { title: ' ', symptoms: 'x' } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    const c = await t.gql(CREATE, { i: { title: 'x', symptoms: 'x', ciClasses: ['NoSuchClass'] } });
    expect(c.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ciClasses' });
    const s = await t.gql(CREATE, { i: { title: 'x', symptoms: 'x', serviceIds: ['printer-01'] } });
    expect(s.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'serviceIds',
    });
    expect((await t.ok(`{ knownErrors(first: 0) { totalCount } }`)).knownErrors.totalCount).toBe(
      totalCount,
    );
  });

  it('edits record a revision; a stale expectedVersion is CONFLICT and writes nothing', async () => {
    const a = await draft('编辑测试');
    const u = (await t.ok(UPDATE, { id: a.id, v: 1, i: { cause: '原因已查明' }, note: '补充原因' }))
      .updateKnownError;
    expect(u.version).toBe(2);
    expect(u.revisions.map((r: any) => [r.version, r.changeNote])).toEqual([
      [1, null],
      [2, '补充原因'],
    ]);
    const stale = await t.gql(UPDATE, { id: a.id, v: 1, i: { title: '覆盖' } });
    expect(code(stale)).toBe('CONFLICT');
    const back = (await t.ok(GET, { id: a.id })).knownError;
    expect(back).toMatchObject({ version: 2, title: '编辑测试' });
    expect(back.revisions).toHaveLength(2);
    expect(code(await t.gql(UPDATE, { id: 'nope', v: 1, i: { title: 'x' } }))).toBe('NOT_FOUND');
  });

  it('walks the workflow; any other transition is INVALID_TRANSITION, and a RETIRED article is read-only', async () => {
    let a = await draft('流程测试');
    expect(code(await t.gql(step('publishKnownError'), { id: a.id, v: a.version }))).toBe(
      'INVALID_TRANSITION',
    );
    a = (await t.ok(step('submitKnownError'), { id: a.id, v: a.version })).submitKnownError;
    expect(a.status).toBe('IN_REVIEW');
    a = (
      await t.ok(step('rejectKnownError', true), { id: a.id, v: a.version, reason: '缺少解决方案' })
    ).rejectKnownError;
    expect(a).toMatchObject({ status: 'DRAFT', reviewer: 'dev' });
    a = (await t.ok(step('submitKnownError'), { id: a.id, v: a.version })).submitKnownError;
    a = (await t.ok(step('publishKnownError'), { id: a.id, v: a.version })).publishKnownError;
    expect(a.status).toBe('PUBLISHED');
    expect(a.publishedAt).toMatch(/^\d{4}-/);
    expect(code(await t.gql(step('submitKnownError'), { id: a.id, v: a.version }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(
      code(
        await t.gql(step('retireKnownError', true), { id: a.id, v: a.version - 1, reason: 'x' }),
      ),
    ).toBe('CONFLICT');
    a = (await t.ok(step('retireKnownError', true), { id: a.id, v: a.version, reason: '已被替代' }))
      .retireKnownError;
    expect(a.status).toBe('RETIRED');
    expect(code(await t.gql(UPDATE, { id: a.id, v: a.version, i: { title: 'x' } }))).toBe(
      'INVALID_TRANSITION',
    );
    const link = `mutation($id: ID!) { linkKnownError(id: $id, ciIds: ["printer-01"]) { version } }`;
    expect(code(await t.gql(link, { id: a.id }))).toBe('INVALID_TRANSITION');
    expect((await t.ok(GET, { id: a.id })).knownError.version).toBe(a.version);
    const h = await t.ok(
      `query($id: ID!) { history(entityId: $id) { edges { node { action changes } } } }`,
      {
        id: a.id,
      },
    );
    expect(h.history.edges[0].node).toMatchObject({
      action: 'TRANSITION',
      changes: { status: { before: 'PUBLISHED', after: 'RETIRED' }, reason: { after: '已被替代' } },
    });
  });

  it('keeps duties separate: roles are named when missing, and an author publishes only as ADMIN, on the record', async () => {
    const k = t.app.services.knowledge;
    const as = (id: string, role: string) => callerOf(t.app, { id, roles: [role] });
    const engineer = as('eng-1', 'ENGINEER');
    const manager = as('pm-1', 'PROBLEM_MANAGER');
    const admin = as('admin-1', 'ADMIN');
    await expect(k.create(as('v', 'VIEWER'), { title: 'x', symptoms: 'y' })).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN', requiredRole: 'ENGINEER' },
    });
    let a = await k.create(engineer, { title: '职责分离', symptoms: 'y' });
    a = await k.transition(engineer, 'submit', a.id, a.version);
    await expect(
      k.transition(as('c', 'CMDB_ADMIN'), 'publish', a.id, a.version),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN', requiredRole: 'PROBLEM_MANAGER' } });
    await expect(k.transition(engineer, 'publish', a.id, a.version)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    const own = await k.create(manager, { title: '自己写的', symptoms: 'y' });
    const submitted = await k.transition(manager, 'submit', own.id, own.version);
    await expect(k.transition(manager, 'publish', own.id, submitted.version)).rejects.toMatchObject(
      { extensions: { code: 'FORBIDDEN' } },
    );
    expect((await k.transition(manager, 'publish', a.id, a.version)).reviewer).toBe('pm-1');
    const mine = await k.create(admin, { title: '管理员自审', symptoms: 'y' });
    const s = await k.transition(admin, 'submit', mine.id, mine.version);
    expect((await k.transition(admin, 'publish', mine.id, s.version)).status).toBe('PUBLISHED');
    const h = await t.ok(
      `query($id: ID!) { history(entityId: $id, first: 1) { edges { node { actor changes } } } }`,
      {
        id: mine.id,
      },
    );
    expect(h.history.edges[0].node).toMatchObject({
      actor: 'admin-1',
      changes: { authorOverride: { after: true } },
    });
  });

  it('links and unlinks CIs, services and classes, with NOT_FOUND for a missing CI', async () => {
    const a = await draft('链接测试');
    const LINK = `mutation($id: ID!, $ci: [ID!], $svc: [ID!], $cls: [String!], $v: Int) {
      linkKnownError(id: $id, ciIds: $ci, serviceIds: $svc, ciClasses: $cls, expectedVersion: $v) { ${FIELDS} } }`;
    const UNLINK = `mutation($id: ID!, $ci: [ID!]) { unlinkKnownError(id: $id, ciIds: $ci) { ${FIELDS} } }`;
    const l = (
      await t.ok(LINK, { id: a.id, ci: ['printer-03'], svc: ['svc-oa'], cls: ['Switch'], v: 1 })
    ).linkKnownError;
    expect(l).toMatchObject({
      version: 2,
      affectedCIs: [{ id: 'printer-03' }],
      affectedServices: [{ id: 'svc-oa' }],
      appliesToClasses: ['Switch'],
    });
    expect(code(await t.gql(LINK, { id: a.id, ci: ['missing'] }))).toBe('NOT_FOUND');
    expect(code(await t.gql(LINK, { id: a.id, ci: ['printer-04'], v: 1 }))).toBe('CONFLICT');
    const u = (await t.ok(UNLINK, { id: a.id, ci: ['printer-03'] })).unlinkKnownError;
    expect(u).toMatchObject({ version: 3, affectedCIs: [], affectedServices: [{ id: 'svc-oa' }] });
  });

  it('finds one article by id or by number, and asks for exactly one of them', async () => {
    const a = await draft('按编号查找');
    const byNumber = await t.ok(`query($n: String) { knownError(number: $n) { id } }`, {
      n: a.number.toLowerCase(),
    });
    expect(byNumber.knownError.id).toBe(a.id);
    expect(code(await t.gql(`{ knownError { id } }`))).toBe('BAD_USER_INPUT');
    expect((await t.ok(`{ knownError(number: "KE-999999") { id } }`)).knownError).toBeNull();
  });
});

describe('matching known errors to CIs, services and impact', () => {
  it('lists published articles of a CI: direct, by class or superclass, and by a service it supports', async () => {
    const ci = (
      await t.ok(`{ configurationItem(id: "reader-ss-01") { knownErrors { title status } } }`)
    ).configurationItem;
    const titles = ci.knownErrors.map((k: any) => k.title);
    expect(titles).toContain('社保卡读卡失败，窗口提示“卡片无响应”');
    expect(titles).toContain('Social security card reader not detected after Windows update');
    expect(ci.knownErrors.every((k: any) => k.status === 'PUBLISHED')).toBe(true);
    const app = (await t.ok(`{ configurationItem(id: "app-ss-card") { knownErrors { title } } }`))
      .configurationItem;
    // Linked to the social security card service, which app-ss-card supports directly.
    expect(app.knownErrors.map((k: any) => k.title)).toContain(
      'Social security card reader not detected after Windows update',
    );
    const svc = (await t.ok(`{ service(id: "svc-vpn") { knownErrors { title } } }`)).service;
    expect(svc.knownErrors.map((k: any) => k.title)).toEqual(
      expect.arrayContaining([
        'VPN客户端连接后无法访问内网业务系统',
        'VPN connections drop every 30 minutes',
      ]),
    );
  });

  it('names the matching articles of failed inputs in the impact report, with the reason', async () => {
    const r = await t.ok(`{ impactAnalysis(input: { failed: ["printer-01", "vpn-gw"] }) {
      knownErrors { knownError { title } matchedComponent { id } reason } } }`);
    const m = r.impactAnalysis.knownErrors.map((k: any) => [
      k.matchedComponent.id,
      k.reason,
      k.knownError.title,
    ]);
    expect(m).toContainEqual([
      'printer-01',
      'DIRECT',
      '网络打印机无法连接，打印任务一直处于等待状态',
    ]);
    expect(m).toContainEqual([
      'printer-01',
      'CI_CLASS',
      'Printers print garbled characters after the driver update',
    ]);
    expect(m).toContainEqual(['vpn-gw', 'DIRECT', 'VPN connections drop every 30 minutes']);
    const rc = await t.ok(
      `{ rootCauseCandidates(symptoms: ["svc-vpn"], limit: 3) { ci { id } knownErrors { title } } }`,
    );
    const vpn = rc.rootCauseCandidates.find((c: any) => c.ci.id === 'vpn-gw');
    expect(vpn.knownErrors.length).toBeGreaterThan(0);
  });
});

describe('searchKnowledge on the Neo4j engine', () => {
  it('finds Chinese text by a contained word, with highlights', async () => {
    const r = await search('打印机');
    expect(r.engine).toBe('neo4j');
    const titles = r.hits.map((h: any) => h.knownError.title);
    expect(titles).toContain('网络打印机无法连接，打印任务一直处于等待状态');
    const hit = r.hits.find((h: any) => h.knownError.title.startsWith('网络打印机'));
    expect(hit.highlights).toContainEqual({
      field: 'title',
      snippet: '网络<em>打印机</em>无法连接，打印任务一直处于等待状态',
    });
    expect(r.hits.every((h: any) => h.knownError.status === 'PUBLISHED')).toBe(true);
  });

  it('finds English text by word and stem', async () => {
    const r = await search('printer');
    const titles = r.hits.map((h: any) => h.knownError.title);
    expect(titles).toContain('Printers print garbled characters after the driver update');
    const stems = await search('certificates expiring');
    expect(stems.hits[0].knownError.title).toMatch(/certificate|证书/i);
  });

  it('finds an article by its number, and ranks it first', async () => {
    const any = (await search('VPN')).hits[0].knownError;
    const r = await search(any.number.toLowerCase());
    expect(r.hits[0].knownError.id).toBe(any.id);
    expect(r.hits[0].highlights).toContainEqual({
      field: 'number',
      snippet: `<em>${any.number}</em>`,
    });
  });

  it('honours the filters: status, CI, service, class and tags', async () => {
    expect(
      (await search('打印机', { status: ['DRAFT'] })).hits.every(
        (h: any) => h.knownError.status === 'DRAFT',
      ),
    ).toBe(true);
    const drafts = await search('printer driver deployment', { status: ['DRAFT'] });
    expect(drafts.hits.map((h: any) => h.knownError.title)).toContain(
      'Printer driver deployment fails on new desktops',
    );
    expect(
      (await search('printer driver deployment')).hits.map((h: any) => h.knownError.title),
    ).not.toContain('Printer driver deployment fails on new desktops');
    const bySvc = await search('证书 certificate', { serviceId: 'svc-vpn' });
    expect(bySvc.totalHits).toBeGreaterThan(0);
    expect(bySvc.hits.map((h: any) => h.knownError.title)).toContain(
      'VPN证书过期导致所有用户无法登录',
    );
    const byCi = await search('读卡', { ciId: 'reader-ss-10' });
    expect(byCi.hits.map((h: any) => h.knownError.title)).toContain(
      '社保卡读卡失败，窗口提示“卡片无响应”',
    );
    const byClass = await search('driver', { ciClass: 'Printer' });
    expect(byClass.hits.map((h: any) => h.knownError.title)).toContain(
      'Printers print garbled characters after the driver update',
    );
    expect((await search('driver', { ciClass: 'Firewall' })).totalHits).toBe(0);
    const byTag = await search('mail', { tags: ['mail', 'queue'] });
    expect(byTag.hits.map((h: any) => h.knownError.title)).toEqual([
      'Mail delivery delays caused by a full mail queue after antivirus signature update',
    ]);
  });

  it('pages with cursors through every hit exactly once', async () => {
    const all = await search('数据库 database', undefined, 50);
    expect(all.totalHits).toBeGreaterThan(4);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await search('数据库 database', undefined, 2, after);
      seen.push(...page.hits.map((h: any) => h.knownError.id));
      after = page.endCursor ?? undefined;
    } while (after);
    expect(seen).toEqual(all.hits.map((h: any) => h.knownError.id));
  });

  it('fills the page when the best hits of an index are all filtered out by status', async () => {
    // More strong DRAFT hits than an index hands over by default, and two weak PUBLISHED ones.
    const rows = Array.from({ length: MAX_CANDIDATES + 20 }, (_, i) => ({
      id: `ke-flood-${i}`,
      number: `KE-9${String(i).padStart(5, '0')}`,
      title: 'quuxfrob quuxfrob quuxfrob',
      symptoms: 'quuxfrob quuxfrob',
      status: 'DRAFT',
      tags: [],
    }));
    const published = ['ke-flood-pub-1', 'ke-flood-pub-2'].map((id, i) => ({
      id,
      number: `KE-8${String(i).padStart(5, '0')}`,
      title: `a long title about something else entirely, mentioning quuxfrob once (${i})`,
      symptoms: 'unrelated words that dilute the score of the one mention above',
      status: 'PUBLISHED',
      tags: [],
    }));
    await t.app.executor.driver.executeQuery(
      `UNWIND $rows AS row CREATE (k:Entity:KnownError) SET k = row, k.version = 1,
         k.author = 'test', k.createdAt = datetime(), k.updatedAt = datetime()`,
      { rows: [...rows, ...published] },
    );
    const page = await search('quuxfrob');
    expect(page.hits.map((h: any) => h.knownError.id).sort()).toEqual(published.map((p) => p.id));
    expect(page.totalHits).toBe(2);
    const drafts = await search('quuxfrob', { status: ['DRAFT'] }, 5);
    expect(drafts.hits).toHaveLength(5);
    expect(drafts.endCursor).not.toBeNull();
  });

  it('finds a write as soon as its mutation returns', async () => {
    let a = await draft('量子加密网关握手失败', { symptoms: 'Quantum gateway handshake fails' });
    a = (await t.ok(step('submitKnownError'), { id: a.id, v: a.version })).submitKnownError;
    a = (await t.ok(step('publishKnownError'), { id: a.id, v: a.version })).publishKnownError;
    expect((await search('量子加密')).hits[0].knownError.id).toBe(a.id);
    expect((await search('handshakes')).hits[0].knownError.id).toBe(a.id);
    // An edit of a published article waits for review (issue 22): search keeps the published text
    // until the edit is published, and then finds the new text at once.
    a = (await t.ok(UPDATE, { id: a.id, v: a.version, i: { title: '密码机握手失败' } }))
      .updateKnownError;
    expect((await search('量子加密')).hits[0].knownError.id).toBe(a.id);
    a = (await t.ok(step('submitKnownError'), { id: a.id, v: a.version })).submitKnownError;
    a = (await t.ok(step('publishKnownError'), { id: a.id, v: a.version })).publishKnownError;
    expect((await search('量子加密')).hits.map((h: any) => h.knownError.id)).not.toContain(a.id);
    expect((await search('密码机')).hits[0].knownError.id).toBe(a.id);
  });

  it('rejects an empty query and a page over 50, and treats query syntax as text', async () => {
    expect((await t.gql(SEARCH, { q: '  ' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'query',
    });
    expect((await t.gql(SEARCH, { q: 'vpn', first: 51 })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    const odd = await search('title:(vpn OR "x") AND *~ \\ 证书^');
    expect(odd.totalHits).toBeGreaterThan(0);
  });
});
