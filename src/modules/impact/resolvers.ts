import type { RequestContext } from '../../context.js';
import { loadExisting } from '../cmdb/loaders.js';
import type { Resolvers } from '../../generated/graphql.js';
import type {
  ComponentModel,
  ConfigurationItemModel,
  OrgUnitModel,
  ServiceModel,
  SupplierModel,
} from '../cmdb/models.js';
import { compareIds, compareNames } from '../../collation.js';

const many = <T>(ctx: RequestContext, ids: readonly string[]) => loadExisting<T>(ctx.loaders, ids);

/** Resolvers of impact analysis; the report's costly parts resolve only when asked for. */
export const impactResolvers: Resolvers<RequestContext> = {
  Query: {
    dependencyGraph: (_, args, ctx) => ctx.services.impact.dependencyGraph(ctx, args),
    impactAnalysis: (_, { input }, ctx) => ctx.services.impact.analyze(ctx, input),
    rootCauseCandidates: (_, { symptoms, limit }, ctx) =>
      ctx.services.impact.rootCauseCandidates(ctx, symptoms, limit ?? 10),
  },
  RootCauseCandidate: {
    ci: async (c, _, ctx) => (await ctx.loaders.entity.load(c.ciId)) as ConfigurationItemModel,
  },
  Service: {
    singlePointsOfFailure: async (s, _, ctx) =>
      (
        await many<ConfigurationItemModel>(ctx, await ctx.loaders.singlePointsOfFailure.load(s.id))
      ).sort((a, b) => compareNames(a.name, b.name) || compareIds(a.id, b.id)),
  },
  ImpactReport: {
    services: (r, { first }) =>
      first == null ? r.services : r.services.slice(0, Math.max(0, first)),
    departments: (r, _, ctx) => ctx.services.impact.departments(r),
    suppliers: (r, _, ctx) => ctx.services.impact.suppliers(ctx, r),
    summary: (r, _, ctx) => ctx.services.impact.summary(r),
  },
  Impact: {
    subject: async (i, _, ctx) => (await ctx.loaders.entity.load(i.subjectId)) as ComponentModel,
  },
  DepartmentImpact: {
    orgUnit: async (d, _, ctx) => (await ctx.loaders.entity.load(d.orgUnitId)) as OrgUnitModel,
    services: (d, _, ctx) => many<ServiceModel>(ctx, d.serviceIds),
  },
  SupplierImpact: {
    supplier: async (s, _, ctx) => (await ctx.loaders.entity.load(s.supplierId)) as SupplierModel,
    components: (s, _, ctx) => many<ComponentModel>(ctx, s.componentIds),
  },
  RedundancyAbsorption: {
    group: async (a, _, ctx) =>
      (await ctx.loaders.entity.load(a.groupId)) as ConfigurationItemModel,
  },
};
