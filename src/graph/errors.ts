import { ConflictError, DomainError, LimitExceededError } from '../errors.js';

/** Maps a Neo4j error to a domain error where one fits; other errors pass unchanged (and are masked). */
export function mapNeo4jError(error: unknown, queryName: string): unknown {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: string } | null)?.code ?? '';
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ConflictError(
      `a uniqueness rule was broken (${queryName}): the id or key is already in use`,
    );
  }
  if (
    code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') ||
    code === 'Neo.TransientError.Transaction.LockClientStopped'
  ) {
    return new LimitExceededError(
      `the database transaction exceeded its time limit (${queryName})`,
      'transactionTimeout',
      0,
    );
  }
  return error;
}
