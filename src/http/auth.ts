import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeJwt, importSPKI, jwtVerify, type JWTVerifyOptions } from 'jose';
import type { Config } from '../config.js';
import type { Actor } from '../modules/access/roles.js';
import {
  ApiKeyFile,
  hashApiKey,
  knownRoles,
  usableSubject,
  type ApiKeyEntry,
} from '../modules/access/api-keys.js';

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
  const keyFile = auth.apiKeysFile ? new ApiKeyFile(auth.apiKeysFile, auth.adminRequiresJwt) : null;
  let apiKeys: Map<string, ApiKeyEntry> = keyFile ? keyFile.byHash() : new Map();
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
      if (keyFile) apiKeys = keyFile.byHash();
    },
  };
}
