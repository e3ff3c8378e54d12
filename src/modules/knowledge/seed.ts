import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { fromRoot } from '../../paths.js';
import type { Executor } from '../../graph/executor.js';
import type { Services } from '../../services.js';
import { callerAs } from '../access/caller.js';
import type { KnownErrorModel, KnownErrorStatus } from './models.js';
import { entityStore } from '../../graph/entity-store.js';
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
export async function loadArticles(
  services: Services,
  articles: SeedArticle[],
  published: string[] = [],
): Promise<number> {
  for (const { status = 'PUBLISHED', ...input } of articles) {
    let article = await services.knowledge.create(AUTHOR, input);
    if (status === 'DRAFT') continue;
    article = await services.knowledge.transition(AUTHOR, 'submit', article.id, article.version);
    if (status === 'IN_REVIEW') continue;
    article = await services.knowledge.transition(REVIEWER, 'publish', article.id, article.version);
    if (status === 'PUBLISHED') published.push(article.id);
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
  const published: string[] = [];
  const loaded = await loadArticles(services, articles, published);
  const uses = await seedUses(executor, services, published);
  logger.info({ articles: loaded, uses }, 'demo known errors loaded into the empty knowledge base');
  return loaded;
}

const DAY = 86400000;

/**
 * The demo's history of use over the last six months: most published articles applied to a few
 * incidents and mostly helpful; every ninth one applied three times and unhelpful twice (so it
 * needs review), every fifteenth given a review date that has passed. Deterministic.
 */
export async function seedUses(
  executor: Executor,
  services: Services,
  published: string[],
): Promise<number> {
  const engineer = callerAs('seed:service-desk', ['ENGINEER']);
  const now = Date.now();
  let uses = 0;
  for (const [i, id] of published.entries()) {
    const unhelpfulHeavy = i % 9 === 4;
    const count = unhelpfulHeavy ? 3 : (i * 7) % 5;
    for (let u = 0; u < count; u++) {
      const helpful = unhelpfulHeavy ? u === 0 : (i + u) % 6 !== 5;
      const at = new Date(now - ((i * 13 + u * 29) % 180) * DAY - u * 3600000);
      const incidentRef = `INC-${at.toISOString().slice(0, 10).replaceAll('-', '')}-${String(100 + ((i * 31 + u * 17) % 900)).padStart(4, '0')}`;
      await services.knowledgeUsage.record(
        engineer,
        id,
        { helpful, incidentRef, note: helpful ? null : '按文中步骤处理后故障依旧' },
        at,
      );
      uses += 1;
    }
    if (i % 15 === 7) {
      const [article] = await executor.readSingle('seedReviewBy', (tx) =>
        entityStore.byIds(tx, [id]),
      );
      const past = new Date(now - (20 + i) * DAY).toISOString().slice(0, 10);
      await services.knowledgeUsage.setReviewBy(
        REVIEWER,
        id,
        (article as KnownErrorModel).version,
        past,
      );
    }
  }
  return uses;
}
