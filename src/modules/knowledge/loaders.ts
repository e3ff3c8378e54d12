import DataLoader from 'dataloader';
import type { Executor } from '../../graph/executor.js';
import type { KnownErrorLinks, KnownErrorRevisionModel, MatchReason } from './models.js';
import { knowledgeRepository as repo } from './repository.js';
import type { UsageFacts } from './review.js';
import { KnowledgeUsage } from './usage.js';

/** The knowledge base's per-request loaders. */
export interface KnowledgeLoaders {
  /** What each known-error article applies to. */
  knownErrorLinks: DataLoader<string, KnownErrorLinks>;
  /** The revisions of each article, oldest first. */
  knownErrorRevisions: DataLoader<string, KnownErrorRevisionModel[]>;
  /** Published articles matching each component, with the reason, newest first. */
  knownErrorMatches: DataLoader<string, { id: string; reason: MatchReason }[]>;
  /** The recorded uses of each article, and whether a CI it applies to is retired. */
  knownErrorUsage: DataLoader<string, UsageFacts>;
}

/** Creates the knowledge base's loaders for one request. */
export function createKnowledgeLoaders(executor: Executor): KnowledgeLoaders {
  return {
    knownErrorLinks: new DataLoader((ids) =>
      executor.readSingle('knownErrorLinks', (tx) => repo.links(tx, ids)),
    ),
    knownErrorRevisions: new DataLoader((ids) =>
      executor.readSingle('knownErrorRevisions', (tx) => repo.revisions(tx, ids)),
    ),
    knownErrorMatches: new DataLoader((ids) =>
      executor.readSingle('knownErrorMatches', (tx) => repo.matches(tx, ids)),
    ),
    knownErrorUsage: new DataLoader((ids) => new KnowledgeUsage(executor).facts(ids)),
  };
}
