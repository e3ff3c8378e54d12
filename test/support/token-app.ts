import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashApiKey } from '../../src/modules/access/api-keys.js';
import { startTestApp, type GqlResponse, type TestApp } from './test-app.js';

/** The made-up API key of a test person (only its hash is in the app's key file). */
export const keyOf = (who: string) => `key-${who}-0123456789abcdef0123456789abcdef`;

/** A test app in token mode with one API key per person, and requests as each of them. */
export interface TokenApp {
  t: TestApp;
  /** The app's folder: its key file and audit log. */
  dir: string;
  keysFile: string;
  auditLog: string;
  /** POSTs an operation as a person (or with a raw key starting `egk_`). */
  as<T = any>(
    who: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResponse<T>>;
  /** The first field of an operation's data as a person; throws on any GraphQL error. */
  ok(who: string, query: string, variables?: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

/**
 * Starts the service in token mode with API keys for these people (`name → roles`), its audit
 * log in a folder of its own; the failed-login limiter is left wide open (tested on its own).
 */
export async function startTokenApp(
  people: Record<string, string[]>,
  env: Record<string, string> = {},
): Promise<TokenApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cmdb-token-'));
  const keysFile = path.join(dir, 'api-keys.json');
  const auditLog = path.join(dir, 'audit.log');
  writeFileSync(
    keysFile,
    JSON.stringify(
      Object.entries(people).map(([id, roles]) => ({ id, roles, hash: hashApiKey(keyOf(id)) })),
    ),
  );
  const t = await startTestApp({
    AUTH_MODE: 'token',
    API_KEYS_FILE: keysFile,
    AUDIT_LOG: auditLog,
    AUTH_MAX_FAILURES: '100000',
    ...env,
  });
  const as: TokenApp['as'] = (who, query, variables) =>
    t.gql(query, variables, {
      authorization: `Bearer ${who.startsWith('egk_') ? who : keyOf(who)}`,
    });
  return {
    t,
    dir,
    keysFile,
    auditLog,
    as,
    async ok(who, query, variables) {
      const r = await as(who, query, variables);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return Object.values(r.data!)[0];
    },
    async close() {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
