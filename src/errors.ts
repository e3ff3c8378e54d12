import { GraphQLError } from 'graphql';

/** The error codes of the public contract (API.md), carried in `extensions.code`. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'LIMIT_EXCEEDED'
  | 'INTERNAL_SERVER_ERROR';

/** A domain error: its message is meant for the client and passes through `formatError`. */
export class DomainError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...extra } });
  }
}

/** A missing entity, named by id. */
export class NotFoundError extends DomainError {
  constructor(what: string, id: string, extra: Record<string, unknown> = {}) {
    super('NOT_FOUND', `${what} ${JSON.stringify(id)} does not exist`, { id, ...extra });
  }
}

/** Input that breaks a rule; `field` names the argument or input field at fault. */
export class BadUserInputError extends DomainError {
  constructor(message: string, field?: string, extra: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, field === undefined ? extra : { field, ...extra });
  }
}

/** A stale `expectedVersion`, a duplicate key or edge. */
export class ConflictError extends DomainError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super('CONFLICT', message, extra);
  }
}

/** A workflow step that the current status does not allow. */
export class InvalidTransitionError extends DomainError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super('INVALID_TRANSITION', message, extra);
  }
}

/** A bound of the server was exceeded; `limit` names it. */
export class LimitExceededError extends DomainError {
  constructor(message: string, limit: string, max: number) {
    super('LIMIT_EXCEEDED', message, { limit, max });
  }
}

/** Authentication missing or invalid. */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'authentication required') {
    super('UNAUTHENTICATED', message);
  }
}

/** The caller lacks a role; `requiredRole` names it. */
export class ForbiddenError extends DomainError {
  constructor(message: string, requiredRole?: string) {
    super('FORBIDDEN', message, requiredRole === undefined ? {} : { requiredRole });
  }
}
