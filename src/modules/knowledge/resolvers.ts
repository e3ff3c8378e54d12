import type { RequestContext } from '../../context.js';
import { loadExisting } from '../cmdb/loaders.js';
import type { Resolvers } from '../../generated/graphql.js';
import type { ComponentModel, ConfigurationItemModel, ServiceModel } from '../cmdb/models.js';
import type { KnownErrorModel } from './models.js';
import type { LinkInput } from './service.js';
import type { TransitionName } from './workflow.js';
import { needsReview, reviewByOf } from './review.js';
import { shanghaiToday } from '../../calendar.js';

const loadMany = <T>(ctx: RequestContext, ids: readonly string[]) =>
  loadExisting<T>(ctx.loaders, ids);

/** The published articles matching a component (any reason), newest first. */
const matchingArticles = async (ctx: RequestContext, componentId: string) =>
  loadMany<KnownErrorModel>(
    ctx,
    (await ctx.loaders.knownErrorMatches.load(componentId)).map((m) => m.id),
  );

/** A workflow mutation: `reason` only where the step takes one. */
const transition =
  (name: TransitionName) =>
  (
    _: unknown,
    args: { id: string; expectedVersion: number; reason?: string | null },
    ctx: RequestContext,
  ) =>
    ctx.services.knowledge.transition(ctx, name, args.id, args.expectedVersion, args.reason);

/** `linkKnownError` or `unlinkKnownError`. */
const links =
  (how: 'add' | 'remove') =>
  (
    _: unknown,
    { id, expectedVersion, ...input }: { id: string; expectedVersion?: number | null } & LinkInput,
    ctx: RequestContext,
  ) =>
    ctx.services.knowledge.changeLinks(ctx, how, id, input, expectedVersion);

/** Resolvers of the known-error knowledge base. */
export const knowledgeResolvers: Resolvers<RequestContext> = {
  Query: {
    knownError: (_, { id, number }, ctx) =>
      ctx.services.knowledgeQueries.knownError(ctx, id, number),
    knownErrors: (_, { filter, first, after }, ctx) =>
      ctx.services.knowledgeQueries.knownErrors(ctx, filter, first, after),
    searchKnowledge: (_, { query, filter, first, after }, ctx) =>
      ctx.services.knowledgeQueries.search(ctx, query, filter, first, after),
    triage: (_, { input }, ctx) => ctx.services.triage.triage(ctx, input),
    knowledgeGaps: (_, { first }, ctx) => ctx.services.knowledgeGaps.gaps(ctx, first),
  },
  Mutation: {
    createKnownError: (_, { input }, ctx) => ctx.services.knowledge.create(ctx, input),
    updateKnownError: (_, { id, expectedVersion, input, changeNote }, ctx) =>
      ctx.services.knowledge.update(ctx, id, expectedVersion, input, changeNote),
    submitKnownError: transition('submit'),
    publishKnownError: transition('publish'),
    rejectKnownError: transition('reject'),
    retireKnownError: transition('retire'),
    recordKnownErrorUse: async (_, { id, input }, ctx) => {
      await ctx.services.knowledgeUsage.record(ctx, id, input);
      return (await ctx.services.knowledgeQueries.knownError(ctx, id, null))!;
    },
    setKnownErrorReviewBy: async (_, { id, expectedVersion, reviewBy }, ctx) => {
      await ctx.services.knowledgeUsage.setReviewBy(ctx, id, expectedVersion, String(reviewBy));
      return (await ctx.services.knowledgeQueries.knownError(ctx, id, null))!;
    },
    linkKnownError: links('add'),
    unlinkKnownError: links('remove'),
  },
  KnownError: {
    affectedCIs: async (k, _, ctx) =>
      loadMany<ConfigurationItemModel>(ctx, (await ctx.loaders.knownErrorLinks.load(k.id)).ciIds),
    affectedServices: async (k, _, ctx) =>
      loadMany<ServiceModel>(ctx, (await ctx.loaders.knownErrorLinks.load(k.id)).serviceIds),
    appliesToClasses: async (k, _, ctx) => (await ctx.loaders.knownErrorLinks.load(k.id)).classes,
    revisions: (k, _, ctx) => ctx.loaders.knownErrorRevisions.load(k.id),
    pendingStatus: (k) => k.pending?.status ?? null,
    pendingRevision: async (k, _, ctx) =>
      k.pending ? ((await ctx.loaders.knownErrorRevisions.load(k.id)).at(-1) ?? null) : null,
    history: (k, { first, after }, ctx) =>
      ctx.services.cmdbQueries.history(ctx, k.id, first, after),
    usage: async (k, _, ctx) => ({ id: k.id, ...(await ctx.loaders.knownErrorUsage.load(k.id)) }),
    reviewBy: (k) => reviewByOf(k),
    needsReview: async (k, _, ctx) =>
      needsReview(k, await ctx.loaders.knownErrorUsage.load(k.id), shanghaiToday()),
  },
  KnownErrorUsage: {
    notHelpful: (u) => u.uses - u.helpful,
    incidentRefs: (u, { first, after }, ctx) =>
      ctx.services.knowledgeUsage.incidentRefs(ctx, u.id, first, after),
  },
  KnowledgeHit: {
    knownError: (h) => h.article,
  },
  TriageMatch: {
    knownError: (m) => m.article,
  },
  KnowledgeGap: {
    service: async (g, _, ctx) =>
      g.kind === 'SERVICE' ? ((await ctx.loaders.entity.load(g.id)) as ServiceModel | null) : null,
    ciClass: async (g, _, ctx) =>
      g.kind === 'CI_CLASS' ? ((await ctx.loaders.taxonomy()).get(g.id) ?? null) : null,
  },
  ConfigurationItem: {
    knownErrors: (ci, _, ctx) => matchingArticles(ctx, ci.id),
  },
  Service: {
    knownErrors: (s, _, ctx) => matchingArticles(ctx, s.id),
  },
  RootCauseCandidate: {
    knownErrors: (c, _, ctx) => matchingArticles(ctx, c.ciId),
  },
  ImpactReport: {
    knownErrors: async (r, _, ctx) => {
      const inputs = r.inputs;
      const matches = await ctx.loaders.knownErrorMatches.loadMany(inputs);
      return inputs.flatMap((componentId, i) => {
        const found = matches[i];
        if (!found || found instanceof Error) return [];
        return found.map((m) => ({ articleId: m.id, componentId, reason: m.reason }));
      });
    },
  },
  KnownErrorMatch: {
    knownError: async (m, _, ctx) =>
      (await ctx.loaders.entity.load(m.articleId)) as KnownErrorModel,
    matchedComponent: async (m, _, ctx) =>
      (await ctx.loaders.entity.load(m.componentId)) as ComponentModel,
  },
};
