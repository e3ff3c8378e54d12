import type { Resolvers } from '../../generated/graphql.js';
import type { RequestContext } from '../../context.js';
import { SERVICE_CATEGORIES } from './models.js';
import type {
  ComponentModel,
  DependencyKind,
  EntityModel,
  ConfigurationItemModel,
  OrgUnitModel,
  ServiceModel,
  SupplierModel,
} from './models.js';
import type { ImportDocument } from './import.js';
import { REPORT_COLLECTIONS, type ImportChange } from './import-report.js';
import { pageRequest, toConnection } from '../../pagination.js';
import {
  CI_SPEC,
  ORG_UNIT_SPEC,
  SERVICE_SPEC,
  SUPPLIER_SPEC,
  type EntityPatch,
  type EntitySpec,
} from './specs.js';
import { warrantyStatus } from './warranty.js';
import { compareNames } from '../../collation.js';
import { ENUM_LABELS } from '../../enum-labels.js';

const today = () => new Date().toISOString().slice(0, 10);

/** Edge lists of a component, through the request's batched loader. */
const edgeFields =
  (direction: 'dependencies' | 'dependents') =>
  (
    parent: ComponentModel,
    args: { first?: number | null; after?: string | null; kinds?: DependencyKind[] | null },
    ctx: RequestContext,
  ) =>
    ctx.services.cmdbQueries.edges(ctx, direction, parent.id, args);

/** The create, update and retire mutations of one entity type, through its spec. */
function lifecycle<M extends EntityModel, I extends object>(spec: EntitySpec<M, I>) {
  type Target = { id: string; expectedVersion: number };
  return {
    create: (_: unknown, args: { input: I }, ctx: RequestContext) =>
      ctx.services.cmdb.create(ctx, spec, args.input),
    // An update input is the create input with every field optional (the SDL says so).
    update: (_: unknown, args: Target & { input: EntityPatch<I> }, ctx: RequestContext) =>
      ctx.services.cmdb.update(ctx, spec, args, args.input),
    retire: (_: unknown, args: Target, ctx: RequestContext) =>
      ctx.services.cmdb.retire(ctx, spec, args),
  };
}
const ciLifecycle = lifecycle(CI_SPEC);
const serviceLifecycle = lifecycle(SERVICE_SPEC);
const orgUnitLifecycle = lifecycle(ORG_UNIT_SPEC);
const supplierLifecycle = lifecycle(SUPPLIER_SPEC);

