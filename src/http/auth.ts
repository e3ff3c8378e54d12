import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeJwt, importSPKI, jwtVerify, type JWTVerifyOptions } from 'jose';
import type { Config } from '../config.js';
import type { Actor } from '../context.js';
import { ROLES, type Role } from '../modules/access/roles.js';

/** How a request authenticated. */
export type AuthMethod = 'dev' | 'apiKey' | 'jwt';

/** The outcome of authenticating one request. */
export type Authentication =
  | { ok: true; actor: Actor; method: AuthMethod }
  | {
      ok: false;
      reason: string;
      method: AuthMethod | 'none';
      /** The subject a refused JWT claimed, for the audit log (never trusted). */
      claimedSubject?: string;
    };

/** One entry of the API key file: only the key's hash is stored. */
export interface ApiKeyEntry {
  id: string;
  hash: string;
  roles: string[];
  /** When the key stops working (ISO-8601); absent: it does not expire. */
  expires?: string;
}

/** The hash an API key is stored as: `sha256:<hex>` (keys are long random strings, not passwords). */
export function hashApiKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

const knownRoles = (roles: unknown): Role[] =>
  (Array.isArray(roles) ? roles : typeof roles === 'string' ? roles.split(/[\s,]+/) : []).filter(
    (r): r is Role => ROLES.includes(r as Role),
  );

/** A usable subject: a string of 1 to 200 characters with something besides white space. */
const usableSubject = (sub: unknown): sub is string =>
  typeof sub === 'string' && sub.trim() !== '' && sub.length <= 200 && !/[\p{Cc}]/u.test(sub);

/**
 * Reads and checks the API key file; a bad file throws with every entry's problem. ADMIN on a key
 * is refused when `adminRequiresJwt` (administrators come through the identity provider).
 */
export function readApiKeys(file: string, adminRequiresJwt = false): Map<string, ApiKeyEntry> {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as ApiKeyEntry[];
  if (!Array.isArray(entries)) throw new Error(`${file}: expected a JSON array of API keys`);
  const byHash = new Map<string, ApiKeyEntry>();
  for (const [i, e] of entries.entries()) {
    if (!usableSubject(e?.id) || !/^sha256:[0-9a-f]{64}$/.test(String(e.hash)))
      throw new Error(`${file}[${i}]: needs an id and a hash "sha256:<64 hex digits>"`);
    if (knownRoles(e.roles).length === 0)
      throw new Error(`${file}[${i}]: needs at least one role of ${ROLES.join(', ')}`);
    if (e.expires !== undefined && Number.isNaN(Date.parse(e.expires)))
      throw new Error(`${file}[${i}]: expires must be an ISO-8601 date-time`);
    if (adminRequiresJwt && knownRoles(e.roles).includes('ADMIN'))
      throw new Error(`${file}[${i}]: ADMIN_REQUIRES_JWT=true: no API key may carry ADMIN`);
    byHash.set(e.hash, e);
  }
  return byHash;
}

/** The request authenticator, and how to reload its API key file. */
export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Authentication>;
  /** The subject a bearer JWT claims, unverified (for the failed-login limiter's key); else null. */
  claimedSubject(authorization: string | undefined): string | null;
  /** Reads API_KEYS_FILE again; a bad file keeps the keys in force and throws. */
  reloadKeys(): void;
}

/**
 * Builds the request authenticator of API.md's Access section. In `dev` mode every request is
 * the `dev` admin. In `token` mode, `Authorization: Bearer <token>` carries either a JWT (HS256
 * with JWT_SECRET or RS256 with JWT_PUBLIC_KEY_FILE; the actor is `sub`, the roles come from the
 * configured claim; a lifetime within JWT_MAX_TTL) or an API key from API_KEYS_FILE (not past
 * its `expires`). A token without a usable subject or without a known role is refused.
 */
export async function createAuthenticator(config: Config): Promise<Authenticator> {
  if (config.authMode === 'dev') {
    return {
      authenticate: async () => ({
        ok: true,
        actor: { id: 'dev', roles: ['ADMIN'] },
        method: 'dev',
      }),
      reloadKeys: () => undefined,
      claimedSubject: () => null,
    };
  }
  const { auth } = config;
  let apiKeys = auth.apiKeysFile ? readApiKeys(auth.apiKeysFile, auth.adminRequiresJwt) : new Map();
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
  const claimedSubject = (token: string): string | undefined => {
    try {
      const sub = decodeJwt(token).sub;
      return typeof sub === 'string' ? sub.slice(0, 200) : undefined;
    } catch {
      return undefined;
    }
  };
  const bearer = (authorization: string | undefined) =>
    /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  const isJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);

  const verifyJwt = async (token: string): Promise<Authentication> => {
    if (!hmacKey && !rsaKey) return { ok: false, method: 'jwt', reason: 'JWTs are not accepted' };
    const refuse = (reason: string): Authentication => ({
      ok: false,
      method: 'jwt',
      reason,
      claimedSubject: claimedSubject(token),
    });
    try {
      const { payload } = await jwtVerify(
        token,
        async (header) => (header.alg === 'RS256' ? rsaKey! : hmacKey!),
        verifyOptions,
      );
      if (!usableSubject(payload.sub)) return refuse('the token has no usable subject (sub)');
      const now = Math.floor(Date.now() / 1000);
      const issued = typeof payload.iat === 'number' ? Math.min(payload.iat, now) : now;
      if (payload.exp! - issued > auth.jwtMaxTtlSeconds)
        return refuse(`the token lives longer than JWT_MAX_TTL (${auth.jwtMaxTtlSeconds} s)`);
      const roles = knownRoles(payload[auth.jwtRolesClaim]);
      if (roles.length === 0) return refuse('the token carries no known role');
      return { ok: true, method: 'jwt', actor: { id: payload.sub, roles } };
    } catch (error) {
      return refuse((error as Error).message);
    }
  };

  return {
    async authenticate(authorization) {
      const token = bearer(authorization);
      if (!token) {
        return {
          ok: false,
          method: 'none',
          reason: authorization ? 'malformed Authorization header' : 'no token',
        };
      }
      if (isJwt(token)) return verifyJwt(token);
      const hash = hashApiKey(token);
      const entry = apiKeys.get(hash);
      // The map lookup found a candidate; compare the hashes in constant time all the same.
      if (!entry || !timingSafeEqual(Buffer.from(entry.hash), Buffer.from(hash)))
        return { ok: false, method: 'apiKey', reason: 'unknown API key' };
      if (entry.expires !== undefined && Date.parse(entry.expires) <= Date.now())
        return { ok: false, method: 'apiKey', reason: `the API key ${entry.id} has expired` };
      return {
        ok: true,
        method: 'apiKey',
        actor: { id: entry.id, roles: knownRoles(entry.roles) },
      };
    },
    claimedSubject(authorization) {
      const token = bearer(authorization);
      return token && isJwt(token) ? (claimedSubject(token) ?? null) : null;
    },
    reloadKeys() {
      if (auth.apiKeysFile) apiKeys = readApiKeys(auth.apiKeysFile, auth.adminRequiresJwt);
    },
  };
}
