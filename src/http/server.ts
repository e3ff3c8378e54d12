import { randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Loaders, RequestContext } from '../context.js';
import type { SecurityEvent, SecurityLog } from '../modules/audit/security-log.js';
import type { Services } from '../services.js';
import type { Authentication, Authenticator } from './auth.js';
import type { AuthThrottle } from './auth-throttle.js';
import { clientAddressOf } from './client-address.js';
import { serveConsole } from './console-files.js';
import { summarizeDocument } from './operation.js';
import { isReportDownload, serveReportDownload } from './report-downloads.js';

/** What the HTTP layer needs from the rest of the service. */
export interface HttpDeps {
  apollo: ApolloServer<RequestContext>;
  services: Services;
  /** A fresh set of loaders for each request (main.ts combines each module's). */
  createLoaders: () => Loaders;
  logger: Logger;
  /** Readiness checks by name; each resolves true when its part is ready. */
  readiness: Record<string, () => Promise<boolean>>;
  /** The largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** The token limit of a document, used to read refused documents for the audit log. */
  maxTokens: number;
  /** Prometheus metrics, served at GET /metrics. */
  metrics: Registry;
  /** The printed SDL, served at GET /schema.graphql. */
  sdl: string;
  /** Browser origins allowed across origins (CORS). */
  corsOrigins: readonly string[];
  /** The bearer token /metrics asks for; undefined: open in dev mode, refused in token mode. */
  metricsToken: string | undefined;
  /** Whether requests authenticate with tokens (else the dev administrator). */
  tokenMode: boolean;
  trustedProxies: readonly string[];
  authenticator: Authenticator;
  throttle: AuthThrottle;
  securityLog: SecurityLog;
  /** The built console (dist/web), served at `/`; undefined when it is not served. */
  consoleDir: string | undefined;
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};
const refuse = (
  res: http.ServerResponse,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
) => json(res, status, { errors: [{ message, extensions: { code, ...extensions } }] });

class BodyTooLarge extends Error {
  constructor(readonly head: string) {
    super('body too large');
  }
}

async function readBody(req: http.IncomingMessage, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is read to its end and dropped, so that the client gets the 413 answer
  // rather than a reset connection; past 64 times the limit the connection is cut. Its head is
  // kept for the audit log.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max * 64) req.destroy();
    if (size <= max) chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (size > max) throw new BodyTooLarge(text.slice(0, 4096));
  return text;
}

/** The client's `x-request-id` when it is sane (1–100 of letters, digits, `_.:-`), else null. */
function clientRequestIdOf(req: http.IncomingMessage): string | null {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : null;
}

/** What a request body (parsed, or its raw text) says about its operation, as far as it can be read. */
function documentOf(body: unknown, maxTokens: number) {
  if (typeof body === 'string') {
    try {
      return documentOf(JSON.parse(body), maxTokens);
    } catch {
      // Not JSON (or cut at the size limit): its leading keyword is all that can be read.
      const m = /"query"\s*:\s*"\s*(mutation|query|subscription)\b/.exec(body);
      return { operationType: m ? m[1]! : null, rootFields: [], operationName: null };
    }
  }
  const b = (Array.isArray(body) ? body[0] : body) as
    { query?: unknown; operationName?: unknown } | undefined;
  return {
    ...summarizeDocument(b?.query, b?.operationName, maxTokens),
    operationName: typeof b?.operationName === 'string' ? b.operationName : null,
  };
}

const equalSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Creates the Node http server: `/graphql`, `/schema.graphql`, `/healthz`, `/readyz`, `/metrics`.
 * Every request gets the server's own request id; the client's `x-request-id` is kept apart.
 */
