import { unwrapResolverError } from '@apollo/server/errors';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/** The operation a request ran, or the first one of its document when it never resolved. */
export function operationOf(rc: {
  operation?: OperationDefinitionNode;
  document?: DocumentNode;
}): OperationDefinitionNode | undefined {
  return (
    rc.operation ??
    (rc.document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as
      OperationDefinitionNode | undefined)
  );
}

/** The root field names of an operation, in document order (`…` for a fragment). */
export function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '…'));
}

/** The contract code of an error met while executing, a resolver's own error unwrapped. */
export function errorCode(error: unknown): string {
  const original = unwrapResolverError(error) as { extensions?: { code?: unknown } };
  const own = (error as { extensions?: { code?: unknown } }).extensions?.code;
  return String(original?.extensions?.code ?? own ?? '');
}

/** Codes that mean the request was refused for who asked, not for what it asked. */
export const DENIED_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);
