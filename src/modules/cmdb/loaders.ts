import DataLoader from 'dataloader';
import { entityStore } from '../../graph/entity-store.js';
import type { Executor } from '../../graph/executor.js';
import type { DependencyEdgeModel, DependencyKind, EntityModel } from './models.js';
import { cmdbRepository as repo } from './repository.js';
import type { Taxonomy } from './taxonomy.js';

/** One request for a page of edges of one component. */
export interface EdgePageKey {
  direction: 'dependencies' | 'dependents';
  id: string;
  kinds: DependencyKind[];
  after: unknown[] | null;
  limit: number;
}

/** A page of edges and the total. */
export interface EdgePage {
  total: number;
  edges: DependencyEdgeModel[];
}

/** The CMDB's per-request loaders. */
export interface CmdbLoaders {
  /** Any entity by id (see graph/entity-store). */
  entity: DataLoader<string, EntityModel | null>;
  edgePage: DataLoader<EdgePageKey, EdgePage, string>;
  /** The class taxonomy, read once per request on first use. */
  taxonomy: () => Promise<Taxonomy>;
}

/** The entities of these ids that exist, in order, through the request's loader (one batch). */
export async function loadExisting<T>(loaders: CmdbLoaders, ids: readonly string[]): Promise<T[]> {
  return (await loaders.entity.loadMany(ids)).filter((x) => x && !(x instanceof Error)) as T[];
}

/** Creates the CMDB's loaders for one request. */
export function createCmdbLoaders(executor: Executor): CmdbLoaders {
  let taxonomy: Promise<Taxonomy> | undefined;
  return {
    entity: new DataLoader(async (ids) => {
      const found = await executor.readSingle('entitiesByIds', (tx) => entityStore.byIds(tx, ids));
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
        const results = new Map<EdgePageKey, EdgePage>();
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
    taxonomy: () => (taxonomy ??= executor.readSingle('ciClasses', (tx) => repo.taxonomy(tx))),
  };
}
