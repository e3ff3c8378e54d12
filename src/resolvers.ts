import { GraphQLScalarType } from 'graphql';
import type { Resolvers } from './generated/graphql.js';
import type { RequestContext } from './context.js';
import { accessResolvers } from './modules/access/resolvers.js';
import { changeResolvers } from './modules/change/resolvers.js';
import { catalogResolvers, cmdbResolvers } from './modules/cmdb/resolvers.js';
import { impactResolvers } from './modules/impact/resolvers.js';
import { knowledgeResolvers } from './modules/knowledge/resolvers.js';
import { supplyResolvers } from './modules/supply/resolvers.js';
import { reportResolvers } from './modules/reports/resolvers.js';
import { DateScalar, DateTimeScalar, JSONScalar } from './scalars.js';

const common: Resolvers<RequestContext> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query: {
    node: (_, { id }, ctx) => ctx.services.cmdbQueries.node(ctx, id) as never,
    nodes: (_, { ids }, ctx) => ctx.services.cmdbQueries.nodes(ctx, ids) as never,
    auditTrail: (_, { filter, first, after }, ctx) =>
      ctx.services.cmdbQueries.auditTrail(ctx, filter, first, after),
    history: (_, { entityId, first, after }, ctx) =>
      ctx.services.cmdbQueries.history(ctx, entityId, first, after),
  },
};

/** Merges the resolver maps of every module, type by type. */
export function allResolvers(): Resolvers<RequestContext> {
  const merged: Record<string, unknown> = {};
  for (const part of [
    common,
    cmdbResolvers,
    catalogResolvers,
    impactResolvers,
    knowledgeResolvers,
    accessResolvers,
    changeResolvers,
    supplyResolvers,
    reportResolvers,
  ]) {
    for (const [type, fields] of Object.entries(part)) {
      merged[type] =
        fields instanceof GraphQLScalarType
          ? fields
          : { ...(merged[type] as object), ...(fields as object) };
    }
  }
  return merged as Resolvers<RequestContext>;
}