export function createHttpServer(deps: HttpDeps): http.Server {
  const { apollo, services, logger, securityLog, throttle } = deps;
  const trusted = new Set(deps.trustedProxies);
  const allowedOrigins = new Set(deps.corsOrigins);

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requestId = randomUUID();
    const clientRequestId = clientRequestIdOf(req);
    const clientAddress = clientAddressOf(req, trusted);
    res.setHeader('x-request-id', requestId);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const origin = req.headers.origin;
    if (typeof origin === 'string' && allowedOrigins.has(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'x-request-id');
    }
    // Everything known of a refused request that carried a mutation, for its audit line.
    let body: unknown = undefined;
    let authentication: Authentication | undefined;
    const auditRefusedMutation = (result: SecurityEvent['result'], detail: string) => {
      const doc = documentOf(body, deps.maxTokens);
      if (doc.operationType !== 'mutation') return;
      securityLog.record({
        eventType: 'MUTATION',
        result,
        actor: authentication?.ok
          ? authentication.actor.id
          : (authentication?.claimedSubject ?? null),
        roles: authentication?.ok ? authentication.actor.roles : [],
        method: authentication?.method ?? 'none',
        clientAddress,
        rootFields: doc.rootFields,
        operationName: doc.operationName,
        requestId,
        clientRequestId,
        detail,
      });
    };

    try {
      // The console learns whether to ask for a key before it asks for anything else.
      if (url.pathname === '/healthz')
        return json(res, 200, { status: 'ok', auth: deps.tokenMode ? 'token' : 'dev' });
      if (url.pathname === '/readyz') {
        const checks = Object.fromEntries(
          await Promise.all(
            Object.entries(deps.readiness).map(
              async ([name, check]) => [name, await check().catch(() => false)] as const,
            ),
          ),
        );
        const ready = Object.values(checks).every(Boolean);
        return json(res, ready ? 200 : 503, { ready, checks });
      }
      if (url.pathname === '/metrics') {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.setHeader('allow', 'GET, HEAD');
          return json(res, 405, { error: 'method not allowed' });
        }
        if (deps.tokenMode || deps.metricsToken !== undefined) {
          const given = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
          if (deps.metricsToken === undefined)
            return json(res, 403, { error: 'set METRICS_TOKEN to serve /metrics in token mode' });
          if (!given || !equalSecret(given, deps.metricsToken)) {
            res.setHeader('www-authenticate', 'Bearer');
            return json(res, 401, { error: 'a bearer METRICS_TOKEN is required' });
          }
        }
        res.writeHead(200, { 'content-type': deps.metrics.contentType });
        return res.end(await deps.metrics.metrics());
      }
      // A browser that opens /graphql gets the explorer, served from this origin.
      if (
        url.pathname === '/graphql' &&
        req.method === 'GET' &&
        !url.search &&
        (req.headers.accept ?? '').includes('text/html') &&
        deps.consoleDir
      ) {
        res.writeHead(302, { location: '/explorer' });
        return res.end();
      }
      const download = req.method === 'GET' && isReportDownload(url.pathname);
      if (url.pathname !== '/graphql' && url.pathname !== '/schema.graphql' && !download) {
        if ((req.method === 'GET' || req.method === 'HEAD') && deps.consoleDir)
          if (serveConsole(deps.consoleDir, url.pathname, res)) return;
        return json(res, 404, { error: 'not found' });
      }

      if (req.method === 'OPTIONS') {
        // A CORS preflight: answered for allowed origins only.
        if (typeof origin !== 'string' || !allowedOrigins.has(origin))
          return json(res, 403, { error: 'origin not allowed (CORS_ORIGINS)' });
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers':
            'authorization, content-type, x-request-id, apollo-require-preflight',
          'access-control-max-age': '600',
        });
        return res.end();
      }

      // The body is read (and its size checked) first, so that a refused request that carried a
      // mutation is audited with what it asked; it is parsed once the caller is known.
      const text = req.method === 'POST' ? await readBody(req, deps.maxBodyBytes) : '';
      body = req.method === 'POST' ? text : undefined;

      const subject = deps.authenticator.claimedSubject(req.headers.authorization);
      const keys = [clientAddress, subject === null ? null : `sub:${subject}`];
      const wait = throttle.retryAfterMs(keys);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        securityLog.record({
          eventType: 'AUTHENTICATION',
          result: 'DENIED',
          actor: subject,
          roles: [],
          method: 'none',
          clientAddress,
          rootFields: [],
          operationName: null,
          requestId,
          clientRequestId,
          detail: `throttled: too many failed authentications, retry after ${seconds} s`,
        });
        auditRefusedMutation('DENIED', 'throttled');
        res.setHeader('retry-after', String(seconds));
        return refuse(res, 429, 'UNAUTHENTICATED', 'too many failed authentications', {
          retryAfterSeconds: seconds,
        });
      }
      authentication = await deps.authenticator.authenticate(req.headers.authorization);
      securityLog.record({
        eventType: 'AUTHENTICATION',
        result: authentication.ok ? 'SUCCESS' : 'DENIED',
        actor: authentication.ok
          ? authentication.actor.id
          : (authentication.claimedSubject ?? null),
        roles: authentication.ok ? authentication.actor.roles : [],
        method: authentication.method,
        clientAddress,
        rootFields: [],
        operationName: null,
        requestId,
        clientRequestId,
        detail: authentication.ok ? undefined : authentication.reason,
      });
      if (!authentication.ok) {
        throttle.fail(keys);
        auditRefusedMutation('DENIED', `UNAUTHENTICATED: ${authentication.reason}`);
        res.setHeader('www-authenticate', 'Bearer');
        return refuse(
          res,
          401,
          'UNAUTHENTICATED',
          `authentication required: ${authentication.reason}`,
        );
      }

      if (text !== '' && (req.headers['content-type'] ?? '').includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          auditRefusedMutation('FAILURE', 'BAD_USER_INPUT: the body is not valid JSON');
          return refuse(res, 400, 'BAD_USER_INPUT', 'the request body is not valid JSON');
        }
      }

      if (download)
        return await serveReportDownload(req, res, url, services.reports, {
          actor: authentication.actor,
          requestId,
          loaders: deps.createLoaders(),
        });

      if (url.pathname === '/schema.graphql') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end(deps.sdl);
      }

      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const audit = { recorded: false };
      const actor = authentication.actor;
      const authMethod = authentication.method;
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => ({
          requestId,
          clientRequestId,
          authMethod,
          audit,
          actor,
          clientAddress,
          loaders: deps.createLoaders(),
          services,
        }),
      });
      // Refused before Apollo's plugins ran (CSRF prevention, a batch, a bad request shape).
      if (!audit.recorded && (response.status ?? 200) >= 400)
        auditRefusedMutation('FAILURE', `BAD_REQUEST: HTTP ${response.status}`);
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        body = error.head;
        auditRefusedMutation('FAILURE', 'LIMIT_EXCEEDED: maxBodyBytes');
        return refuse(
          res,
          413,
          'LIMIT_EXCEEDED',
          `the request body exceeds ${deps.maxBodyBytes} bytes`,
          { limit: 'maxBodyBytes', max: deps.maxBodyBytes },
        );
      }
      logger.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.end();
    }
  });
  // Keep-alive sockets that go idle while the server drains are closed, so that close() completes.
  server.on('request', (_req, res) =>
    res.on('finish', () => {
      if (!server.listening) server.closeIdleConnections();
    }),
  );
  return server;
}
