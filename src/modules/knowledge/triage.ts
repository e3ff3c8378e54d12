/**
 * Triage (API.md, "Triage"): the service desk's first question in one request: what the text
 * describes (a full-text search), what the given components take down (an impact analysis), what
 * may have caused it (root-cause candidates, when two or more services are not OK) and what is
 * known about it: published articles found by the text, matched by the graph to the inputs
 * (DIRECT, CI_CLASS, SERVICE) or to a root-cause candidate (ROOT_CAUSE), ranked with the reasons.
 * Bounded like the queries it combines: their own limits apply.
 */
import { BadUserInputError } from '../../errors.js';
import type { Caller } from '../access/caller.js';
import { requireRole } from '../access/roles.js';
import type { CmdbLoaders } from '../cmdb/loaders.js';
import type { ImpactReportModel } from '../impact/report.js';
import type { RootCauseModel } from '../impact/root-causes.js';
import type { KnowledgeLoaders } from './loaders.js';
import type { KnownErrorModel, MatchReason } from './models.js';
import { SEARCH_LIMITS, type KnowledgeQueries } from './queries.js';

export const TRIAGE_REASONS = ['TEXT', 'DIRECT', 'CI_CLASS', 'SERVICE', 'ROOT_CAUSE'] as const;
export type TriageReason = (typeof TRIAGE_REASONS)[number];

export interface TriageMatchModel {
  article: KnownErrorModel;
  score: number;
  reasons: TriageReason[];
}

export interface TriageModel {
  impact: ImpactReportModel | null;
  rootCauses: RootCauseModel[];
  knownErrors: TriageMatchModel[];
}

/** What triage needs of the impact module. */
export interface TriageImpact {
  analyze(
    caller: Caller<CmdbLoaders>,
    input: { failed: string[]; degraded?: string[] | null },
  ): Promise<ImpactReportModel>;
  rootCauseCandidates(caller: Caller, symptoms: string[], limit: number): Promise<RootCauseModel[]>;
}

/** How much a graph reason weighs: the component itself first, then its service, class, a cause. */
const GRAPH_WEIGHT: Record<Exclude<TriageReason, 'TEXT'>, number> = {
  DIRECT: 1,
  SERVICE: 0.8,
  CI_CLASS: 0.6,
  ROOT_CAUSE: 0.5,
};
export const TRIAGE_LIMITS = { maxLimit: 50, rootCauses: 5 };

/**
 * The ranking, pure: an article's score is its text part (its search score over the best hit's,
 * so 0 to 1) plus its graph part (its strongest reason's weight) plus 1 when it was found both
 * ways, so that every article found both ways ranks above every article found one way. Ties:
 * the article number.
 */
export function rankTriage(
  text: { article: KnownErrorModel; score: number }[],
  graph: { article: KnownErrorModel; reason: Exclude<TriageReason, 'TEXT'> }[],
  limit: number,
): TriageMatchModel[] {
  const best = Math.max(0, ...text.map((h) => h.score));
  const found = new Map<
    string,
    { article: KnownErrorModel; text: number; graph: number; reasons: Set<TriageReason> }
  >();
  const entry = (article: KnownErrorModel) => {
    let e = found.get(article.id);
    if (!e) found.set(article.id, (e = { article, text: 0, graph: 0, reasons: new Set() }));
    return e;
  };
  for (const h of text) {
    const e = entry(h.article);
    e.reasons.add('TEXT');
    e.text = Math.max(e.text, best > 0 ? h.score / best : 1);
  }
  for (const g of graph) {
    const e = entry(g.article);
    e.reasons.add(g.reason);
    e.graph = Math.max(e.graph, GRAPH_WEIGHT[g.reason]);
  }
  return [...found.values()]
    .map((e) => {
      const both = e.reasons.has('TEXT') && e.reasons.size > 1;
      return {
        article: e.article,
        score: +(e.text + e.graph + (both ? 1 : 0)).toFixed(6),
        reasons: TRIAGE_REASONS.filter((r) => e.reasons.has(r)),
      };
    })
    .sort((a, b) => b.score - a.score || a.article.number.localeCompare(b.article.number))
    .slice(0, limit);
}

export class TriageService {
  constructor(
    private readonly impact: TriageImpact,
    private readonly queries: KnowledgeQueries,
  ) {}

  async triage(
    caller: Caller<CmdbLoaders & KnowledgeLoaders>,
    input: {
      text?: string | null;
      failed?: string[] | null;
      degraded?: string[] | null;
      limit?: number | null;
    },
  ): Promise<TriageModel> {
    requireRole(caller.actor, 'VIEWER');
    const text = input.text?.trim() ?? '';
    const failed = [...new Set(input.failed ?? [])];
    const degraded = [...new Set(input.degraded ?? [])].filter((id) => !failed.includes(id));
    const limit = input.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > TRIAGE_LIMITS.maxLimit)
      throw new BadUserInputError(`limit must be from 1 to ${TRIAGE_LIMITS.maxLimit}`, 'limit');
    if (text.length > SEARCH_LIMITS.maxQueryLength)
      throw new BadUserInputError(
        `text must be at most ${SEARCH_LIMITS.maxQueryLength} characters`,
        'text',
      );
    if (text === '' && failed.length + degraded.length === 0)
      throw new BadUserInputError('give a text, or failed or degraded components', 'text');

    const components = [...failed, ...degraded];
    const [impact, hits] = await Promise.all([
      components.length > 0 ? this.impact.analyze(caller, { failed, degraded }) : null,
      text
        ? this.queries.search(caller, text, null, Math.min(limit, SEARCH_LIMITS.maxFirst), null)
        : null,
    ]);
    // Root causes: of the services not OK, the given ones included, when there are two or more.
    const symptoms = impact
      ? [...new Set([...impact.services.filter((s) => s.state !== 'OK').map((s) => s.subjectId)])]
      : [];
    const rootCauses =
      symptoms.length >= 2
        ? await this.impact.rootCauseCandidates(caller, symptoms, TRIAGE_LIMITS.rootCauses)
        : [];
    const graph: { articleId: string; reason: Exclude<TriageReason, 'TEXT'> }[] = [];
    // The inputs' matches and the root-cause candidates' in one batch of the loader.
    const causes = rootCauses.map((c) => c.ciId);
    const found = await caller.loaders.knownErrorMatches.loadMany([...components, ...causes]);
    found.forEach((list, i) => {
      if (list instanceof Error) return;
      for (const m of list)
        graph.push({
          articleId: m.id,
          reason: i < components.length ? (m.reason as MatchReason) : 'ROOT_CAUSE',
        });
    });
    const articles = await caller.loaders.entity.loadMany(graph.map((g) => g.articleId));
    const graphArticles = graph.flatMap((g, i) => {
      const a = articles[i];
      return a && !(a instanceof Error) && (a as KnownErrorModel).status === 'PUBLISHED'
        ? [{ article: a as KnownErrorModel, reason: g.reason }]
        : [];
    });
    return {
      impact,
      rootCauses,
      knownErrors: rankTriage(hits?.hits ?? [], graphArticles, limit),
    };
  }
}
