import type { Executor } from '../../graph/executor.js';
import { BadUserInputError } from '../../errors.js';
import { MAX_PAGE_SIZE, pageRequest, toConnection, type Connection } from '../../pagination.js';
import type { ConfigurationItemFilter, ServiceFilter } from '../../generated/types.js';
import type { Caller } from '../access/caller.js';
import { requireAnyRole, requireRole } from '../access/roles.js';
import { auditTrailRepository, type AuditTrailFilter } from '../audit/trail-repository.js';
import type { CmdbLoaders } from './loaders.js';
import type {
  ChangeRecordModel,
  ConfigurationItemModel,
  DependencyEdgeModel,
  DependencyKind,
  EntityModel,
  ServiceModel,
} from './models.js';
import { DEPENDENCY_KINDS } from './models.js';
import { identifierLookup } from './identifier-lookup.js';
import { cmdbRepository as repo, type CIFilterParams } from './repository.js';

/** Filter of `configurationItems`, as the API receives it. */
const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

export type CIFilter = ConfigurationItemFilter;

/** A CI filter of the API as the Cypher of CI lists and reports takes it; classes with subclasses. */
export async function ciFilterParams(
  caller: Caller<CmdbLoaders>,
  filter: CIFilter | null | undefined,
): Promise<CIFilterParams> {
  const f = filter ?? {};
  return {
    classes: f.classIn ? (await caller.loaders.taxonomy()).withSubclasses(f.classIn) : null,
    status: orNull(f.status),
    environment: orNull(f.environment),
    criticality: orNull(f.criticality),
    ownerId: orNull(f.ownerId),
    supplierId: orNull(f.supplierId),
    nameContains: f.nameContains || null,
    tag: orNull(f.tag),
    warrantyExpiresBefore: orNull(f.warrantyExpiresBefore),
    lookup: identifierLookup(f),
  };
}

/** A page of dependency edges, each carrying its relationship. */
export interface DependencyConnection {
  edges: {
    cursor: string;
    kind: DependencyKind;
    strength: DependencyEdgeModel['strength'];
    node: DependencyEdgeModel['node'];
  }[];
  pageInfo: Connection<unknown>['pageInfo'];
  totalCount: number;
}

/**
 * A list page from the request's read copy when it holds it (see read-cache.ts), else read and
 * kept there; its entities primed in the request's loader either way.
 */
async function listed<R extends EntityModel>(
  caller: Caller<CmdbLoaders>,
  key: unknown[],
  read: () => Promise<{ total: number; rows: R[] }>,
): Promise<{ total: number; rows: R[] }> {
  const copy = await caller.loaders.snapshot();
  const k = JSON.stringify(key);
  let page = copy?.lists.get(k) as { total: number; rows: R[] } | undefined;
  if (!page) {
    page = await read();
    copy?.putList(k, page);
  }
  for (const r of page.rows) caller.loaders.entity.prime((r as { id: string }).id, r);
  return page;
}

/** CMDB reads: every one needs VIEWER. */
export class CmdbQueries {
  constructor(private readonly executor: Executor) {}

  /** One entity of any type through the request's loader. */
  async node(caller: Caller<CmdbLoaders>, id: string): Promise<EntityModel | null> {
    requireRole(caller.actor, 'VIEWER');
    return caller.loaders.entity.load(id);
  }

  /** Entities by id in the order asked, null for unknown ids; at most 200 ids (BAD_USER_INPUT). */
  async nodes(caller: Caller<CmdbLoaders>, ids: string[]): Promise<(EntityModel | null)[]> {
    requireRole(caller.actor, 'VIEWER');
    if (ids.length > MAX_PAGE_SIZE)
      throw new BadUserInputError(
        `ids takes at most ${MAX_PAGE_SIZE} ids, got ${ids.length}`,
        'ids',
      );
    const found = await caller.loaders.entity.loadMany(ids);
    return found.map((e) => (e instanceof Error ? null : e));
  }

  /** One entity of an expected type, or null. */
  async typed<T extends EntityModel>(
    caller: Caller<CmdbLoaders>,
    id: string,
    typename: T['__typename'],
  ): Promise<T | null> {
    const e = await this.node(caller, id);
    return e && e.__typename === typename ? (e as T) : null;
  }

