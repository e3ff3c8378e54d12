import type { Caller } from './modules/access/caller.js';
import type { CmdbLoaders } from './modules/cmdb/loaders.js';
import type { ImpactLoaders } from './modules/impact/loaders.js';
import type { KnowledgeLoaders } from './modules/knowledge/loaders.js';
import type { Services } from './services.js';

/** The per-request loaders: each module's, created fresh for every request, never shared. */
export type Loaders = CmdbLoaders & ImpactLoaders & KnowledgeLoaders;

/**
 * The per-request context: identity, request id, fresh loaders and the application services.
 * It is the request's `Caller`: resolvers hand it to services as it is.
 */
export interface RequestContext extends Caller<Loaders> {
  /** The server's own id of this request (a client's `x-request-id` is `clientRequestId`). */
  requestId: string;
  /** The client's `x-request-id`, when it was a sane one; kept for the audit log only. */
  clientRequestId: string | null;
  /** How the actor authenticated, for the audit log. */
  authMethod: 'dev' | 'apiKey' | 'jwt';
  /** Set once the request's mutation has its audit line, so that it gets exactly one. */
  audit: { recorded: boolean };
  /** The client's address as the socket sees it, for the security audit log. */
  clientAddress: string | null;
  services: Services;
}
