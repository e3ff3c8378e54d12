import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Executor } from '../graph/executor.js';
import { Neo4jSearchEngine } from './neo4j-engine.js';
import type { KnowledgeSearchEngine } from './port.js';

/** The knowledge-search engine the configuration asks for: Meilisearch when MEILI_URL is set. */
export async function createSearchEngine(
  config: Config,
  executor: Executor,
  logger: Logger,
): Promise<KnowledgeSearchEngine> {
  if (!config.meili.url) return new Neo4jSearchEngine(executor);
  const { MeiliSearchEngine } = await import('./meili-engine.js');
  return MeiliSearchEngine.start(
    config.meili as Config['meili'] & { url: string },
    executor,
    logger,
  );
}
