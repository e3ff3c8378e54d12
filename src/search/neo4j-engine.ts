import neo4j from 'neo4j-driver';
import type { Executor } from '../graph/executor.js';
import { toKnownError } from '../modules/knowledge/models.js';
import { highlights } from './highlight.js';
import type { KnowledgeSearchEngine, SearchRequest, SearchResultModel } from './port.js';
import {
  FUZZY_MIN_LENGTH,
  expandQuery,
  luceneQueries,
  parseQuery,
  withVariants,
  type Expansion,
  type ParsedQuery,
} from './query-text.js';
import { synonymGroups } from './synonyms.js';

/**
 * How many best hits each full-text index hands to Cypher for filtering and merging (at least;
 * more when the page asks for more): a bound on the work of a search whatever the corpus.
 * `totalHits` is exact below it, a lower bound above. When the status filter leaves a page
 * short and an index had more to give, the search is run again with every hit.
 */
export const MAX_CANDIDATES = 250;
const UNBOUNDED_CANDIDATES = 10_000_000;

/** A filter beyond the status may drop most of the best hits: then every hit is considered. */
const narrowed = (r: SearchRequest) =>
  Boolean(r.filter.ciId || r.filter.serviceId || r.filter.ciClass || r.filter.tags?.length);

/**
 * Search on Neo4j's full-text indexes (the default engine): the article's text is indexed twice,
 * with CJK bigrams and with the English analyzer, in the transaction that writes it, so a write
 * is searchable as soon as its mutation returns.
 */
export class Neo4jSearchEngine implements KnowledgeSearchEngine {
  readonly name = 'neo4j';

  constructor(private readonly executor: Executor) {}

  /**
   * Articles that contain every word of the query come first and alone; only when there is none
   * does the search fall back to articles with any of the words. Besides precision, this keeps
   * common words from dragging tens of thousands of weak hits through the ranking.
   */
  async search(request: SearchRequest): Promise<SearchResultModel> {
    const parsed = parseQuery(request.query);
    const expansion = expandQuery(parsed, synonymGroups());
    if (parsed.cjkRuns.length + parsed.words.length + parsed.numbers.length === 0)
      return { totalHits: 0, hits: [], engine: this.name };
    const looser =
      parsed.cjkRuns.length + parsed.words.length > 1 || parsed.cjkRuns.some((r) => r.length > 2);
    const attempt = async (mode: 'all' | 'any' | 'fuzzy') => {
      const row = await this.run(request, parsed, expansion, mode, false);
      const short = Number(row.total) < request.offset + request.limit + 1;
      return row.capped && short ? this.run(request, parsed, expansion, mode, true) : row;
    };
    let row = await attempt('all');
    if (Number(row.total) === 0 && looser) row = await attempt('any');
    // A last pass for typos: words one edit away, when nothing matched as typed.
    if (Number(row.total) === 0 && parsed.words.some((w) => w.length >= FUZZY_MIN_LENGTH))
      row = await attempt('fuzzy');
    const page = row.page as { entity: Record<string, unknown>; score: number }[];
    return {
      totalHits: Number(row.total),
      engine: this.name,
      hits: page.map((h) => {
        const article = toKnownError(h.entity);
        return {
          article,
          score: Number(h.score),
          highlights: highlights(
            { ...article, tags: article.tags.join(', ') },
            withVariants(parsed, expansion),
          ),
        };
      }),
    };
  }

  private async run(
    request: SearchRequest,
    parsed: ParsedQuery,
    expansion: Expansion,
    mode: 'all' | 'any' | 'fuzzy',
    everyHit: boolean,
  ): Promise<Record<string, unknown>> {
    const { cjkQuery, enQuery } = luceneQueries(parsed, mode, expansion);
    const [row] = await this.executor.read('knowledge/search', {
      cjkQuery,
      enQuery,
      // One more than the page, so that a capped total still says whether a next page exists.
      candidates: neo4j.int(
        everyHit || narrowed(request)
          ? UNBOUNDED_CANDIDATES
          : Math.max(MAX_CANDIDATES, request.offset + request.limit + 1),
      ),
      numbers: parsed.numbers,
      ...request.filter,
      offset: request.offset,
      limit: request.limit,
    });
    return row!;
  }

  async articleChanged(): Promise<void> {
    // The full-text indexes are updated by the writing transaction itself.
  }

  ready(): Promise<boolean> {
    return this.executor.ping();
  }

  async stop(): Promise<void> {}
}
