import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { fromRoot } from '../../paths.js';
import type { Executor } from '../../graph/executor.js';
import type { Services } from '../../services.js';
import { callerAs } from '../access/caller.js';
import type { KnownErrorStatus } from './models.js';
import type { LinkInput } from './service.js';
import type { ArticleFields } from './validation.js';

/** One article of seed/known-errors.json: its text, links and the status it should reach. */
export type SeedArticle = ArticleFields & LinkInput & { status?: KnownErrorStatus };

const AUTHOR = callerAs('seed:engineer', ['ENGINEER']);
const REVIEWER = callerAs('seed:problem-manager', ['PROBLEM_MANAGER']);

/**
 * Loads articles through the real workflow: an engineer creates and submits each one, a
 * problem manager publishes it, so numbers, revisions and the audit trail are as in real use.
 */
export async function loadArticles(services: Services, articles: SeedArticle[]): Promise<number> {
  for (const { status = 'PUBLISHED', ...input } of articles) {
    let article = await services.knowledge.create(AUTHOR, input);
    if (status === 'DRAFT') continue;
    article = await services.knowledge.transition(AUTHOR, 'submit', article.id, article.version);
    if (status === 'IN_REVIEW') continue;
    article = await services.knowledge.transition(REVIEWER, 'publish', article.id, article.version);
    if (status === 'RETIRED')
      await services.knowledge.transition(
        REVIEWER,
        'retire',
        article.id,
        article.version,
        'superseded',
      );
  }
  return articles.length;
}

/** Loads seed/known-errors.json when the knowledge base is empty; returns how many it loaded. */
export async function seedKnowledgeIfEmpty(
  executor: Executor,
  services: Services,
  logger: Logger,
): Promise<number> {
  const [row] = await executor.read('knowledge/count');
  if (Number(row?.articles ?? 0) > 0) return 0;
  const articles = JSON.parse(
    readFileSync(fromRoot('seed', 'known-errors.json'), 'utf8'),
  ) as SeedArticle[];
  const loaded = await loadArticles(services, articles);
  logger.info({ articles: loaded }, 'demo known errors loaded into the empty knowledge base');
  return loaded;
}
