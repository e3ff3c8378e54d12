import { readFileSync } from 'node:fs';
import { codeOf } from './support/factories.js';
import { startTokenApp, type TokenApp } from './support/token-app.js';

const USERS: Record<string, string[]> = {
  admin1: ['ADMIN'],
  auditor1: ['AUDITOR'],
  sec1: ['SECURITY_ADMIN'],
  viewer1: ['VIEWER'],
};

let app: TokenApp;
beforeAll(async () => {
  app = await startTokenApp(USERS);
  await app.t.reset();
});
afterAll(() => app.close());

const as = (who: string, query: string, variables?: Record<string, unknown>) =>
  app.as(who, query, variables);
const EVENTS = `query($f: AuditEventFilter, $first: Int, $after: String) { auditEvents(filter: $f, first: $first, after: $after) {
  totalCount edges { node { time eventType result actor method rootFields requestId } } pageInfo { hasNextPage endCursor } } }`;
const CREATE = `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id roles expires createdAt } } }`;

describe('the auditor (issue 22 item 17)', () => {
  it('reads the security audit events, paged and filtered; nobody else does, not even ADMIN', async () => {
    await as('viewer1', `mutation { createOrgUnit(input: { name: "x", kind: TEAM }) { id } }`);
    await as('viewer1', `{ ciClasses { name } }`);
    const denied = await as('auditor1', EVENTS, { f: { actor: 'viewer1', eventType: 'MUTATION' } });
    expect(denied.data.auditEvents.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({
        result: 'DENIED',
        method: 'apiKey',
        rootFields: ['createOrgUnit'],
      }),
    ]);
    const all = (await as('auditor1', EVENTS, { f: { actor: 'viewer1' } })).data.auditEvents;
    expect(all.totalCount).toBe(3);
    const first = (await as('auditor1', EVENTS, { f: { actor: 'viewer1' }, first: 2 })).data
      .auditEvents;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (
      await as('auditor1', EVENTS, {
        f: { actor: 'viewer1' },
        first: 2,
        after: first.pageInfo.endCursor,
      })
    ).data.auditEvents;
    expect([...first.edges, ...next.edges].map((e: any) => e.node.requestId)).toEqual(
      all.edges.map((e: any) => e.node.requestId),
    );
    for (const who of ['admin1', 'sec1', 'viewer1'])
      expect(codeOf(await as(who, EVENTS))).toBe('FORBIDDEN');
    // The auditor reads ChangeRecords too, and nothing else.
    expect(codeOf(await as('auditor1', `{ auditTrail { totalCount } }`))).toBeUndefined();
    expect(codeOf(await as('auditor1', `{ ciClasses { name } }`))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await as('auditor1', `mutation { createOrgUnit(input: { name: "x", kind: TEAM }) { id } }`),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('the security administrator (issue 22 item 17)', () => {
  it('makes, lists and revokes API keys; the key works at once and stops at once; ADMIN cannot', async () => {
    const made = (
      await as('sec1', CREATE, {
        i: { id: 'ops-viewer', roles: ['VIEWER'], expires: '2099-01-01T00:00:00Z' },
      })
    ).data.createApiKey;
    expect(made.apiKey).toMatchObject({
      id: 'ops-viewer',
      roles: ['VIEWER'],
      expires: '2099-01-01T00:00:00.000Z',
    });
    expect(readFileSync(app.keysFile, 'utf8')).not.toContain(made.key);
    expect((await as(made.key, `{ ciClasses { name } }`)).status).toBe(200);
    const list = (await as('sec1', `{ apiKeys { id roles } }`)).data.apiKeys;
    expect(list.map((k: any) => k.id)).toEqual([
      'admin1',
      'auditor1',
      'sec1',
      'viewer1',
      'ops-viewer',
    ]);
    expect(JSON.stringify(list)).not.toMatch(/sha256|hash/);
    expect(codeOf(await as('sec1', CREATE, { i: { id: 'ops-viewer', roles: ['VIEWER'] } }))).toBe(
      'CONFLICT',
    );
    expect(
      codeOf(
        await as('sec1', CREATE, {
          i: { id: 'old', roles: ['VIEWER'], expires: '2001-01-01T00:00:00Z' },
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(codeOf(await as('admin1', CREATE, { i: { id: 'by-admin', roles: ['ADMIN'] } }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await as('admin1', `{ apiKeys { id } }`))).toBe('FORBIDDEN');
    expect(
      (await as('sec1', `mutation { revokeApiKey(id: "ops-viewer") }`)).data.revokeApiKey,
    ).toBe(true);
    expect((await as(made.key, `{ ciClasses { name } }`)).status).toBe(401);
    expect(codeOf(await as('sec1', `mutation { revokeApiKey(id: "ops-viewer") }`))).toBe(
      'NOT_FOUND',
    );
    // Both are audited, and the audit line never holds the key.
    const log = readFileSync(app.auditLog, 'utf8');
    expect(log).not.toContain(made.key);
    const lines = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(
      lines
        .filter((l) => l.actor === 'sec1' && l.eventType === 'MUTATION')
        .map((l) => l.rootFields[0]),
    ).toEqual(expect.arrayContaining(['createApiKey', 'revokeApiKey']));
  });
});
