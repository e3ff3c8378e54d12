import type { Actor } from './roles.js';

/**
 * Who is calling a service, in one request: the actor, the request id its writes are audited
 * under (null for command-line tools), and the request's loaders. Services take it as one object;
 * each names the loaders it uses through `L`. The GraphQL request context is one.
 */
export interface Caller<L = unknown> {
  readonly actor: Actor;
  readonly requestId: string | null;
  readonly loaders: L;
}

/** A caller outside any request (tools, seeds): this actor, no request id, no loaders. */
export function callerAs(id: string, roles: string[]): Caller<undefined> {
  return { actor: { id, roles }, requestId: null, loaders: undefined };
}

/** The caller of command-line tools: an administrator named after the tool. */
export function cliCaller(tool: string): Caller<undefined> {
  return callerAs(`cli:${tool}`, ['ADMIN']);
}
