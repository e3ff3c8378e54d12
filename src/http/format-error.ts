import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { DomainError, type ErrorCode } from '../errors.js';
import { limitExceeded } from './graphql-limits.js';

const KNOWN_CODES = new Set<string>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'INVALID_TRANSITION',
  'LIMIT_EXCEEDED',
]);
/** Apollo's request-level codes, all of them the client's fault: reported as BAD_USER_INPUT. */
const CLIENT_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Passes domain errors and the client's own mistakes through with a contract code; masks
 * everything else as INTERNAL_SERVER_ERROR and logs it with the request's path.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError)
      return { ...formatted, extensions: { ...formatted.extensions, code: original.code } };
    const limit = limitExceeded(formatted);
    if (limit) return limit;
    const code = String(formatted.extensions?.code ?? '');
    if (KNOWN_CODES.has(code) && !(original instanceof Error && !('extensions' in original)))
      return formatted;
    if (CLIENT_CODES.has(code)) {
      return {
        ...formatted,
        extensions: {
          ...formatted.extensions,
          code: 'BAD_USER_INPUT' satisfies ErrorCode,
          reason: code,
        },
      };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode },
    };
  };
}
