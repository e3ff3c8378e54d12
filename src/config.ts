import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';

/** The service's configuration, parsed and validated once at boot from the environment. */
/** Default of READ_CACHE_ENTRIES: entities kept per version, and a tenth as many edge pages (~150 MB). */
export const READ_CACHE_ENTRIES = 100000;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  neo4j: {
    /** Absent: `npm start` runs tools/neo4j-local itself. */
    uri: string | undefined;
    user: string;
    password: string;
    database: string;
    /** Bound on every transaction the service runs, in milliseconds. */
    transactionTimeoutMs: number;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  nodeEnv: 'development' | 'production' | 'test';
  /** Seeds the demo CMDB into an empty database at start. */
  seedDemo: boolean;
  /**
   * `token` (the production default): every request needs an API key or a JWT. `dev` (the
   * default otherwise): every request acts as the logged `dev` admin; allowed only on loopback.
   */
  authMode: 'dev' | 'token';
  auth: {
    /** JSON file of API keys: `[{ id, hash: "sha256:<hex>", roles }]`; only hashes are stored. */
    apiKeysFile: string | undefined;
    /** HS256 shared secret for JWTs. */
    jwtSecret: string | undefined;
    /** PEM file of the RS256 public key for JWTs. */
    jwtPublicKeyFile: string | undefined;
    /** The JWT claim that carries the roles (an array or a space-separated string). */
    jwtRolesClaim: string;
    jwtIssuer: string | undefined;
    jwtAudience: string | undefined;
    /** The longest lifetime (`exp` − `iat`, or `exp` − now) a JWT may have, in seconds. */
    jwtMaxTtlSeconds: number;
    /** True: no API key may carry ADMIN, so administrators come through the identity provider (MFA). */
    adminRequiresJwt: boolean;
    /** Failed authentications allowed per client address and per key id within the window. */
    maxFailures: number;
    /** The window of the failed-authentication limiter, in seconds. */
    failureWindowSeconds: number;
  };
  /** Browser origins allowed to call the API across origins (CORS); none by default. */
  corsOrigins: string[];
  /** The bearer token /metrics asks for; in token mode /metrics is refused without one. */
  metricsToken: string | undefined;
  /** Addresses of reverse proxies whose X-Forwarded-For / Forwarded the client address comes from. */
  trustedProxies: string[];
  /** The security audit log: JSON lines appended to this file (and written to stdout). */
  auditLog: string;
  /** Also write audit lines to stdout (token mode only), for log shipping. */
  auditStdout: boolean;
  /** Introspection and the landing page: on in development, off in production unless enabled. */
  introspection: boolean;
  /** Bounds on every GraphQL document. */
  graphqlLimits: {
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    maxTokens: number;
    maxDirectives: number;
  };
  /**
   * How long, in milliseconds, the impact analysis may trust the last check that its in-memory
   * topology is current before it checks again. 0 (the default): every analysis reads the topology
   * version, so it sees every write of every instance. N > 0: this instance's own writes are still
   * seen at once (each one makes the next analysis check), other instances' (and the import CLI's)
   * within N ms, and an analysis inside the bound makes no round trip to Neo4j; the service checks
   * in the background every N/2 ms to stay inside it.
   */
  impactIndexMaxAgeMs: number;
  /** Rows per transaction of a batched import (`npm run import`, the demo seed). */
  importBatchSize: number;
  /**
   * Entities the CMDB's reads keep per topology version, and a tenth as many edge pages (see
   * modules/cmdb/read-cache.ts); 0 turns the read copy off (every read asks Neo4j).
   */
  readCacheEntries: number;
  /** Meilisearch for knowledge search when `url` is set; Neo4j full-text otherwise. */
  meili: {
    url: string | undefined;
    apiKey: string | undefined;
    /** The alias-like name searches use; `npm run reindex` swaps a fresh index into it. */
    index: string;
    /** How often the outbox relay looks for changes, in milliseconds. */
    relayIntervalMs: number;
  };
}

