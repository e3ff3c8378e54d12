import type { Resolvers } from '../../generated/graphql.js';
import type { RequestContext } from '../../context.js';
import { enumLabelRows } from '../../enum-labels.js';

/** Resolvers of the auditor's and the security administrator's duties. */
export const accessResolvers: Resolvers<RequestContext> = {
  Query: {
    auditEvents: (_, { filter, first, after }, ctx) =>
      ctx.services.access.auditEvents(ctx, filter, first, after) as never,
    apiKeys: (_, __, ctx) => ctx.services.access.apiKeys(ctx),
    viewer: (_, __, ctx) => ({
      id: ctx.actor.id,
      roles: ctx.actor.roles as never,
      method: ctx.authMethod,
    }),
    enumLabels: () => enumLabelRows(),
  },
  Mutation: {
    createApiKey: (_, { input }, ctx) => ctx.services.access.createApiKey(ctx, input),
    revokeApiKey: (_, { id }, ctx) => ctx.services.access.revokeApiKey(ctx, id),
  },
};
