import DataLoader from 'dataloader';
import { entityStore } from '../../graph/entity-store.js';
import type { Executor } from '../../graph/executor.js';
import type { DependencyKind, EntityModel } from './models.js';
import type { EdgePage, ReadCopy, ReadSnapshot } from './read-cache.js';
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

export type { EdgePage } from './read-cache.js';

/** The CMDB's per-request loaders. */
export interface CmdbLoaders {
  /** Any entity by id (see graph/entity-store). */
  entity: DataLoader<string, EntityModel | null>;
  edgePage: DataLoader<EdgePageKey, EdgePage, string>;
  /** The class taxonomy, read once per request on first use. */
  taxonomy: () => Promise<Taxonomy>;
  /**
   * The read copy of the version current when the request first asked (see read-cache.ts), or
   * undefined (no exact copy yet: Neo4j answers). Asked again after a write of this process.
   */
  snapshot: ReadSnapshot;
}

/** The entities of these ids that exist, in order, through the request's loader (one batch). */
export async function loadExisting<T>(loaders: CmdbLoaders, ids: readonly string[]): Promise<T[]> {
  return (await loaders.entity.loadMany(ids)).filter((x) => x && !(x instanceof Error)) as T[];
}

const noCopy: ReadSnapshot = () => Promise.resolve(undefined);
const edgeKey = (k: EdgePageKey) => JSON.stringify([k.direction, k.id, k.kinds, k.after, k.limit]);

/** Creates the CMDB's loaders for one request; `source` gives the read copy of a checked version. */
export function createCmdbLoaders(executor: Executor, source: ReadSnapshot = noCopy): CmdbLoaders {
  let taxonomy: Promise<Taxonomy> | undefined;
  let checked: { writes: number; copy: Promise<ReadCopy | undefined> } | undefined;
  const snapshot: ReadSnapshot = () => {
    if (!checked || checked.writes !== executor.writeCount)
      checked = { writes: executor.writeCount, copy: source() };
    return checked.copy;
  };
  return {
    entity: new DataLoader(async (ids) => {
      const copy = await snapshot();
      const known = new Map<string, EntityModel | null>();
      for (const id of ids) {
        const e = copy?.entities.get(id);
        if (e) known.set(id, e);
      }
      const missing = ids.filter((id) => !known.has(id));
      const found =
        missing.length === 0
          ? []
          : await executor.readSingle('entitiesByIds', (tx) => entityStore.byIds(tx, missing));
      missing.forEach((id, i) => known.set(id, found[i] ?? null));
      for (const e of found) if (e) copy?.putEntity(e);
      return ids.map((id) => known.get(id) ?? null);
    }),
    // Keys that share direction, kinds and page arguments go to Neo4j as one UNWIND query.
    edgePage: new DataLoader(
      async (all) => {
        const copy = await snapshot();
        const results = new Map<EdgePageKey, EdgePage>();
        for (const k of all) {
          const hit = copy?.edgePages.get(edgeKey(k));
          if (hit) results.set(k, hit.page);
        }
        const keys = all.filter((k) => !results.has(k));
        const groups = new Map<string, EdgePageKey[]>();
        for (const k of keys) {
          const g = JSON.stringify([k.direction, k.kinds, k.after, k.limit]);
          if (!groups.has(g)) groups.set(g, []);
          groups.get(g)!.push(k);
        }
        if (keys.length > 0)
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
        for (const k of keys) copy?.putEdgePage(edgeKey(k), k.id, results.get(k)!);
        return all.map((k) => results.get(k)!);
      },
      { cacheKeyFn: edgeKey },
    ),
    taxonomy: () =>
      (taxonomy ??= snapshot().then((copy) => {
        const read = () => executor.readSingle('ciClasses', (tx) => repo.taxonomy(tx));
        if (!copy) return read();
        copy.taxonomy ??= read();
        copy.taxonomy.catch(() => copy && (copy.taxonomy = undefined));
        return copy.taxonomy;
      })),
    snapshot,
  };
}
