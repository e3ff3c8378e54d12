import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importSPKI, jwtVerify, type JWTVerifyOptions } from 'jose';
import type { Config } from '../config.js';
import type { Actor } from '../context.js';
import { ROLES, type Role } from '../modules/access/roles.js';

/** The outcome of authenticating one request. */
export type Authentication =
  | { ok: true; actor: Actor; method: 'dev' | 'api-key' | 'jwt' }
  | { ok: false; reason: string; method: 'none' | 'api-key' | 'jwt' };

/** One entry of the API key file: only the key's hash is stored. */
interface ApiKeyEntry {
  id: string;
  hash: string;
  roles: string[];
}

/** The hash an API key is stored as: `sha256:<hex>` (keys are long random strings, not passwords). */
export function hashApiKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

const knownRoles = (roles: unknown): Role[] =>
  (Array.isArray(roles) ? roles : typeof roles === 'string' ? roles.split(/[\s,]+/) : []).filter(
    (r): r is Role => ROLES.includes(r as Role),
  );

/** Reads and checks the API key file; a bad file stops the start. */
function readApiKeys(file: string): Map<string, ApiKeyEntry> {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as ApiKeyEntry[];
  if (!Array.isArray(entries)) throw new Error(`${file}: expected a JSON array of API keys`);
  const byHash = new Map<string, ApiKeyEntry>();
  for (const [i, e] of entries.entries()) {
    if (typeof e?.id !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(String(e.hash)))
      throw new Error(`${file}[${i}]: needs an id and a hash "sha256:<64 hex digits>"`);
    if (knownRoles(e.roles).length === 0)
      throw new Error(`${file}[${i}]: needs at least one role of ${ROLES.join(', ')}`);
    byHash.set(e.hash, e);
  }
  return byHash;
}

/**
 * Builds the request authenticator of API.md's Access section. In `dev` mode every request is
 * the `dev` admin. In `token` mode, `Authorization: Bearer <token>` carries either a JWT (HS256
 * with JWT_SECRET or RS256 with JWT_PUBLIC_KEY_FILE; the actor is `sub`, the roles come from the
 * configured claim) or an API key from API_KEYS_FILE.
 */
export async function createAuthenticator(
  config: Config,
): Promise<(authorization: string | undefined) => Promise<Authentication>> {
  if (config.authMode === 'dev') {
    return async () => ({ ok: true, actor: { id: 'dev', roles: ['ADMIN'] }, method: 'dev' });
  }
  const { auth } = config;
  const apiKeys = auth.apiKeysFile ? readApiKeys(auth.apiKeysFile) : new Map();
  const rsaKey = auth.jwtPublicKeyFile
    ? await importSPKI(readFileSync(auth.jwtPublicKeyFile, 'utf8'), 'RS256')
    : undefined;
  const hmacKey = auth.jwtSecret ? new TextEncoder().encode(auth.jwtSecret) : undefined;
  const verifyOptions: JWTVerifyOptions = {
    algorithms: [...(hmacKey ? ['HS256'] : []), ...(rsaKey ? ['RS256'] : [])],
    issuer: auth.jwtIssuer,
    audience: auth.jwtAudience,
    requiredClaims: ['sub', 'exp'],
  };

  return async (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) {
      return {
        ok: false,
        method: 'none',
        reason: authorization ? 'malformed Authorization header' : 'no token',
      };
    }
    const token = match[1]!;
    if (/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) {
      if (!hmacKey && !rsaKey) return { ok: false, method: 'jwt', reason: 'JWTs are not accepted' };
      try {
        const { payload } = await jwtVerify(
          token,
          async (header) => (header.alg === 'RS256' ? rsaKey! : hmacKey!),
          verifyOptions,
        );
        const roles = knownRoles(payload[auth.jwtRolesClaim]);
        return { ok: true, method: 'jwt', actor: { id: String(payload.sub), roles } };
      } catch (error) {
        return { ok: false, method: 'jwt', reason: (error as Error).message };
      }
    }
    const hash = hashApiKey(token);
    const entry = apiKeys.get(hash);
    // The map lookup found a candidate; compare the hashes in constant time all the same.
    if (!entry || !timingSafeEqual(Buffer.from(entry.hash), Buffer.from(hash)))
      return { ok: false, method: 'api-key', reason: 'unknown API key' };
    return { ok: true, method: 'api-key', actor: { id: entry.id, roles: knownRoles(entry.roles) } };
  };
}
