import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { RequestContext } from '../context.js';
import { createLoaders } from '../loaders.js';
import type { SecurityLog } from '../modules/audit/security-log.js';
import type { Services } from '../services.js';
import type { Authentication } from './auth.js';

/** What the HTTP layer needs from the rest of the service. */
export interface HttpDeps {
  apollo: ApolloServer<RequestContext>;
  services: Services;
  logger: Logger;
  /** Readiness checks by name; each resolves true when its part is ready. */
  readiness: Record<string, () => Promise<boolean>>;
  /** The largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Prometheus metrics, served at GET /metrics. */
  metrics: Registry;
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

class BodyTooLarge extends Error {}

async function readBody(req: http.IncomingMessage, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is read to its end and dropped, so that the client gets the 413 answer
  // rather than a reset connection; past 64 times the limit the connection is cut.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max * 64) req.destroy();
    if (size <= max) chunks.push(chunk as Buffer);
  }
  if (size > max) throw new BodyTooLarge();
  return Buffer.concat(chunks).toString('utf8');
}

/** A request id: the caller's `x-request-id` when it is sane, else a new one. */
function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

/** Creates the Node http server: `/graphql`, `/healthz`, `/readyz`. */
export function createHttpServer(
  deps: HttpDeps,
  authenticate: (authorization: string | undefined) => Promise<Authentication>,
  securityLog: SecurityLog,
): http.Server {
  const { apollo, services, logger } = deps;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    try {
      if (url.pathname === '/healthz') return json(res, 200, { status: 'ok' });
      if (url.pathname === '/metrics') {
        res.writeHead(200, { 'content-type': deps.metrics.contentType });
        return res.end(await deps.metrics.metrics());
      }
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
      if (url.pathname !== '/graphql') return json(res, 404, { error: 'not found' });

      const clientAddress = req.socket.remoteAddress ?? null;
      const authentication = await authenticate(req.headers.authorization);
      securityLog.record({
        eventType: 'AUTHENTICATION',
        result: authentication.ok ? 'SUCCESS' : 'DENIED',
        actor: authentication.ok ? authentication.actor.id : null,
        roles: authentication.ok ? authentication.actor.roles : [],
        clientAddress,
        operationName: null,
        requestId,
        detail: authentication.ok ? authentication.method : authentication.reason,
      });
      if (!authentication.ok) {
        res.setHeader('www-authenticate', 'Bearer');
        return json(res, 401, {
          errors: [
            {
              message: `authentication required: ${authentication.reason}`,
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
      }

      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown = undefined;
      if (req.method === 'POST') {
        const text = await readBody(req, deps.maxBodyBytes);
        if (text !== '' && (headers.get('content-type') ?? '').includes('json')) {
          try {
            body = JSON.parse(text);
          } catch {
            return json(res, 400, {
              errors: [
                {
                  message: 'the request body is not valid JSON',
                  extensions: { code: 'BAD_USER_INPUT' },
                },
              ],
            });
          }
        } else {
          body = text;
        }
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => ({
          requestId,
          actor: authentication.actor,
          clientAddress,
          loaders: createLoaders(services.executor),
          services,
        }),
      });
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
        return json(res, 413, {
          errors: [
            {
              message: `the request body exceeds ${deps.maxBodyBytes} bytes`,
              extensions: { code: 'LIMIT_EXCEEDED', limit: 'maxBodyBytes', max: deps.maxBodyBytes },
            },
          ],
        });
      }
      logger.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent)
        json(res, 500, {
          errors: [
            { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
          ],
        });
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
