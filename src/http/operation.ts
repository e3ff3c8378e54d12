import { unwrapResolverError } from '@apollo/server/errors';
import {
  Kind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

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

/**
 * The root field names an operation selects, in document order and each once: fragment spreads
 * and inline fragments at the root are expanded (a spread of an unknown fragment adds nothing),
 * so that the audit log names what runs, not what the client called it.
 */
export function rootFields(operation: OperationDefinitionNode, document?: DocumentNode): string[] {
  const fragments = new Map(
    (document?.definitions ?? [])
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) out.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...out];
}

/** What can be known of a request's document without running it. */
export interface DocumentSummary {
  /** `mutation`, `query` or `subscription`; null when the document says nothing readable. */
  operationType: string | null;
  rootFields: string[];
}

/**
 * Reads the operation type and root fields of a document that may not parse: parsed when it can
 * be (within `maxTokens`), else the leading keyword of its text.
 */
export function summarizeDocument(
  query: unknown,
  operationName: unknown,
  maxTokens: number,
): DocumentSummary {
  if (typeof query !== 'string') return { operationType: null, rootFields: [] };
  try {
    const document = parse(query, { maxTokens });
    const operations = document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const operation =
      operations.find((o) => o.name?.value === operationName) ?? operations[0] ?? null;
    if (!operation) return { operationType: null, rootFields: [] };
    return { operationType: operation.operation, rootFields: rootFields(operation, document) };
  } catch {
    const keyword = /^\s*(?:#[^\n]*\n\s*)*(mutation|query|subscription)\b/.exec(query);
    return { operationType: keyword ? keyword[1]! : null, rootFields: [] };
  }
}

/** The contract code of an error met while executing, a resolver's own error unwrapped. */
export function errorCode(error: unknown): string {
  const original = unwrapResolverError(error) as { extensions?: { code?: unknown } };
  const own = (error as { extensions?: { code?: unknown } }).extensions?.code;
  return String(original?.extensions?.code ?? own ?? '');
}

/** Codes that mean the request was refused for who asked, not for what it asked. */
export const DENIED_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);
