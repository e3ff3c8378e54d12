import type { RequestContext } from '../../context.js';
import { loadExisting } from '../cmdb/loaders.js';
import type { Resolvers } from '../../generated/graphql.js';
import type { ComponentModel, ServiceModel, SupplierModel } from '../cmdb/models.js';
import type { KnownErrorModel } from '../knowledge/models.js';
import type { BlackoutWindowModel, ChangeRequestModel } from './models.js';

const many = <T>(ctx: RequestContext, ids: readonly string[]) => loadExisting<T>(ctx.loaders, ids);

/** `submitChangeRequest` and the other steps, through the workflow. */
const step =
  (name: 'submit' | 'approve' | 'reject' | 'start' | 'complete' | 'cancel') =>
  (
    _: unknown,
    args: {
      id: string;
      expectedVersion: number;
      reason?: string | null;
      outcome?: 'SUCCESSFUL' | 'FAILED' | 'BACKED_OUT' | null;
      overrideConflicts?: boolean | null;
    },
    ctx: RequestContext,
  ) =>
    ctx.services.change.transition(ctx, name, args.id, args.expectedVersion, args);

/** Component.changes on both component types. */
const componentChanges = (
  c: ComponentModel,
  args: { filter?: Record<string, unknown> | null; first?: number | null; after?: string | null },
  ctx: RequestContext,
) =>
  ctx.services.changeQueries.changeRequests(
    ctx,
    { ...(args.filter ?? {}), targetId: c.id },
    args.first,
    args.after,
  );

/** Resolvers of change management. */
export const changeResolvers: Resolvers<RequestContext> = {
  Query: {
    changeRequest: (_, { id, number }, ctx) =>
      ctx.services.changeQueries.changeRequest(ctx, id, number),
    changeRequests: (_, { filter, first, after }, ctx) =>
      ctx.services.changeQueries.changeRequests(ctx, filter, first, after),
    changeConflicts: (_, { from, to }, ctx) =>
      ctx.services.changeQueries.changeConflicts(ctx, from, to),
    blackoutWindows: (_, { from, to }, ctx) =>
      ctx.services.changeQueries.blackoutWindows(ctx, from, to),
  },
  Mutation: {
    createChangeRequest: (_, { input }, ctx) => ctx.services.change.create(ctx, input),
    updateChangeRequest: (_, { id, expectedVersion, input }, ctx) =>
      ctx.services.change.update(ctx, id, expectedVersion, input),
    submitChangeRequest: step('submit'),
    approveChangeRequest: step('approve'),
    rejectChangeRequest: step('reject'),
    startChangeRequest: step('start'),
    completeChangeRequest: step('complete'),
    cancelChangeRequest: step('cancel'),
    createBlackoutWindow: (_, { input }, ctx) => ctx.services.change.createBlackout(ctx, input),
    deleteBlackoutWindow: (_, { id }, ctx) => ctx.services.change.deleteBlackout(ctx, id),
  },
  ChangeRequest: {
    targets: (c) => c.targets,
    implementer: async (c, _, ctx) =>
      c.implementerId
        ? ((await ctx.loaders.entity.load(c.implementerId)) as SupplierModel | null)
        : null,
    knownErrors: (c, _, ctx) => many<KnownErrorModel>(ctx, c.knownErrorIds),
    impact: (c, _, ctx) =>
      ctx.services.impact.analyze(ctx, {
        failed: c.targets.filter((t) => t.effect === 'DOWN').map((t) => t.componentId),
        degraded: c.targets.filter((t) => t.effect === 'DEGRADED').map((t) => t.componentId),
      }),
    conflicts: (c, _, ctx) => ctx.services.changeQueries.conflictsOf(ctx, c),
    history: (c, { first, after }, ctx) =>
      ctx.services.cmdbQueries.history(ctx, c.id, first, after),
  },
  ChangeTarget: {
    component: async (t, _, ctx) =>
      (await ctx.loaders.entity.load(t.componentId)) as ComponentModel,
  },
  ChangeConflict: {
    changes: (c, _, ctx) => many<ChangeRequestModel>(ctx, c.changeIds),
    blackoutWindows: (c, _, ctx) => many<BlackoutWindowModel>(ctx, c.blackoutIds),
  },
  ConflictService: {
    service: async (s, _, ctx) => (await ctx.loaders.entity.load(s.serviceId)) as ServiceModel,
  },
  BlackoutWindow: {
    services: (b, _, ctx) => many<ServiceModel>(ctx, b.serviceIds),
  },
  ImpactReport: {
    activeChanges: (r, _, ctx) =>
      ctx.services.changeQueries.activeFor(
        ctx,
        r.impacts.map((i) => i.subjectId),
      ),
  },
  ConfigurationItem: { changes: componentChanges },
  Service: { changes: componentChanges },
};
