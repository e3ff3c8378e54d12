import type { Loaders } from './loaders.js';
import type { Services } from './services.js';

/** Who is asking: an authenticated identity with its roles. */
export interface Actor {
  id: string;
  roles: string[];
}

/** The per-request context: identity, request id, fresh loaders and the application services. */
export interface RequestContext {
  /** The server's own id of this request (a client's `x-request-id` is `clientRequestId`). */
  requestId: string;
  /** The client's `x-request-id`, when it was a sane one; kept for the audit log only. */
  clientRequestId: string | null;
  /** How the actor authenticated, for the audit log. */
  authMethod: 'dev' | 'apiKey' | 'jwt';
  /** Set once the request's mutation has its audit line, so that it gets exactly one. */
  audit: { recorded: boolean };
  actor: Actor;
  /** The client's address as the socket sees it, for the security audit log. */
  clientAddress: string | null;
  loaders: Loaders;
  services: Services;
}
