import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { hashApiKey } from '../src/modules/access/api-keys.js';
import { errorOf } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cmdb-access-'));
const auditFile = path.join(dir, 'audit.log');
const SECRET = 'a-test-secret-of-at-least-32-characters!';
const KEYS: Record<string, string[]> = {
  viewer: ['VIEWER'],
  engineer: ['ENGINEER'],
  manager: ['PROBLEM_MANAGER'],
  cmdb: ['CMDB_ADMIN'],
  admin: ['ADMIN'],
};
const keyOf = (who: string) => `key-${who}-0123456789abcdef0123456789abcdef`;

let t: TestApp;
beforeAll(async () => {
  const keysFile = path.join(dir, 'api-keys.json');
  writeFileSync(
    keysFile,
    JSON.stringify(
      Object.entries(KEYS).map(([id, roles]) => ({ id, hash: hashApiKey(keyOf(id)), roles })),
    ),
  );
  t = await startTestApp({
    AUTH_MODE: 'token',
    API_KEYS_FILE: keysFile,
    JWT_SECRET: SECRET,
    AUDIT_LOG: auditFile,
    // The failed-login limiter is tested on its own (security.test.ts).
    AUTH_MAX_FAILURES: '100000',
  });
  await t.reset();
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const as = (who: string, query: string, variables?: Record<string, unknown>) =>
  t.gql(query, variables, { authorization: `Bearer ${keyOf(who)}` });
const bearer = (token: string, query: string) =>
  t.gql(query, undefined, { authorization: `Bearer ${token}` });
const auditLines = () =>
  readFileSync(auditFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

const CREATE_CI = `mutation($id: ID!) { createConfigurationItem(input: { id: $id, name: "x", ciClass: "PhysicalServer", environment: PRODUCTION, criticality: LOW }) { id } }`;
const CREATE_KE = `mutation($t: String!) { createKnownError(input: { title: $t, symptoms: "s" }) { id version } }`;
const STEP = (name: string) =>
  `mutation($id: ID!, $v: Int!) { ${name}(id: $id, expectedVersion: $v) { id version status } }`;

describe('authentication', () => {
  it('answers UNAUTHENTICATED without a token, with an unknown key or a malformed header', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer nope' },
      { authorization: 'Basic x' },
    ];
    for (const headers of attempts) {
      const r = await t.gql(`{ ciClasses { name } }`, undefined, headers);
      expect(r.status).toBe(401);
      expect(errorOf(r)).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    const denied = auditLines().filter(
      (l) => l.eventType === 'AUTHENTICATION' && l.result === 'DENIED',
    );
    expect(denied.length).toBeGreaterThanOrEqual(3);
  });

  it('accepts a JWT signed with the secret, with roles from its claim, and refuses expired or forged ones', async () => {
    const sign = (secret: string, exp: string | number) =>
      new SignJWT({ roles: ['VIEWER'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('zhang.wei')
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(secret));
    const ok = await bearer(await sign(SECRET, '5m'), `{ ciClasses { name } }`);
    expect(ok.errors).toBeUndefined();
    const write = await bearer(
      await sign(SECRET, '5m'),
      `mutation { createKnownError(input: { title: "x", symptoms: "s" }) { id } }`,
    );
    expect(errorOf(write)).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'ENGINEER' });
    const expired = await bearer(
      await sign(SECRET, Math.floor(Date.now() / 1000) - 60),
      `{ ciClasses { name } }`,
    );
    expect(errorOf(expired)).toMatchObject({ code: 'UNAUTHENTICATED' });
    const forged = await bearer(
      await sign('another-secret-of-at-least-32-chars!!', '5m'),
      `{ ciClasses { name } }`,
    );
    expect(errorOf(forged)).toMatchObject({ code: 'UNAUTHENTICATED' });
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'x', roles: ['ADMIN'], exp: 9999999999 }),
    ).toString('base64url')}.`;
    expect(errorOf(await bearer(unsigned, `{ ciClasses { name } }`))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(
      auditLines().some(
        (l) =>
          l.eventType === 'AUTHENTICATION' && l.actor === 'zhang.wei' && l.result === 'SUCCESS',
      ),
    ).toBe(true);
  });
});

describe('role boundaries', () => {
  it('lets a VIEWER read everything and write nothing', async () => {
    expect(
      (await as('viewer', `{ configurationItems(first: 1) { totalCount } }`)).errors,
    ).toBeUndefined();
    expect(errorOf(await as('viewer', CREATE_CI, { id: 'v-1' }))).toMatchObject({
      code: 'FORBIDDEN',
      requiredRole: 'CMDB_ADMIN',
    });
    expect((await as('viewer', `{ configurationItem(id: "v-1") { id } }`)).data).toEqual({
      configurationItem: null,
    });
  });

  it('keeps CMDB administration and the known-error workflow apart', async () => {
    expect((await as('cmdb', CREATE_CI, { id: 'c-1' })).errors).toBeUndefined();
    expect(errorOf(await as('cmdb', CREATE_KE, { t: 'x' }))).toMatchObject({
      code: 'FORBIDDEN',
      requiredRole: 'ENGINEER',
    });
    expect(errorOf(await as('engineer', CREATE_CI, { id: 'e-1' }))).toMatchObject({
      code: 'FORBIDDEN',
      requiredRole: 'CMDB_ADMIN',
    });
    expect(errorOf(await as('manager', CREATE_CI, { id: 'm-1' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('lets engineers draft and submit, problem managers publish others’ articles, and an ADMIN author publish on the record', async () => {
    let a = (await as('engineer', CREATE_KE, { t: '工程师起草' })).data!.createKnownError as any;
    a = (await as('engineer', STEP('submitKnownError'), { id: a.id, v: a.version })).data!
      .submitKnownError;
    expect(
      errorOf(await as('engineer', STEP('publishKnownError'), { id: a.id, v: a.version })),
    ).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'PROBLEM_MANAGER' });
    expect(
      errorOf(await as('cmdb', STEP('publishKnownError'), { id: a.id, v: a.version })),
    ).toMatchObject({
      code: 'FORBIDDEN',
      requiredRole: 'PROBLEM_MANAGER',
    });
    const published = await as('manager', STEP('publishKnownError'), { id: a.id, v: a.version });
    expect((published.data as any).publishKnownError.status).toBe('PUBLISHED');

    let own = (await as('manager', CREATE_KE, { t: '经理自己写的' })).data!.createKnownError as any;
    own = (await as('manager', STEP('submitKnownError'), { id: own.id, v: own.version })).data!
      .submitKnownError;
    expect(
      errorOf(await as('manager', STEP('publishKnownError'), { id: own.id, v: own.version })),
    ).toMatchObject({ code: 'FORBIDDEN' });

    let mine = (await as('admin', CREATE_KE, { t: '管理员自审' })).data!.createKnownError as any;
    mine = (await as('admin', STEP('submitKnownError'), { id: mine.id, v: mine.version })).data!
      .submitKnownError;
    const self = await as('admin', STEP('publishKnownError'), { id: mine.id, v: mine.version });
    expect((self.data as any).publishKnownError.status).toBe('PUBLISHED');
  });
});

describe('the security audit log', () => {
  it('has one line per mutation, allowed or denied, with time, actor, roles, address, operation, type, result and request id', async () => {
    const r = await t.gql(
      CREATE_CI,
      { id: 'audit-1' },
      {
        authorization: `Bearer ${keyOf('viewer')}`,
        'x-request-id': 'req-audit-denied',
      },
    );
    expect(errorOf(r)).toMatchObject({ code: 'FORBIDDEN' });
    await t.gql(
      CREATE_CI,
      { id: 'audit-2' },
      {
        authorization: `Bearer ${keyOf('cmdb')}`,
        'x-request-id': 'req-audit-ok',
      },
    );
    const lines = auditLines();
    const denied = lines.find(
      (l) => l.clientRequestId === 'req-audit-denied' && l.eventType === 'MUTATION',
    );
    expect(denied).toMatchObject({
      actor: 'viewer',
      roles: ['VIEWER'],
      rootFields: ['createConfigurationItem'],
      method: 'apiKey',
      result: 'DENIED',
      clientAddress: expect.stringMatching(/127\.0\.0\.1|::1/),
    });
    expect(Date.parse(denied.time)).toBeGreaterThan(Date.now() - 60000);
    expect(
      lines.find((l) => l.clientRequestId === 'req-audit-ok' && l.eventType === 'MUTATION'),
    ).toMatchObject({
      actor: 'cmdb',
      result: 'SUCCESS',
    });
    // The server's own request id ties the two lines together; the client's is kept apart.
    const ok = lines.filter((l) => l.clientRequestId === 'req-audit-ok');
    expect(new Set(ok.map((l) => l.requestId)).size).toBe(1);
    expect(ok[0].requestId).not.toBe('req-audit-ok');
    expect(ok.map((l) => l.eventType)).toEqual(['AUTHENTICATION', 'MUTATION']);
  });
});
