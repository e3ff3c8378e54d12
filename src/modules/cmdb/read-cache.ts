import { READ_CACHE_ENTRIES } from '../../config.js';
import type { DependencyEdgeModel, EntityModel } from './models.js';
import type { Taxonomy } from './taxonomy.js';

/** A page of edges and the total. */
export interface EdgePage {
  total: number;
  edges: DependencyEdgeModel[];
}

/** Entity types written only through the CMDB's bumping writes. */
export const CACHED_TYPES: ReadonlySet<string> = new Set([
  'ConfigurationItem',
  'Service',
  'OrgUnit',
  'Supplier',
  'Contract',
]);

/** List pages a copy keeps at most. */
const MAX_LISTS = 1000;

/**
 * What reads have found while one topology version was current (issue 23): entities by id, pages
 * of dependency edges, pages of the CI and service lists. Every write to a CMDB entity bumps the
 * topology version in its own transaction and lists the ids it changed (cmdb/repository
 * `bumpTopology`), so what was read while a version is current stays exact for as long as it is;
 * a request that has checked the version (one small round trip, shared by the requests that
 * arrive while it travels) may answer from the copy of that version instead of Neo4j.
 *
 * A copy that is patched to the next version (impact/topology-holder) carries these over except:
 * the entities of the changed ids; the edge pages of the changed ids and of their neighbours
 * before and after the change (an edge added to X changes X's dependents; a renamed target moves
 * in its sources' pages); every list page (any change may move an item in or out of a filter).
 * Only entity types whose every write bumps the version are kept (`CACHED_TYPES`); knowledge
 * articles, for one, are not.
 */
export class ReadCopy {
  readonly entities = new Map<string, EntityModel>();
  /** Keyed by the loader's page key; `id` is the component whose edges it lists. */
  readonly edgePages = new Map<string, { id: string; page: EdgePage }>();
  /** List pages (CIs, services, the live catalog), keyed by the list's name and arguments. */
  readonly lists = new Map<string, unknown>();
  /** The class taxonomy (class writes bump the version too). */
  taxonomy: Promise<Taxonomy> | undefined;

  constructor(private readonly maxEntries: number) {}

  /** Keeps an entity read while this version was current, when its type is one kept. */
  putEntity(entity: EntityModel): void {
    if (!CACHED_TYPES.has(entity.__typename)) return;
    bounded(this.entities, this.maxEntries);
    this.entities.set((entity as { id: string }).id, entity);
  }

  /** Keeps an edge page of component `id`, when every entity on it is of a type kept. */
  putEdgePage(key: string, id: string, page: EdgePage): void {
    if (page.edges.some((e) => !CACHED_TYPES.has(e.node.__typename))) return;
    bounded(this.edgePages, this.maxEntries);
    this.edgePages.set(key, { id, page });
  }

  /** Keeps a list page. */
  putList(key: string, value: unknown): void {
    bounded(this.lists, MAX_LISTS);
    this.lists.set(key, value);
  }

  /** A new copy with what this one holds that the change leaves exact (see the class comment). */
  carried(changed: ReadonlySet<string>, invalid: ReadonlySet<string>): ReadCopy {
    const next = new ReadCopy(this.maxEntries);
    for (const [id, e] of this.entities) if (!changed.has(id)) next.entities.set(id, e);
    for (const [key, entry] of this.edgePages)
      if (!invalid.has(entry.id)) next.edgePages.set(key, entry);
    return next;
  }
}

/** Where the CMDB's reads find the copy of the version a request has checked, if any. */
export type ReadSnapshot = () => Promise<ReadCopy | undefined>;

/** The read copies of the topology copies (keyed by them, so they go when their copy goes). */
export class ReadCache {
  private readonly byCopy = new WeakMap<object, ReadCopy>();

  constructor(private readonly maxEntries = READ_CACHE_ENTRIES) {}

  /** Whether reads keep anything (READ_CACHE_ENTRIES above 0). */
  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  /** The read copy of a topology copy (a live one: reads add to it). */
  of(copy: object): ReadCopy {
    let read = this.byCopy.get(copy);
    if (!read) this.byCopy.set(copy, (read = new ReadCopy(this.maxEntries)));
    return read;
  }

  /** Gives `to` what `from` holds that the ids changed (and their neighbours, `invalid`) leave exact. */
  carryOver(
    from: object,
    to: object,
    changed: ReadonlySet<string>,
    invalid: ReadonlySet<string>,
  ): void {
    const old = this.byCopy.get(from);
    if (old) this.byCopy.set(to, old.carried(changed, invalid));
  }
}

/** Makes room for one more entry: drops the oldest eighth when full. */
function bounded(map: Map<string, unknown>, max: number): void {
  if (map.size < max) return;
  let drop = Math.max(1, Math.floor(max / 8));
  for (const key of map.keys()) {
    map.delete(key);
    if (--drop === 0) break;
  }
}
