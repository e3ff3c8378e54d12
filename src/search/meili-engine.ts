import { Meilisearch, type Index } from 'meilisearch';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Executor, QueryRunner } from '../graph/executor.js';
import { newId } from '../ids.js';
import { cmdbRepository } from '../modules/cmdb/repository.js';
import { entityStore } from '../graph/entity-store.js';
import { toKnownError } from '../modules/knowledge/models.js';
import { HIGHLIGHT_FIELDS, MATCH_CLOSE, MATCH_OPEN, markedToHtml } from './highlight.js';
import { INDEX_SETTINGS, type ArticleDocument } from './meili-documents.js';
import { checkTask, OutboxRelay } from './outbox-relay.js';
import type { KnowledgeSearchEngine, SearchRequest, SearchResultModel } from './port.js';

/** Meilisearch's connection settings, with the URL known to be set. */
export type MeiliConfig = Config['meili'] & { url: string };

const quote = (v: string) => JSON.stringify(v);

/** A hit as the engine reads it. */
type MeiliHit = ArticleDocument & {
  _rankingScore?: number;
  _formatted?: Partial<Record<string, unknown>>;
};

/** Hits each search of a sentence hands to the fusion (or as deep as the page reaches). */
const FUSED_CANDIDATES = 50;

/**
 * A query's clauses: its runs between punctuation and spaces (a keyword query is one clause each
 * word). A full stop or colon splits only before a space or the end, so that an address (10.1.2.3),
 * a version (TLS1.2) or a time (08:30) stays whole.
 */
