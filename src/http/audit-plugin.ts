import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context.js';
import type { SecurityLog } from '../modules/audit/security-log.js';
import { DENIED_CODES, errorCode, operationOf, rootFields } from './operation.js';

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
          const operation = operationOf(rc);
          if (operation?.operation !== 'mutation') return;
          const codes = errors.map(errorCode);
          log.record({
            eventType: 'MUTATION',
            result: codes.some((c) => DENIED_CODES.has(c))
              ? 'DENIED'
              : codes.length > 0
                ? 'FAILURE'
                : 'SUCCESS',
            actor: rc.contextValue.actor.id,
            roles: rc.contextValue.actor.roles,
            clientAddress: rc.contextValue.clientAddress,
            operationName:
              rc.operationName ?? operation.name?.value ?? rootFields(operation).join(','),
            requestId: rc.contextValue.requestId,
            detail: codes.length > 0 ? [...new Set(codes)].join(',') : undefined,
          });
        },
      };
    },
  };
}
