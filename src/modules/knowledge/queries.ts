import { BadUserInputError } from '../../errors.js';
import type { Executor } from '../../graph/executor.js';
import {
  encodeCursor,
  pageInfoOf,
  pageRequest,
  toConnection,
  type Connection,
  type PageInfo,
} from '../../pagination.js';
import type { KnowledgeSearchEngine, SearchResultModel } from '../../search/port.js';
import type { Caller } from '../access/caller.js';
import { requireRole } from '../access/roles.js';
import type { CmdbLoaders } from '../cmdb/loaders.js';
import type { KnownErrorModel, KnownErrorStatus } from './models.js';
import { knowledgeRepository as repo, type ArticleFilter } from './repository.js';
import { shanghaiToday } from '../../calendar.js';

/** The filter of article lists and searches, as the API receives it. */
export interface KnownErrorFilterInput {
  status?: KnownErrorStatus[] | null;
  ciId?: string | null;
  serviceId?: string | null;
  ciClass?: string | null;
  tags?: string[] | null;
  needsReview?: boolean | null;
}

/** A search answer with the cursor of its next page. */
export type SearchAnswer = SearchResultModel & { endCursor: string | null; pageInfo: PageInfo };

/** An article matching an impact input, and why. */
export interface KnownErrorMatchModel {
  articleId: string;
  componentId: string;
  reason: 'DIRECT' | 'CI_CLASS' | 'SERVICE';
}

/** Bounds of a search. */
export const SEARCH_LIMITS = { maxFirst: 50, maxQueryLength: 500, maxOffset: 10000 };

const filterOf = (f: KnownErrorFilterInput | null | undefined): ArticleFilter => ({
  statuses: f?.status?.length ? f.status : null,
  ciId: f?.ciId ?? null,
  serviceId: f?.serviceId ?? null,
  ciClass: f?.ciClass ?? null,
  tags: f?.tags?.length ? f.tags : null,
});

/** Knowledge reads: every one needs VIEWER. */
export class KnowledgeQueries {
  constructor(
    private readonly executor: Executor,
    private readonly engine: KnowledgeSearchEngine,
  ) {}

  /** One article by id or by number (exactly one of them). */
  async knownError(
    caller: Caller<CmdbLoaders>,
    id: string | null | undefined,
    number: string | null | undefined,
  ): Promise<KnownErrorModel | null> {
    requireRole(caller.actor, 'VIEWER');
    if ((id == null) === (number == null))
      throw new BadUserInputError(
        'give exactly one of id and number',
        id == null ? 'id' : 'number',
      );
    const articleId =
      id ??
      (await this.executor.readSingle('knownErrorByNumber', (tx) =>
        repo.idByNumber(tx, number!.trim().toUpperCase()),
      ));
    if (!articleId) return null;
    const found = await caller.loaders.entity.load(articleId);
    return found?.__typename === 'KnownError' ? (found as KnownErrorModel) : null;
  }

  /** A page of articles matching the filter, newest first. */
  async knownErrors(
    caller: Caller<CmdbLoaders>,
    filter: KnownErrorFilterInput | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<KnownErrorModel>> {
    requireRole(caller.actor, 'VIEWER');
    const page = pageRequest('knownErrors', first, after);
    const review = { needsReview: filter?.needsReview ?? null, today: shanghaiToday() };
    const { total, rows } = await this.executor.readSingle('knownErrors', (tx) =>
      repo.page(tx, filterOf(filter), page.after, page.first + 1, review),
    );
    rows.forEach((r) => caller.loaders.entity.prime(r.id, r));
    return toConnection(rows, page, total, (n) => [n.createdAt, n.id]);
  }

  /** Full-text search through the configured engine; PUBLISHED articles unless asked otherwise. */
  async search(
    caller: Caller<CmdbLoaders>,
    query: string,
    filter: KnownErrorFilterInput | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<SearchAnswer> {
    requireRole(caller.actor, 'VIEWER');
    if (filter?.needsReview != null)
      throw new BadUserInputError(
        'needsReview filters knownErrors, not searchKnowledge',
        'filter.needsReview',
      );
    const text = query.trim();
    if (text.length === 0 || text.length > SEARCH_LIMITS.maxQueryLength)
      throw new BadUserInputError(
        `query must be 1 to ${SEARCH_LIMITS.maxQueryLength} characters`,
        'query',
      );
    const page = pageRequest('searchKnowledge', first, after, {
      defaultSize: 10,
      max: SEARCH_LIMITS.maxFirst,
    });
    const offset = Number(page.after?.[0] ?? 0);
    if (offset > SEARCH_LIMITS.maxOffset)
      throw new BadUserInputError('after is past the last page a search serves', 'after');
    const limit = page.first;
    const f = filterOf(filter);
    const result = await this.engine.search({
      query: text,
      filter: { ...f, statuses: f.statuses ?? ['PUBLISHED'] },
      offset,
      limit,
    });
    result.hits.forEach((h) => caller.loaders.entity.prime(h.article.id, h.article));
    const next = offset + result.hits.length;
    const hasNextPage = next < result.totalHits;
    // A hit's cursor is the offset just after it; first: 0 stands where the page starts.
    const pageInfo = pageInfoOf(
      page,
      result.hits.map((_, i) => encodeCursor('searchKnowledge', [offset + i + 1])),
      hasNextPage,
    );
    return {
      ...result,
      pageInfo,
      endCursor: hasNextPage && result.hits.length > 0 ? pageInfo.endCursor : null,
    };
  }
}