  /** A page of CIs; class filters include subclasses. */
  async configurationItems(
    caller: Caller<CmdbLoaders>,
    filter: CIFilter | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<ConfigurationItemModel>> {
    requireRole(caller.actor, 'VIEWER');
    const page = pageRequest('configurationItems', first, after);
    const params = await ciFilterParams(caller, filter);
    const args = { ...params, after: page.after, limit: page.first + 1 };
    const { total, rows } = await listed(caller, ['configurationItems', args], () =>
      this.executor.readSingle('configurationItems', (tx) => repo.ciPage(tx, args)),
    );
    return toConnection(rows as ConfigurationItemModel[], page, total, (n) => [n.name, n.id]);
  }

  /** A page of services. */
  async services(
    caller: Caller<CmdbLoaders>,
    filter: ServiceFilter | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<ServiceModel>> {
    requireRole(caller.actor, 'VIEWER');
    const page = pageRequest('services', first, after);
    const f = filter ?? {};
    const args = {
      category: orNull(f.category),
      kind: orNull(f.kind),
      status: orNull(f.status),
      consumerId: orNull(f.consumerId),
      providerId: orNull(f.providerId),
      after: page.after,
      limit: page.first + 1,
    };
    const { total, rows } = await listed(caller, ['services', args], () =>
      this.executor.readSingle('services', (tx) => repo.servicePage(tx, args)),
    );
    return toConnection(rows as ServiceModel[], page, total, (n) => [n.name, n.id]);
  }

  /** Live services, ordered by category then name. */
  async liveServices(caller: Caller<CmdbLoaders>): Promise<ServiceModel[]> {
    requireRole(caller.actor, 'VIEWER');
    const { rows } = await listed(caller, ['serviceCatalog'], async () => ({
      total: 0,
      rows: await this.executor.readSingle('serviceCatalog', (tx) => repo.liveServices(tx)),
    }));
    return rows as ServiceModel[];
  }

  /** All org units. */
  async orgUnits(caller: Caller): Promise<EntityModel[]> {
    requireRole(caller.actor, 'VIEWER');
    return this.executor.readSingle('orgUnits', (tx) => repo.orgUnits(tx));
  }

  /** All suppliers. */
  async suppliers(caller: Caller): Promise<EntityModel[]> {
    requireRole(caller.actor, 'VIEWER');
    return this.executor.readSingle('suppliers', (tx) => repo.suppliers(tx));
  }

  /** A page of a component's edges, batched with its siblings in the request. */
  async edges(
    caller: Caller<CmdbLoaders>,
    direction: 'dependencies' | 'dependents',
    id: string,
    args: { first?: number | null; after?: string | null; kinds?: DependencyKind[] | null },
  ): Promise<DependencyConnection> {
    requireRole(caller.actor, 'VIEWER');
    const page = pageRequest(direction, args.first, args.after);
    const kinds =
      args.kinds && args.kinds.length > 0 ? [...new Set(args.kinds)].sort() : [...DEPENDENCY_KINDS];
    const { total, edges } = await caller.loaders.edgePage.load({
      direction,
      id,
      kinds,
      after: page.after,
      limit: page.first + 1,
    });
    edges.forEach((e) => caller.loaders.entity.prime(e.node.id, e.node));
    const conn = toConnection(edges, page, total, (e) => e.sortKey);
    return {
      ...conn,
      edges: conn.edges.map(({ cursor, node: e }) => ({
        cursor,
        kind: e.kind,
        strength: e.strength,
        node: e.node,
      })),
    };
  }

  /** The audit trail of an entity, newest first. */
  async history(
    caller: Caller,
    entityId: string,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<ChangeRecordModel>> {
    requireRole(caller.actor, 'VIEWER');
    const page = pageRequest('history', first, after);
    const { total, rows } = await this.executor.readSingle('history', (tx) =>
      auditTrailRepository.historyPage(tx, entityId, page.after, page.first + 1),
    );
    return toConnection(rows as ChangeRecordModel[], page, total, (r) => [r.at, r.id]);
  }

  /** Every ChangeRecord across the graph, oldest first (VIEWER or AUDITOR). */
  async auditTrail(
    caller: Caller,
    filter: AuditTrailFilter | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<ChangeRecordModel>> {
    requireAnyRole(caller.actor, ['VIEWER', 'AUDITOR']);
    const page = pageRequest('auditTrail', first, after);
    const { total, rows } = await this.executor.readSingle('auditTrail', (tx) =>
      auditTrailRepository.trailPage(tx, filter ?? {}, page.after, page.first + 1),
    );
    return toConnection(rows as ChangeRecordModel[], page, total, (r) => [r.at, r.id]);
  }

  /** The class taxonomy. */
  async ciClasses(caller: Caller<CmdbLoaders>) {
    requireRole(caller.actor, 'VIEWER');
    return (await caller.loaders.taxonomy()).classes;
  }
}