/** True for addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Every problem found in the environment, listed together so that one start shows them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

/**
 * Parses the environment into a Config; throws ConfigError listing every bad value. `serving:
 * false` (the command-line tools) leaves out the checks of how the HTTP server is reached.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  { serving = true }: { serving?: boolean } = {},
): Config {
  const problems: string[] = [];

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  };

  // Secrets may come from files (Docker and Kubernetes secrets): NAME_FILE, never with NAME too.
  const secret = (name: string): string | undefined => {
    const file = env[`${name}_FILE`];
    if (!file) return env[name] || undefined;
    if (env[name]) {
      problems.push(`${name} and ${name}_FILE are both set: give one of them`);
      return undefined;
    }
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push(`${name}_FILE=${file} cannot be read: ${(error as Error).message}`);
      return undefined;
    }
  };
  const list = (name: string): string[] =>
    (env[name] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);

  const uri = env.NEO4J_URI || undefined;
  if (uri !== undefined && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/.test(uri)) {
    problems.push(`NEO4J_URI must be a neo4j:// or bolt:// URI, got "${uri}"`);
  }
  const config: Config = {
    port: integer('PORT', 4000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    neo4j: {
      uri,
      user: env.NEO4J_USER || 'neo4j',
      password: secret('NEO4J_PASSWORD') ?? '',
      database: env.NEO4J_DATABASE || 'neo4j',
      transactionTimeoutMs: integer('NEO4J_TX_TIMEOUT_MS', 30000, 100, 3600000),
    },
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    nodeEnv: oneOf('NODE_ENV', NODE_ENVS, 'development'),
    seedDemo: bool('SEED_DEMO', true),
    authMode: oneOf(
      'AUTH_MODE',
      ['dev', 'token'] as const,
      env.NODE_ENV === 'production' ? 'token' : 'dev',
    ),
    auth: {
      apiKeysFile: env.API_KEYS_FILE ? path.resolve(env.API_KEYS_FILE) : undefined,
      jwtSecret: secret('JWT_SECRET'),
      jwtPublicKeyFile: env.JWT_PUBLIC_KEY_FILE ? path.resolve(env.JWT_PUBLIC_KEY_FILE) : undefined,
      jwtRolesClaim: env.JWT_ROLES_CLAIM || 'roles',
      jwtIssuer: env.JWT_ISSUER || undefined,
      jwtAudience: env.JWT_AUDIENCE || undefined,
      jwtMaxTtlSeconds: integer('JWT_MAX_TTL', 43200, 60, 31 * 86400),
      adminRequiresJwt: bool('ADMIN_REQUIRES_JWT', false),
      maxFailures: integer('AUTH_MAX_FAILURES', 10, 1, 100000),
      failureWindowSeconds: integer('AUTH_FAILURE_WINDOW_SECONDS', 300, 1, 86400),
    },
    corsOrigins: list('CORS_ORIGINS'),
    metricsToken: secret('METRICS_TOKEN'),
    trustedProxies: list('TRUSTED_PROXIES'),
    auditLog: path.resolve(env.AUDIT_LOG || path.join(env.DATA_DIR || '.data', 'audit.log')),
    auditStdout: bool('AUDIT_STDOUT', true),
    introspection: bool('GRAPHQL_INTROSPECTION', env.NODE_ENV !== 'production'),
    graphqlLimits: {
      maxDepth: integer('GRAPHQL_MAX_DEPTH', 12, 2, 100),
      maxAliases: integer('GRAPHQL_MAX_ALIASES', 15, 0, 1000),
      maxCost: integer('GRAPHQL_MAX_COST', 20000, 100, 10000000),
      maxTokens: integer('GRAPHQL_MAX_TOKENS', 3000, 100, 100000),
      maxDirectives: integer('GRAPHQL_MAX_DIRECTIVES', 20, 0, 1000),
    },
    impactIndexMaxAgeMs: integer('IMPACT_INDEX_MAX_AGE_MS', 0, 0, 60000),
    importBatchSize: integer('IMPORT_BATCH_SIZE', 5000, 10, 50000),
    readCacheEntries: integer('READ_CACHE_ENTRIES', READ_CACHE_ENTRIES, 0, 10000000),
    meili: {
      url: env.MEILI_URL || undefined,
      apiKey: secret('MEILI_API_KEY'),
      index: env.MEILI_INDEX || 'known_errors',
      relayIntervalMs: integer('MEILI_RELAY_INTERVAL_MS', 500, 50, 60000),
    },
  };
  if (config.meili.url !== undefined && !/^https?:\/\/.+/.test(config.meili.url)) {
    problems.push(`MEILI_URL must be an http:// or https:// URL, got "${config.meili.url}"`);
  }
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(config.meili.index)) {
    problems.push(`MEILI_INDEX must be letters, digits, _ or -, got "${config.meili.index}"`);
  }
  // The development mode serves every request as an administrator: never reachable from elsewhere.
  // (The command-line tools serve nothing: these two checks are the HTTP server's.)
  if (serving && config.authMode === 'dev' && !isLoopback(config.host)) {
    problems.push(
      `HOST=${config.host} is not a loopback address: AUTH_MODE=dev serves every request as an administrator and listens on loopback only (use AUTH_MODE=token)`,
    );
  }
  if (
    serving &&
    config.authMode === 'token' &&
    !config.auth.apiKeysFile &&
    !config.auth.jwtSecret &&
    !config.auth.jwtPublicKeyFile
  ) {
    problems.push(
      'AUTH_MODE=token needs API_KEYS_FILE, JWT_SECRET or JWT_PUBLIC_KEY_FILE: nobody could sign in',
    );
  }
  // A reverse proxy on the same host would expose the development administrator to everyone.
  if (serving && config.authMode === 'dev' && config.nodeEnv === 'production') {
    problems.push(
      'NODE_ENV=production with AUTH_MODE=dev: the development mode serves every request as an administrator (use AUTH_MODE=token)',
    );
  }
  for (const origin of config.corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      problems.push(
        `CORS_ORIGINS entries must be origins such as https://catalog.example.gov.cn, got "${origin}"`,
      );
  }
  for (const proxy of config.trustedProxies) {
    if (isIP(proxy) === 0)
      problems.push(`TRUSTED_PROXIES entries must be IP addresses, got "${proxy}"`);
  }
  if (config.metricsToken !== undefined && config.metricsToken.length < 16) {
    problems.push('METRICS_TOKEN must be at least 16 characters');
  }
  if (config.auth.jwtSecret && config.auth.jwtSecret.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