/** Resolvers of the CMDB: CIs, classes, org units, suppliers, dependencies. */
export const cmdbResolvers: Resolvers<RequestContext> = {
  Query: {
    configurationItem: (_, { id }, ctx) =>
      ctx.services.cmdbQueries.typed<ConfigurationItemModel>(ctx, id, 'ConfigurationItem'),
    configurationItems: (_, { filter, first, after }, ctx) =>
      ctx.services.cmdbQueries.configurationItems(ctx, filter, first, after),
    ciClasses: (_, __, ctx) => ctx.services.cmdbQueries.ciClasses(ctx),
    orgUnits: async (_, __, ctx) =>
      (await ctx.services.cmdbQueries.orgUnits(ctx)) as OrgUnitModel[],
    suppliers: async (_, __, ctx) =>
      (await ctx.services.cmdbQueries.suppliers(ctx)) as SupplierModel[],
  },
  Mutation: {
    createConfigurationItem: ciLifecycle.create,
    updateConfigurationItem: ciLifecycle.update,
    retireConfigurationItem: ciLifecycle.retire,
    createOrgUnit: orgUnitLifecycle.create,
    updateOrgUnit: orgUnitLifecycle.update,
    createSupplier: supplierLifecycle.create,
    updateSupplier: supplierLifecycle.update,
    createCIClass: (_, args, ctx) => ctx.services.cmdb.createCIClass(ctx, args.input),
    addDependency: async (_, args, ctx) => {
      const d = await ctx.services.cmdb.addDependency(ctx, args.input);
      return { ...d, from: d.from as ComponentModel, to: d.to as ComponentModel };
    },
    importConfiguration: async (_, args, ctx) => {
      const { plan: _plan, ...report } = await ctx.services.importer.importConfiguration(
        ctx,
        args.input as ImportDocument,
        'single',
        { dryRun: args.dryRun === true },
      );
      return report;
    },
    removeDependency: (_, args, ctx) => ctx.services.cmdb.removeDependency(ctx, args),
  },
  ImportResult: {
    changes: (report, { first, after }) => {
      const page = pageRequest('importChanges', first, after);
      const order = (c: ImportChange) => [REPORT_COLLECTIONS.indexOf(c.collection), c.id];
      const key = page.after as [number, string] | null;
      const start = key
        ? report.changes.findIndex((c) => {
            const [o, id] = order(c) as [number, string];
            return o > key[0] || (o === key[0] && id > key[1]);
          })
        : 0;
      const rows = start < 0 ? [] : report.changes.slice(start, start + page.first + 1);
      return toConnection(rows, page, report.changes.length, order);
    },
  },
  ConfigurationItem: {
    ciClassInfo: async (ci, _, ctx) => (await ctx.loaders.taxonomy()).get(ci.ciClass)!,
    warrantyStatus: (ci) => (ci.asset ? warrantyStatus(ci.asset.warrantyExpiry, today()) : null),
    owner: async (ci, _, ctx) =>
      ci.ownerId ? ((await ctx.loaders.entity.load(ci.ownerId)) as OrgUnitModel | null) : null,
    supplier: async (ci, _, ctx) =>
      ci.supplierId
        ? ((await ctx.loaders.entity.load(ci.supplierId)) as SupplierModel | null)
        : null,
    redundancy: (ci) => (ci.minMembersUp === null ? null : { minMembersUp: ci.minMembersUp }),
    dependencies: edgeFields('dependencies'),
    dependents: edgeFields('dependents'),
    history: (ci, { first, after }, ctx) =>
      ctx.services.cmdbQueries.history(ctx, ci.id, first, after),
  },
  CIClass: {
    parent: async (c, _, ctx) =>
      c.parent ? ((await ctx.loaders.taxonomy()).get(c.parent) ?? null) : null,
  },
  OrgUnit: {
    parent: async (o, _, ctx) =>
      o.parentId ? ((await ctx.loaders.entity.load(o.parentId)) as OrgUnitModel | null) : null,
  },
  Node: {
    __resolveType: (n) => n.__typename as never,
  },
  Component: {
    __resolveType: (n) => n.__typename as never,
  },
};

/** Resolvers of the service catalog. */
export const catalogResolvers: Resolvers<RequestContext> = {
  Query: {
    service: (_, { id }, ctx) => ctx.services.cmdbQueries.typed<ServiceModel>(ctx, id, 'Service'),
    services: (_, { filter, first, after }, ctx) =>
      ctx.services.cmdbQueries.services(ctx, filter, first, after),
    serviceCatalog: async (_, __, ctx) => {
      const live = await ctx.services.cmdbQueries.liveServices(ctx);
      return SERVICE_CATEGORIES.map((category) => ({
        category,
        labelZh: ENUM_LABELS.ServiceCategory![category]![0],
        services: live.filter((s) => s.category === category),
      }));
    },
  },
  Mutation: {
    createService: serviceLifecycle.create,
    updateService: serviceLifecycle.update,
    retireService: serviceLifecycle.retire,
  },
  Service: {
    owner: async (s, _, ctx) =>
      s.ownerId ? ((await ctx.loaders.entity.load(s.ownerId)) as OrgUnitModel | null) : null,
    consumers: async (s, _, ctx) =>
      (
        (await ctx.loaders.entity.loadMany(s.consumerIds)).filter(
          (o) => o && !(o instanceof Error),
        ) as OrgUnitModel[]
      ).sort((a, b) => compareNames(a.name, b.name)),
    provider: async (s, _, ctx) =>
      s.providerId ? ((await ctx.loaders.entity.load(s.providerId)) as SupplierModel | null) : null,
    sla: (s) => s.sla,
    dependencies: edgeFields('dependencies'),
    dependents: edgeFields('dependents'),
    history: (s, { first, after }, ctx) =>
      ctx.services.cmdbQueries.history(ctx, s.id, first, after),
  },
};
