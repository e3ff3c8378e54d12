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

/**
 * A copy keeps at most READ_CACHE_ENTRIES entities (about 0.5–0.8 KB each) and a tenth as many edge
 * pages (a page of ten edges carries ten entities: about 7 KB).
 */
const PAGES_PER_ENTITY = 10;
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
  private entityMap = new Map<string, EntityModel>();
  /** Keyed by the loader's page key; `id` is the component whose edges it lists. */
  private pageMap = new Map<string, { id: string; page: EdgePage }>();
  /** The keys of the edge pages of each component. */
  private pagesOf = new Map<string, Set<string>>();
  private listMap = new Map<string, unknown>();
  /** Set once its content moved to the next version's copy: it then keeps nothing. */
  private sealed = false;
  /** The class taxonomy (class writes bump the version too). */
  taxonomy: Promise<Taxonomy> | undefined;

  constructor(private readonly maxEntries: number) {}

  /** Entities by id. */
  get entities(): ReadonlyMap<string, EntityModel> {
    return this.entityMap;
  }

  /** Edge pages by the loader's key. */
  get edgePages(): ReadonlyMap<string, { id: string; page: EdgePage }> {
    return this.pageMap;
  }

  /** List pages (CIs, services, the live catalog), keyed by the list's name and arguments. */
  get lists(): ReadonlyMap<string, unknown> {
    return this.listMap;
  }

  /** Keeps an entity read while this version was current, when its type is one kept. */
  putEntity(entity: EntityModel): void {
    if (this.sealed || !CACHED_TYPES.has(entity.__typename)) return;
    bounded(this.entityMap, this.maxEntries);
    this.entityMap.set((entity as { id: string }).id, entity);
  }

  /** Keeps an edge page of component `id`, when every entity on it is of a type kept. */
  putEdgePage(key: string, id: string, page: EdgePage): void {
    if (this.sealed || page.edges.some((e) => !CACHED_TYPES.has(e.node.__typename))) return;
    const max = Math.max(1, Math.floor(this.maxEntries / PAGES_PER_ENTITY));
    for (const dropped of bounded(this.pageMap, max)) this.unindex(dropped);
    this.pageMap.set(key, { id, page });
    let keys = this.pagesOf.get(id);
    if (!keys) this.pagesOf.set(id, (keys = new Set()));
    keys.add(key);
  }

  /** Keeps a list page. */
  putList(key: string, value: unknown): void {
    if (this.sealed) return;
    bounded(this.listMap, MAX_LISTS);
    this.listMap.set(key, value);
  }

  private unindex(entry: { id: string } | undefined): void {
    if (!entry) return;
    const keys = this.pagesOf.get(entry.id);
    if (!keys) return;
    for (const key of keys) if (!this.pageMap.has(key)) keys.delete(key);
    if (keys.size === 0) this.pagesOf.delete(entry.id);
  }

  /**
   * Moves what this copy holds that the change leaves exact (see the class comment) to a new copy,
   * in proportion to what the change touched; this one is left empty and keeps nothing more, so
   * that a read of the old version that ends after the move cannot leave what it read in the new.
   */
  carried(changed: ReadonlySet<string>, invalid: ReadonlySet<string>): ReadCopy {
    const next = new ReadCopy(this.maxEntries);
    if (this.sealed) return next;
    next.entityMap = this.entityMap;
    next.pageMap = this.pageMap;
    next.pagesOf = this.pagesOf;
    for (const id of changed) next.entityMap.delete(id);
    for (const id of invalid) {
      for (const key of next.pagesOf.get(id) ?? []) next.pageMap.delete(key);
      next.pagesOf.delete(id);
    }
    this.sealed = true;
    this.entityMap = new Map();
    this.pageMap = new Map();
    this.pagesOf = new Map();
    this.listMap = new Map();
    this.taxonomy = undefined;
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

/** Makes room for one more entry: drops the oldest eighth when full; gives what it dropped. */
function bounded<V>(map: Map<string, V>, max: number): V[] {
  if (map.size < max) return [];
  const dropped: V[] = [];
  let drop = Math.max(1, Math.floor(max / 8));
  for (const [key, value] of map) {
    map.delete(key);
    dropped.push(value);
    if (--drop === 0) break;
  }
  return dropped;
}
