import type { RequestContext } from '../../context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { loadExisting } from '../cmdb/loaders.js';
import type { ConfigurationItemModel, ServiceModel } from '../cmdb/models.js';

/** Resolvers of the reports and the budget. */
export const reportResolvers: Resolvers<RequestContext> = {
  Query: {
    assetSummary: (_, { groupBy, filter }, ctx) =>
      ctx.services.reports.assetSummary(ctx, groupBy, filter as never),
    warrantyForecast: (_, { months }, ctx) => ctx.services.reports.warrantyForecast(ctx, months),
    spofRegister: (_, { filter, first, after }, ctx) =>
      ctx.services.reports.spofRegister(ctx, filter, first, after),
    dataQuality: (_, __, ctx) => ctx.services.reports.dataQuality(ctx),
    budgetEstimate: (_, { year, input }, ctx) =>
      ctx.services.reports.budgetEstimate(ctx, year, input),
  },
  SpofEntry: {
    service: async (e, _, ctx) => (await ctx.loaders.entity.load(e.serviceId)) as ServiceModel,
    singlePointsOfFailure: (e, _, ctx) =>
      loadExisting<ConfigurationItemModel>(ctx.loaders, e.spofIds),
  },
};
