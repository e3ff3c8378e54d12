import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { hashApiKey } from '../src/modules/access/api-keys.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cmdb-security-'));
const auditFile = path.join(dir, 'audit.log');
const keysFile = path.join(dir, 'api-keys.json');
const SECRET = 'a-test-secret-of-at-least-32-characters!';
const key = (id: string) => `key-${id}-0123456789abcdef0123456789abcdef`;
const writeKeys = (entries: { id: string; roles: string[]; expires?: string }[]) =>
  writeFileSync(
    keysFile,
    JSON.stringify(entries.map((e) => ({ ...e, hash: hashApiKey(key(e.id)) }))),
  );

let t: TestApp;
beforeAll(async () => {
  writeKeys([
    { id: 'admin1', roles: ['ADMIN'] },
    { id: 'viewer1', roles: ['VIEWER'] },
  ]);
  // An existing audit file that anyone could write: the service takes it back to 0640.
  writeFileSync(auditFile, '');
  chmodSync(auditFile, 0o666);
  t = await startTestApp({
    AUTH_MODE: 'token',
    API_KEYS_FILE: keysFile,
    JWT_SECRET: SECRET,
    AUDIT_LOG: auditFile,
    AUTH_MAX_FAILURES: '100000',
    TRUSTED_PROXIES: '127.0.0.1,::1',
  });
  await t.reset();
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const audit = () =>
  readFileSync(auditFile, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const jwt = (claims: Record<string, unknown>, expiresIn: string | number = '1h') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(SECRET));
const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(t.app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('tokens', () => {
  it('refuses JWTs without a usable subject, without a known role, or living too long', async () => {
    const bad = [
      await jwt({ sub: '', roles: ['VIEWER'] }),
      await jwt({ sub: '   ', roles: ['VIEWER'] }),
      await jwt({ sub: 42, roles: ['VIEWER'] } as never),
      await jwt({ sub: { a: 1 }, roles: ['VIEWER'] } as never),
      await jwt({ sub: 'someone', roles: ['NO_SUCH_ROLE'] }),
      await jwt({ sub: 'someone', roles: ['VIEWER'] }, '100y'),
    ];
    for (const token of bad) {
      const r = await t.gql(`{ ciClasses { name } }`, undefined, {
        authorization: `Bearer ${token}`,
      });
      expect(r.status).toBe(401);
    }
    const good = await t.gql(`{ ciClasses { name } }`, undefined, {
      authorization: `Bearer ${await jwt({ sub: 'admin1', roles: ['VIEWER'] })}`,
    });
    expect(good.status).toBe(200);
    // The method tells a JWT for "admin1" from the API key "admin1".
    const lines = audit().filter((l) => l.eventType === 'AUTHENTICATION' && l.actor === 'admin1');
    expect(lines.at(-1)).toMatchObject({ method: 'jwt', result: 'SUCCESS' });
  });

  it('refuses an expired key, and a removed one from the next request after the file changes', async () => {
    writeKeys([
      { id: 'admin1', roles: ['ADMIN'] },
      { id: 'viewer1', roles: ['VIEWER'] },
      { id: 'old', roles: ['VIEWER'], expires: '2020-01-01T00:00:00Z' },
      { id: 'temp', roles: ['VIEWER'] },
    ]);
    const as = (id: string) =>
      t.gql(`{ ciClasses { name } }`, undefined, { authorization: `Bearer ${key(id)}` });
    await waitFor('the new key file to be read', async () => (await as('temp')).status === 200, {
      intervalMs: 200,
    });
    expect((await as('old')).status).toBe(401);
    writeKeys([
      { id: 'admin1', roles: ['ADMIN'] },
      { id: 'viewer1', roles: ['VIEWER'] },
    ]);
    await waitFor('the removed key to be refused', async () => (await as('temp')).status === 401, {
      intervalMs: 200,
    });
    expect((await as('viewer1')).status).toBe(200);
  });
});

describe('the audit trail of requests', () => {
  it('logs what ran, the client’s name apart, and the server’s own request id', async () => {
    const r = await post(
      JSON.stringify({
        query: `mutation readOnlyHealthCheck { importConfiguration(input: {}) { created } }`,
        operationName: 'readOnlyHealthCheck',
      }),
      { authorization: `Bearer ${key('viewer1')}`, 'x-request-id': 'spoofed-id-1' },
    );
    expect(r.headers.get('x-request-id')).not.toBe('spoofed-id-1');
    const line = audit().find(
      (l) => l.eventType === 'MUTATION' && l.clientRequestId === 'spoofed-id-1',
    );
    expect(line).toMatchObject({
      rootFields: ['importConfiguration'],
      operationName: 'readOnlyHealthCheck',
      result: 'DENIED',
      method: 'apiKey',
      requestId: r.headers.get('x-request-id'),
    });
  });

  it('logs refused mutations: unauthenticated, unparsable, with a root fragment, and caps long names', async () => {
    await post(
      JSON.stringify({
        query: `mutation { createOrgUnit(input: { name: "x", kind: TEAM }) { id } }`,
      }),
      {
        'x-request-id': 'no-token-1',
      },
    );
    await post(JSON.stringify({ query: `mutation { createOrgUnit(input: ` }), {
      authorization: `Bearer ${key('admin1')}`,
      'x-request-id': 'syntax-1',
    });
    await post(
      JSON.stringify({
        query: `mutation { ...M } fragment M on Mutation { createOrgUnit(input: { name: "y", kind: TEAM }) { id } }`,
      }),
      { authorization: `Bearer ${key('viewer1')}`, 'x-request-id': 'fragment-1' },
    );
    const longName = 'n'.repeat(900000);
    await post(
      JSON.stringify({
        query: `mutation ${longName} { createOrgUnit(input: { name: "z", kind: TEAM }) { id } }`,
      }),
      {
        authorization: `Bearer ${key('viewer1')}`,
        'x-request-id': 'long-1',
      },
    );
    const byId = (id: string) =>
      audit().find((l) => l.eventType === 'MUTATION' && l.clientRequestId === id);
    expect(byId('no-token-1')).toMatchObject({
      result: 'DENIED',
      method: 'none',
      rootFields: ['createOrgUnit'],
    });
    expect(byId('syntax-1')).toMatchObject({ result: 'FAILURE', actor: 'admin1' });
    expect(byId('fragment-1')).toMatchObject({ result: 'DENIED', rootFields: ['createOrgUnit'] });
    const long = byId('long-1');
    expect(long).toBeDefined();
    expect(JSON.stringify(long).length).toBeLessThan(2000);
  });

  it('logs mutations refused before GraphQL runs: batched, CSRF-blocked and oversized', async () => {
    const mutation = {
      query: `mutation { createOrgUnit(input: { name: "b", kind: TEAM }) { id } }`,
    };
    const auth = { authorization: `Bearer ${key('admin1')}` };
    const batch = await post(JSON.stringify([mutation, mutation]), {
      ...auth,
      'x-request-id': 'batch-1',
    });
    expect(batch.status).toBe(400);
    const csrf = await fetch(t.app.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...auth, 'x-request-id': 'csrf-1' },
      body: JSON.stringify(mutation),
    });
    expect(csrf.status).toBe(400);
    const big = await post(
      JSON.stringify({ ...mutation, variables: { pad: 'x'.repeat(1_100_000) } }),
      { ...auth, 'x-request-id': 'big-1' },
    );
    expect(big.status).toBe(413);
    for (const id of ['batch-1', 'csrf-1', 'big-1'])
      expect(
        audit().find((l) => l.eventType === 'MUTATION' && l.clientRequestId === id),
      ).toMatchObject({
        result: 'FAILURE',
      });
    const orgUnits = await t.gql(`{ orgUnits { name } }`, undefined, auth);
    expect((orgUnits.data as any).orgUnits.map((o: any) => o.name)).not.toContain('b');
  });

  it('keeps the audit file at 0640 and takes the client address from trusted proxies only', async () => {
    expect(statSync(auditFile).mode & 0o777).toBe(0o640);
    await t.gql(`{ ciClasses { name } }`, undefined, {
      authorization: `Bearer ${key('viewer1')}`,
      'x-forwarded-for': '203.0.113.50, 10.1.1.1',
      'x-request-id': 'proxied-1',
    });
    // The test connects from loopback, listed as a proxy: the nearest untrusted hop is the client.
    expect(audit().find((l) => l.clientRequestId === 'proxied-1')).toMatchObject({
      clientAddress: '10.1.1.1',
    });
  });
});

describe('failed logins', () => {
  it('answers 429 with Retry-After once an address has failed too often, and audits it', async () => {
    const guarded = await startTestApp({
      AUTH_MODE: 'token',
      API_KEYS_FILE: keysFile,
      AUDIT_LOG: path.join(dir, 'throttle.log'),
      AUTH_MAX_FAILURES: '5',
      AUTH_FAILURE_WINDOW_SECONDS: '600',
    });
    try {
      const attempt = (token: string) =>
        guarded.gql(`{ ciClasses { name } }`, undefined, { authorization: `Bearer ${token}` });
      for (let i = 0; i < 5; i++) expect((await attempt(`wrong-key-${i}`)).status).toBe(401);
      const res = await fetch(guarded.app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key('viewer1')}` },
        body: JSON.stringify({ query: '{ ciClasses { name } }' }),
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const lines = readFileSync(path.join(dir, 'throttle.log'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.at(-1)).toMatchObject({
        eventType: 'AUTHENTICATION',
        result: 'DENIED',
        detail: expect.stringContaining('throttled'),
      });
    } finally {
      await guarded.close();
    }
  });

  it('throttles a claimed JWT subject across addresses', async () => {
    const guarded = await startTestApp({
      AUTH_MODE: 'token',
      JWT_SECRET: SECRET,
      AUDIT_LOG: path.join(dir, 'subject.log'),
      AUTH_MAX_FAILURES: '3',
      TRUSTED_PROXIES: '127.0.0.1,::1',
    });
    try {
      const forged = await new SignJWT({ sub: 'admin1', roles: ['ADMIN'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('a-wrong-secret-of-at-least-32-characters'));
      // Each attempt from another address: only the subject ties them together.
      const from = (i: number, token: string) =>
        guarded.gql(`{ ciClasses { name } }`, undefined, {
          authorization: `Bearer ${token}`,
          'x-forwarded-for': `198.51.100.${i}`,
        });
      for (let i = 1; i <= 3; i++) expect((await from(i, forged)).status).toBe(401);
      expect((await from(4, forged)).status).toBe(429);
      const other = await jwt({ sub: 'viewer2', roles: ['VIEWER'] });
      expect((await from(5, other)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
