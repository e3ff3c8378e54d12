import { errorOf } from './support/factories.js';
import { draftOf, FIELDS, CREATE, UPDATE, step } from './support/known-errors.js';
import { callerOf, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.loadDemo();
}, 180000);
afterAll(() => t.close());

const GET = `query($id: ID!) { knownError(id: $id) { ${FIELDS} } }`;

const code = (r: any) => errorOf(r).code;
const draft = (title: string, extra: Record<string, unknown> = {}) => draftOf(t)(title, extra);

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
    expect(errorOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    const c = await t.gql(CREATE, { i: { title: 'x', symptoms: 'x', ciClasses: ['NoSuchClass'] } });
    expect(errorOf(c)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ciClasses' });
    const s = await t.gql(CREATE, { i: { title: 'x', symptoms: 'x', serviceIds: ['printer-01'] } });
    expect(errorOf(s)).toMatchObject({
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
