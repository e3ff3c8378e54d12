import type { Loaders } from './loaders.js';
import type { Services } from './services.js';

/** Who is asking: an authenticated identity with its roles. */
export interface Actor {
  id: string;
  roles: string[];
}

/** The per-request context: identity, request id, fresh loaders and the application services. */
export interface RequestContext {
  requestId: string;
  actor: Actor;
  /** The client's address as the socket sees it, for the security audit log. */
  clientAddress: string | null;
  loaders: Loaders;
  services: Services;
}
