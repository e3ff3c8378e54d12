import type { RequestContext } from '../../context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { loadExisting } from '../cmdb/loaders.js';
import type { ContractModel, ServiceModel, SupplierModel } from '../cmdb/models.js';
import { compareNames } from '../../collation.js';
import { CONTRACT_SPEC } from '../cmdb/contract-spec.js';

/** Resolvers of service levels, contracts and scorecards. */
export const supplyResolvers: Resolvers<RequestContext> = {
  Query: {
    contract: async (_, { id }, ctx) =>
      ctx.services.cmdbQueries.typed<ContractModel>(ctx, id, 'Contract'),
    contracts: (_, __, ctx) => ctx.services.supply.contracts(ctx),
    supplierCompliance: (_, { from, to }, ctx) => ctx.services.supply.compliance(ctx, from, to),
    supplierScorecard: (_, { supplierId, period }, ctx) =>
      ctx.services.supply.scorecard(ctx, supplierId, period),
  },
  Mutation: {
    createContract: (_, { input }, ctx) => ctx.services.cmdb.create(ctx, CONTRACT_SPEC, input),
    updateContract: (_, args, ctx) =>
      ctx.services.cmdb.update(ctx, CONTRACT_SPEC, args, args.input),
    recordSlaMeasurements: (_, { input }, ctx) => ctx.services.supply.record(ctx, input),
  },
  Contract: {
    supplier: async (c, _, ctx) => (await ctx.loaders.entity.load(c.supplierId)) as SupplierModel,
    parent: async (c, _, ctx) =>
      c.parentId ? ((await ctx.loaders.entity.load(c.parentId)) as ContractModel | null) : null,
    children: (c, _, ctx) => ctx.services.supply.children(ctx, c.id),
    services: async (c, _, ctx) =>
      (await loadExisting<ServiceModel>(ctx.loaders, c.serviceIds)).sort((a, b) =>
        compareNames(a.name, b.name),
      ),
    history: (c, { first, after }, ctx) =>
      ctx.services.cmdbQueries.history(ctx, c.id, first, after),
  },
  Supplier: {
    contracts: (s, _, ctx) => ctx.services.supply.contractsOf(ctx, s.id),
  },
  Service: {
    contracts: (s, _, ctx) => ctx.services.supply.contractsOf(ctx, s.id),
    slaPerformance: (s, { from, to }, ctx) => ctx.services.supply.performance(ctx, s, from, to),
  },
};
