import DataLoader from 'dataloader';
import type { Executor } from './graph/executor.js';
import type { DependencyEdgeModel, DependencyKind, EntityModel } from './modules/cmdb/models.js';
import { cmdbRepository as repo } from './modules/cmdb/repository.js';
import { readTaxonomy, type Taxonomy } from './modules/cmdb/taxonomy.js';
import { singlePointsOfFailure } from './modules/impact/root-causes.js';
import type {
  KnownErrorLinks,
  KnownErrorRevisionModel,
  MatchReason,
} from './modules/knowledge/models.js';
import { knowledgeRepository } from './modules/knowledge/repository.js';

/** One request for a page of edges of one component. */
export interface EdgePageKey {
  direction: 'dependencies' | 'dependents';
  id: string;
  kinds: DependencyKind[];
  after: unknown[] | null;
  limit: number;
}

/** The per-request loaders: created fresh for every request, never shared. */
export interface Loaders {
  entity: DataLoader<string, EntityModel | null>;
  edgePage: DataLoader<EdgePageKey, { total: number; edges: DependencyEdgeModel[] }, string>;
  taxonomy: () => Promise<Taxonomy>;
  /** The single points of failure of services, by service id. */
  singlePointsOfFailure: DataLoader<string, string[]>;
  /** What each known-error article applies to. */
  knownErrorLinks: DataLoader<string, KnownErrorLinks>;
  /** The revisions of each article, oldest first. */
  knownErrorRevisions: DataLoader<string, KnownErrorRevisionModel[]>;
  /** Published articles matching each component, with the reason, newest first. */
  knownErrorMatches: DataLoader<string, { id: string; reason: MatchReason }[]>;
}

/** Creates a fresh set of loaders for one request. */
export function createLoaders(executor: Executor): Loaders {
  let taxonomy: Promise<Taxonomy> | undefined;
  return {
    entity: new DataLoader(async (ids) => {
      const found = await executor.readSingle('entitiesByIds', (tx) => repo.entitiesByIds(tx, ids));
      return found.map((e) => e ?? null);
    }),
    // Keys that share direction, kinds and page arguments go to Neo4j as one UNWIND query.
    edgePage: new DataLoader(
      async (keys) => {
        const groups = new Map<string, EdgePageKey[]>();
        for (const k of keys) {
          const g = JSON.stringify([k.direction, k.kinds, k.after, k.limit]);
          if (!groups.has(g)) groups.set(g, []);
          groups.get(g)!.push(k);
        }
        const results = new Map<EdgePageKey, { total: number; edges: DependencyEdgeModel[] }>();
        await executor.readTx('edgePages', async (tx) => {
          for (const group of groups.values()) {
            const { direction, kinds, after, limit } = group[0]!;
            const pages = await repo.edgePages(
              tx,
              direction,
              group.map((k) => k.id),
              { kinds, after, limit },
            );
            group.forEach((k, i) => results.set(k, pages[i]!));
          }
        });
        return keys.map((k) => results.get(k)!);
      },
      { cacheKeyFn: (k) => JSON.stringify([k.direction, k.id, k.kinds, k.after, k.limit]) },
    ),
    taxonomy: () => (taxonomy ??= readTaxonomy(executor)),
    singlePointsOfFailure: new DataLoader((ids) => singlePointsOfFailure(executor, ids)),
    knownErrorLinks: new DataLoader((ids) =>
      executor.readSingle('knownErrorLinks', (tx) => knowledgeRepository.links(tx, ids)),
    ),
    knownErrorRevisions: new DataLoader((ids) =>
      executor.readSingle('knownErrorRevisions', (tx) => knowledgeRepository.revisions(tx, ids)),
    ),
    knownErrorMatches: new DataLoader((ids) =>
      executor.readSingle('knownErrorMatches', (tx) => knowledgeRepository.matches(tx, ids)),
    ),
  };
}
