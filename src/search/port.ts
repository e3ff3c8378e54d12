import type { QueryRunner } from '../graph/executor.js';
import type { KnownErrorModel } from '../modules/knowledge/models.js';
import type { ArticleFilter } from '../modules/knowledge/repository.js';

/** One search, validated: statuses resolved, the page as offset and limit. */
export interface SearchRequest {
  query: string;
  filter: ArticleFilter & { statuses: string[] };
  offset: number;
  limit: number;
}

/** One hit. */
export interface SearchHitModel {
  article: KnownErrorModel;
  score: number;
  highlights: { field: string; snippet: string }[];
}

/** A page of hits and how many there are in all. */
export interface SearchResultModel {
  totalHits: number;
  hits: SearchHitModel[];
  engine: string;
}

/**
 * The knowledge-search port: the knowledge service writes through Neo4j and tells the engine,
 * inside the writing transaction, which article changed; searches go to the engine.
 */
export interface KnowledgeSearchEngine {
  /** `neo4j` or `meilisearch`, as `KnowledgeSearchResult.engine` reports it. */
  readonly name: string;
  /** Finds articles. */
  search(request: SearchRequest): Promise<SearchResultModel>;
  /** Called in the transaction that changed the article, before it commits. */
  articleChanged(tx: QueryRunner, articleId: string, now: string): Promise<void>;
  /** Whether the engine can answer (readiness). */
  ready(): Promise<boolean>;
  /** Stops background work (the outbox relay). */
  stop(): Promise<void>;
}