export function clausesOf(query: string): string[] {
  return query
    .split(/(?:[\s，。；：！？、,;!?()（）【】[\]"“”'‘’]|[.:](?=\s|$))+/u)
    .map((c) => c.trim())
    .filter(Boolean);
}

/**
 * Search on Meilisearch (when MEILI_URL is set), for typo tolerance and instant search at scale.
 * Writes reach it through the transactional outbox and the relay, so a write is searchable
 * within the relay interval plus Meilisearch's indexing time (about a second), and while
 * Meilisearch is down writes still succeed and catch up afterwards.
 */
export class MeiliSearchEngine implements KnowledgeSearchEngine {
  readonly name = 'meilisearch';
  private readonly relay: OutboxRelay;

  private constructor(
    private readonly client: Meilisearch,
    private readonly config: MeiliConfig,
    private readonly executor: Executor,
    logger: Logger,
  ) {
    this.relay = new OutboxRelay(executor, () => this.index(), logger, config.relayIntervalMs);
  }

  /** Connects, makes sure the index exists with its settings, and starts the relay. */
  static async start(
    config: MeiliConfig,
    executor: Executor,
    logger: Logger,
  ): Promise<MeiliSearchEngine> {
    const client = new Meilisearch({ host: config.url, apiKey: config.apiKey });
    const engine = new MeiliSearchEngine(client, config, executor, logger);
    try {
      await ensureIndex(client, config.index);
    } catch (err) {
      // Meilisearch being down must not stop the service: readiness reports it, the relay retries.
      logger.warn({ err }, 'Meilisearch is not reachable; searches fail until it is');
    }
    engine.relay.start();
    return engine;
  }

  /** The client, for the reindex command. */
  get meili(): Meilisearch {
    return this.client;
  }

  /** Relays every pending change now (tests and the reindex command use it). */
  drainOutbox(): Promise<number> {
    return this.relay.drain();
  }

  private index(): Index<ArticleDocument> {
    return this.client.index<ArticleDocument>(this.config.index);
  }

  async search(request: SearchRequest): Promise<SearchResultModel> {
    const filter = await this.filterOf(request);
    const { hits, estimatedTotal } = await this.ranked(request, filter);
    const ids = hits.map((h) => h.id);
    const articles = await this.executor.readTx('knownErrorsByIds', (tx) =>
      entityStore.byIds(tx, ids),
    );
    const found = hits.flatMap((hit, i) => {
      const article = articles[i];
      if (!article) return [];
      const formatted = (hit._formatted ?? {}) as Record<string, unknown>;
      const highlights = HIGHLIGHT_FIELDS.flatMap((field) => {
        const value = formatted[field];
        const text = Array.isArray(value) ? value.join(', ') : value == null ? '' : String(value);
        return text.includes(MATCH_OPEN) ? [{ field, snippet: markedToHtml(text) }] : [];
      });
      return [
        {
          article: toKnownError(article as unknown as Record<string, unknown>),
          score: hit._rankingScore ?? 0,
          highlights,
        },
      ];
    });
    return { totalHits: Math.max(estimatedTotal, found.length), hits: found, engine: this.name };
  }

  /**
   * The page of hits. A query of one clause is one search. A sentence ("打印机连不上了，屏幕上显示的
   * IP 是 169.254 开头") is searched whole and clause by clause in one multi-search, and each
   * article's scores are summed (as BM25 sums its terms): Meilisearch takes at most ten words of a
   * query into account and ranks first by how many of them match, so a whole sentence alone is
   * ranked by its first ten words (issue 21, bench/RESULTS.md).
   */
  private async ranked(
    request: SearchRequest,
    filter: string[],
  ): Promise<{ hits: MeiliHit[]; estimatedTotal: number }> {
    const clauses = clausesOf(request.query);
    const params = {
      filter,
      showRankingScore: true,
      attributesToHighlight: [...HIGHLIGHT_FIELDS],
      // Marks no stored text can hold; the snippet is escaped, then the marks become <em>.
      highlightPreTag: MATCH_OPEN,
      highlightPostTag: MATCH_CLOSE,
      attributesToCrop: ['symptoms', 'cause', 'workaround', 'resolution'],
      cropLength: 40,
    };
    if (clauses.length <= 1) {
      const result = await this.index().search(request.query, {
        ...params,
        offset: request.offset,
        limit: request.limit,
      });
      return { hits: result.hits, estimatedTotal: result.estimatedTotalHits ?? 0 };
    }
    const limit = Math.max(FUSED_CANDIDATES, request.offset + request.limit);
    const { results } = await this.client.multiSearch({
      queries: [request.query, ...clauses].map((q) => ({
        indexUid: this.config.index,
        q,
        ...params,
        limit,
      })),
    });
    const fused = new Map<string, { hit: MeiliHit; score: number; best: number }>();
    for (const result of results)
      for (const hit of result.hits as MeiliHit[]) {
        const score = hit._rankingScore ?? 0;
        const seen = fused.get(hit.id);
        if (!seen) fused.set(hit.id, { hit, score, best: score });
        else {
          seen.score += score;
          // The highlights of the search that scored it best.
          if (score > seen.best) Object.assign(seen, { hit, best: score });
        }
      }
    const n = results.length;
    const ranked = [...fused.values()]
      .sort((a, b) => b.score - a.score || a.hit.id.localeCompare(b.hit.id))
      .map(({ hit, score }) => ({ ...hit, _rankingScore: score / n }));
    return {
      hits: ranked.slice(request.offset, request.offset + request.limit),
      estimatedTotal: Math.max(fused.size, results[0]?.estimatedTotalHits ?? 0),
    };
  }

  /** The Meilisearch filter expression of a request (filters mean the same as on Neo4j). */
  private async filterOf(request: SearchRequest): Promise<string[]> {
    const f = request.filter;
    const out = [`status IN [${f.statuses.map(quote).join(', ')}]`];
    for (const tag of f.tags ?? []) out.push(`tags = ${quote(tag)}`);
    if (f.serviceId) out.push(`serviceIds = ${quote(f.serviceId)}`);
    if (f.ciClass || f.ciId) {
      const taxonomy = await this.executor.readSingle('ciClasses', (tx) =>
        cmdbRepository.taxonomy(tx),
      );
      if (f.ciClass) out.push(`classes IN [${taxonomy.lineage(f.ciClass).map(quote).join(', ')}]`);
      if (f.ciId) {
        const [ci] = await this.executor.read('knowledge/ci-context', { ciId: f.ciId });
        const either = [`ciIds = ${quote(f.ciId)}`];
        if (ci?.ciClass)
          either.push(`classes IN [${taxonomy.lineage(String(ci.ciClass)).map(quote).join(', ')}]`);
        const services = (ci?.serviceIds as string[] | undefined) ?? [];
        if (services.length > 0) either.push(`serviceIds IN [${services.map(quote).join(', ')}]`);
        out.push(`(${either.join(' OR ')})`);
      }
    }
    return out;
  }

  /** Writes an outbox entry in the article's transaction; the relay carries it to Meilisearch. */
  async articleChanged(tx: QueryRunner, articleId: string, now: string): Promise<void> {
    await tx.run('knowledge/outbox-add', { outboxId: newId('ob'), articleId, now });
  }

  async ready(): Promise<boolean> {
    return this.client.isHealthy();
  }

  stop(): Promise<void> {
    return this.relay.stop();
  }
}

/** Creates the index with its settings when missing, and (re)applies the settings. */
export async function ensureIndex(client: Meilisearch, uid: string): Promise<void> {
  const exists = await client
    .getRawIndex(uid)
    .then(() => true)
    .catch(() => false);
  if (!exists) checkTask(await client.createIndex(uid, { primaryKey: 'id' }).waitTask());
  checkTask(await client.index(uid).updateSettings(INDEX_SETTINGS).waitTask({ timeout: 60000 }));
}
