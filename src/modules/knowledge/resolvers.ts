import type { RequestContext } from '../../context.js';
import type { Resolvers } from '../../generated/graphql.js';
import type { ComponentModel, ConfigurationItemModel, ServiceModel } from '../cmdb/models.js';
import type { KnownErrorModel } from './models.js';

const loadMany = async <T>(ctx: RequestContext, ids: string[]) =>
  (await ctx.loaders.entity.loadMany(ids)).filter((x) => x && !(x instanceof Error)) as T[];

/** The published articles matching a component (any reason), newest first. */
const matchingArticles = async (ctx: RequestContext, componentId: string) =>
  loadMany<KnownErrorModel>(
    ctx,
    (await ctx.loaders.knownErrorMatches.load(componentId)).map((m) => m.id),
  );

/** Resolvers of the known-error knowledge base. */
export const knowledgeResolvers: Resolvers<RequestContext> = {
  Query: {
    knownError: (_, { id, number }, ctx) =>
      ctx.services.knowledgeQueries.knownError(ctx.actor, ctx.loaders, id, number),
    knownErrors: (_, { filter, first, after }, ctx) =>
      ctx.services.knowledgeQueries.knownErrors(ctx.actor, ctx.loaders, filter, first, after),
    searchKnowledge: (_, { query, filter, first, after }, ctx) =>
      ctx.services.knowledgeQueries.search(ctx.actor, ctx.loaders, query, filter, first, after),
  },
  Mutation: {
    createKnownError: (_, { input }, ctx) =>
      ctx.services.knowledge.create(ctx.actor, ctx.requestId, input),
    updateKnownError: (_, { id, expectedVersion, input, changeNote }, ctx) =>
      ctx.services.knowledge.update(
        ctx.actor,
        ctx.requestId,
        id,
        expectedVersion,
        input,
        changeNote,
      ),
    submitKnownError: (_, { id, expectedVersion }, ctx) =>
      ctx.services.knowledge.transition(ctx.actor, ctx.requestId, 'submit', id, expectedVersion),
    publishKnownError: (_, { id, expectedVersion }, ctx) =>
      ctx.services.knowledge.transition(ctx.actor, ctx.requestId, 'publish', id, expectedVersion),
    rejectKnownError: (_, { id, expectedVersion, reason }, ctx) =>
      ctx.services.knowledge.transition(
        ctx.actor,
        ctx.requestId,
        'reject',
        id,
        expectedVersion,
        reason,
      ),
    retireKnownError: (_, { id, expectedVersion, reason }, ctx) =>
      ctx.services.knowledge.transition(
        ctx.actor,
        ctx.requestId,
        'retire',
        id,
        expectedVersion,
        reason,
      ),
    linkKnownError: (_, { id, expectedVersion, ...links }, ctx) =>
      ctx.services.knowledge.changeLinks(
        ctx.actor,
        ctx.requestId,
        'add',
        id,
        links,
        expectedVersion,
      ),
    unlinkKnownError: (_, { id, expectedVersion, ...links }, ctx) =>
      ctx.services.knowledge.changeLinks(
        ctx.actor,
        ctx.requestId,
        'remove',
        id,
        links,
        expectedVersion,
      ),
  },
  KnownError: {
    affectedCIs: async (k, _, ctx) =>
      loadMany<ConfigurationItemModel>(ctx, (await ctx.loaders.knownErrorLinks.load(k.id)).ciIds),
    affectedServices: async (k, _, ctx) =>
      loadMany<ServiceModel>(ctx, (await ctx.loaders.knownErrorLinks.load(k.id)).serviceIds),
    appliesToClasses: async (k, _, ctx) => (await ctx.loaders.knownErrorLinks.load(k.id)).classes,
    revisions: (k, _, ctx) => ctx.loaders.knownErrorRevisions.load(k.id),
    history: (k, { first, after }, ctx) =>
      ctx.services.cmdbQueries.history(ctx.actor, k.id, first, after),
  },
  KnowledgeHit: {
    knownError: (h) => h.article,
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
