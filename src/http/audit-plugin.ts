import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context.js';
import type { SecurityLog } from '../modules/audit/security-log.js';
import {
  DENIED_CODES,
  errorCode,
  operationOf,
  rootFields,
  summarizeDocument,
} from './operation.js';

/**
 * Writes one security audit line for every request that carries a GraphQL mutation, allowed,
 * denied or failed (a document that does not parse or validate included): the root fields it
 * selected, the client's operation name apart from them, the actor, roles and method, the
 * client address, the server's and the client's request ids, and how it ended.
 */
export function mutationAuditPlugin(
  log: SecurityLog,
  maxTokens: number,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let errors: readonly unknown[] = [];
      return {
        async didEncounterErrors(rc) {
          errors = rc.errors;
        },
        async willSendResponse(rc) {
          const operation = operationOf(rc);
          const summary = operation
            ? { operationType: operation.operation, rootFields: rootFields(operation, rc.document) }
            : summarizeDocument(rc.request.query, rc.request.operationName, maxTokens);
          if (summary.operationType !== 'mutation') return;
          const ctx = rc.contextValue;
          const codes = errors.map(errorCode);
          ctx.audit.recorded = true;
          log.record({
            eventType: 'MUTATION',
            result: codes.some((c) => DENIED_CODES.has(c))
              ? 'DENIED'
              : codes.length > 0
                ? 'FAILURE'
                : 'SUCCESS',
            actor: ctx.actor.id,
            roles: ctx.actor.roles,
            method: ctx.authMethod,
            clientAddress: ctx.clientAddress,
            rootFields: summary.rootFields,
            operationName: rc.request.operationName ?? operation?.name?.value ?? null,
            requestId: ctx.requestId,
            clientRequestId: ctx.clientRequestId,
            detail: codes.length > 0 ? [...new Set(codes)].join(',') : undefined,
          });
        },
      };
    },
  };
}
