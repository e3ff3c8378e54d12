import { codeOf, errorOf } from './support/factories.js';
import { startTokenApp, type TokenApp } from './support/token-app.js';

const USERS: Record<string, string[]> = {
  eng1: ['ENGINEER'],
  eng2: ['ENGINEER'],
  pm1: ['PROBLEM_MANAGER'],
  pm2: ['PROBLEM_MANAGER'],
  admin1: ['ADMIN'],
};

let app: TokenApp;
beforeAll(async () => {
  app = await startTokenApp(USERS);
  await app.t.loadDemo();
}, 180000);
afterAll(() => app.close());

const FIELDS = `id version status title pendingStatus publishedRevision reviewer
  pendingRevision { version title editedBy } revisions { version title editedBy }`;
const as = (who: string, query: string, variables?: Record<string, unknown>) =>
  app.as(who, query, variables);
const ok = (who: string, query: string, variables?: Record<string, unknown>) =>
  app.ok(who, query, variables);
const step = (name: string, reason = false) =>
  `mutation($id: ID!, $v: Int!) { ${name}(id: $id, expectedVersion: $v${reason ? ', reason: "不准确"' : ''}) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $i: UpdateKnownErrorInput!) { updateKnownError(id: $id, expectedVersion: $v, input: $i) { ${FIELDS} } }`;
const SEARCH = `query($q: String!) { searchKnowledge(query: $q) { hits { knownError { id title } } } }`;
const found = async (q: string) =>
  (await ok('eng1', SEARCH, { q })).hits.map((h: any) => h.knownError.id) as string[];

describe('the known-error review (issue 22)', () => {
  it('lets only the author or a problem manager submit, and no editor publish their own text', async () => {
    let a = await ok(
      'eng1',
      `mutation { createKnownError(input: { title: "独角兽网关超时", symptoms: "unicorn gateway timeout" }) { ${FIELDS} } }`,
    );
    const other = await as('eng2', step('submitKnownError'), { id: a.id, v: a.version });
    expect(errorOf(other)).toMatchObject({
      code: 'FORBIDDEN',
      requiredRole: 'PROBLEM_MANAGER',
    });
    a = await ok('eng1', step('submitKnownError'), { id: a.id, v: a.version });
    // A problem manager rewrites it in review: they may not publish it alone.
    a = await ok('pm1', UPDATE, { id: a.id, v: a.version, i: { title: '独角兽网关握手超时' } });
    expect(codeOf(await as('pm1', step('publishKnownError'), { id: a.id, v: a.version }))).toBe(
      'FORBIDDEN',
    );
    a = await ok('pm2', step('publishKnownError'), { id: a.id, v: a.version });
    expect(a).toMatchObject({
      status: 'PUBLISHED',
      reviewer: 'pm2',
      publishedRevision: 3,
      pendingStatus: null,
    });
  });

  it('keeps the published text for readers and search while an edit waits for review', async () => {
    let a = await ok(
      'eng1',
      `mutation { createKnownError(input: { title: "麒麟网关丢包", symptoms: "kirin gateway drops packets" }) { ${FIELDS} } }`,
    );
    a = await ok('eng1', step('submitKnownError'), { id: a.id, v: a.version });
    a = await ok('pm1', step('publishKnownError'), { id: a.id, v: a.version });
    a = await ok('eng2', UPDATE, {
      id: a.id,
      v: a.version,
      i: { title: '凤凰网关丢包', symptoms: 'phoenix gateway drops packets' },
    });
    expect(a).toMatchObject({
      status: 'PUBLISHED',
      title: '麒麟网关丢包',
      pendingStatus: 'DRAFT',
      pendingRevision: { title: '凤凰网关丢包', editedBy: 'eng2' },
    });
    expect(a.revisions.map((r: any) => r.title)).toEqual(['麒麟网关丢包', '凤凰网关丢包']);
    expect(await found('phoenix')).not.toContain(a.id);
    expect(await found('kirin')).toContain(a.id);
    // The article's author did not write this edit: its editor submits it.
    expect(codeOf(await as('eng1', step('submitKnownError'), { id: a.id, v: a.version }))).toBe(
      'FORBIDDEN',
    );
    a = await ok('eng2', step('submitKnownError'), { id: a.id, v: a.version });
    expect(a.pendingStatus).toBe('IN_REVIEW');
    a = await ok('pm1', step('rejectKnownError', true), { id: a.id, v: a.version });
    expect(a).toMatchObject({ status: 'PUBLISHED', pendingStatus: 'DRAFT', title: '麒麟网关丢包' });
    a = await ok('eng2', step('submitKnownError'), { id: a.id, v: a.version });
    a = await ok('pm1', step('publishKnownError'), { id: a.id, v: a.version });
    expect(a).toMatchObject({
      status: 'PUBLISHED',
      title: '凤凰网关丢包',
      pendingStatus: null,
      pendingRevision: null,
      publishedRevision: a.revisions.at(-1).version,
    });
    expect(await found('phoenix')).toContain(a.id);
    expect(await found('kirin')).not.toContain(a.id);
    const h = await ok(
      'pm1',
      `query($id: ID!) { history(entityId: $id) { edges { node { action actor changes } } } }`,
      { id: a.id },
    );
    expect(h.edges[0].node).toMatchObject({
      action: 'TRANSITION',
      actor: 'pm1',
      changes: {
        title: { before: '麒麟网关丢包', after: '凤凰网关丢包' },
        pendingStatus: { before: 'IN_REVIEW', after: null },
      },
    });
  });

  it('records an ADMIN who publishes their own edit, and keeps links of published articles to problem managers', async () => {
    let a = await ok(
      'eng1',
      `mutation { createKnownError(input: { title: "白泽网关告警", symptoms: "baize alarm" }) { ${FIELDS} } }`,
    );
    a = await ok('eng1', step('submitKnownError'), { id: a.id, v: a.version });
    a = await ok('pm1', step('publishKnownError'), { id: a.id, v: a.version });
    a = await ok('admin1', UPDATE, { id: a.id, v: a.version, i: { workaround: '重启白泽网关' } });
    a = await ok('admin1', step('submitKnownError'), { id: a.id, v: a.version });
    a = await ok('admin1', step('publishKnownError'), { id: a.id, v: a.version });
    const h = await ok(
      'pm1',
      `query($id: ID!) { history(entityId: $id, first: 1) { edges { node { changes } } } }`,
      { id: a.id },
    );
    expect(h.edges[0].node.changes.authorOverride).toEqual({ before: null, after: true });
    const LINK = `mutation($id: ID!) { linkKnownError(id: $id, ciIds: ["core-ext-1"]) { id } }`;
    expect(codeOf(await as('eng1', LINK, { id: a.id }))).toBe('FORBIDDEN');
    expect((await as('pm1', LINK, { id: a.id })).errors).toBeUndefined();
  });
});
