import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '../context.js';
import type { SecurityLog } from '../modules/audit/security-log.js';

const DENIED = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

const codeOf = (error: unknown): string | undefined => {
  const original = unwrapResolverError(error) as { extensions?: { code?: unknown } };
  const own = (error as { extensions?: { code?: unknown } }).extensions?.code;
  return String(original?.extensions?.code ?? own ?? '');
};

/**
 * Writes one security audit line for every GraphQL mutation, allowed or denied: its operation
 * name, the actor and roles, the client address, the request id and how it ended.
 */
export function mutationAuditPlugin(log: SecurityLog): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let errors: readonly unknown[] = [];
      return {
        async didEncounterErrors(rc) {
          errors = rc.errors;
        },
        async willSendResponse(rc) {
          const operation =
            rc.operation ??
            (rc.document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as
              OperationDefinitionNode | undefined);
          if (operation?.operation !== 'mutation') return;
          const codes = errors.map(codeOf);
          log.record({
            eventType: 'MUTATION',
            result: codes.some((c) => DENIED.has(c!))
              ? 'DENIED'
              : codes.length > 0
                ? 'FAILURE'
                : 'SUCCESS',
            actor: rc.contextValue.actor.id,
            roles: rc.contextValue.actor.roles,
            clientAddress: rc.contextValue.clientAddress,
            operationName:
              rc.operationName ??
              operation.name?.value ??
              operation.selectionSet.selections
                .map((s) => (s.kind === Kind.FIELD ? s.name.value : ''))
                .join(','),
            requestId: rc.contextValue.requestId,
            detail: codes.length > 0 ? [...new Set(codes)].join(',') : undefined,
          });
        },
      };
    },
  };
}
