import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Loaders } from '../../src/context.js';
import { createLoaders, ensureTaxonomy, startApp, type App } from '../../src/main.js';
import type { Caller } from '../../src/modules/access/caller.js';
import type { Actor } from '../../src/modules/access/roles.js';
import { loadConfig } from '../../src/config.js';
import { fromRoot } from '../../src/paths.js';

/** A GraphQL response as the HTTP endpoint returns it. */
export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions: { code: string; field?: string; [k: string]: unknown };
  }[];
}

/** The service running in this test process against the run's Neo4j, with helpers. */
export interface TestApp {
  app: App;
  /** POSTs one GraphQL operation to /graphql. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResponse<T>>;
  /** Like gql, but fails the test on any error and returns `data`. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Deletes every entity (migrations stay) and re-creates the class taxonomy. */
  reset(): Promise<void>;
  /** Resets, then imports the demo CMDB (seed/demo-cmdb.json) as an administrator. */
  loadDemo(): Promise<void>;
  close(): Promise<void>;
}

/** A caller of the app's services as `actor`, with a fresh set of loaders (one "request"). */
export function callerOf(app: App, actor: Actor): Caller<Loaders> {
  return { actor, requestId: null, loaders: createLoaders(app.executor, app.services) };
}

let appCount = 0;

/** Starts the real service on a free port against the integration run's Neo4j. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  // The security audit log of this app: a temporary file, removed when the app closes.
  const auditLog = path.join(tmpdir(), `cmdb-test-audit-${process.pid}-${(appCount += 1)}.log`);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    NEO4J_USER: process.env.TEST_NEO4J_USER,
    NEO4J_PASSWORD: process.env.TEST_NEO4J_PASSWORD,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'false',
    AUDIT_STDOUT: 'false',
    AUDIT_LOG: auditLog,
    ...env,
  });
  const app = await startApp(config, process.env.TEST_NEO4J_URI!, pino({ level: config.logLevel }));
  const gql = async <T>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GqlResponse<T>> => {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  };
  const testApp: TestApp = {
    app,
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const res = await gql<T>(query, variables);
      if (res.errors) throw new Error(`unexpected GraphQL errors: ${JSON.stringify(res.errors)}`);
      return res.data as T;
    },
    async reset() {
      const session = app.driver.session();
      try {
        await session.run(
          'MATCH (n) WHERE NOT n:Migration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
        );
      } finally {
        await session.close();
      }
      await ensureTaxonomy(app.executor);
    },
    async loadDemo() {
      await testApp.reset();
      const demo = JSON.parse(readFileSync(fromRoot('seed', 'demo-cmdb.json'), 'utf8'));
      await app.services.importer.importConfiguration(
        callerOf(app, { id: 'test', roles: ['ADMIN'] }),
        demo,
        'batched',
      );
    },
    async close() {
      await app.close();
      rmSync(auditLog, { force: true });
    },
  };
  return testApp;
}
