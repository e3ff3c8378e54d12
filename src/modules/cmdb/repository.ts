import neo4j from 'neo4j-driver';
import type { QueryRunner } from '../../graph/executor.js';
import { toEntityModel, type EntityRow } from './entity-mapping.js';
import type {
  CIClassModel,
  ComponentModel,
  DependencyEdgeModel,
  DependencyKind,
  DependencyStrength,
  EntityModel,
} from './models.js';
import type { DependencyRow } from './rules.js';
import { Taxonomy } from './taxonomy.js';
import { LINK_TYPES, type EntityStorage, type LinkType, type NormalizedEntity } from './specs.js';

/** The Cypher names this repository uses, checked at start. */
export const CMDB_QUERIES = [
  'system/component-count',
  'system/topology-bump',
  'cmdb/live-ci-count',
  'cmdb/outline-page',
  'cmdb/ci-page',
  'cmdb/ci-classes-all',
  'cmdb/ci-classes-upsert',
  'cmdb/ci-class-create',
  'cmdb/dependencies-page',
  'cmdb/dependents-page',
  'cmdb/lock-entity',
  'cmdb/entity-create',
  'cmdb/entity-update',
  'cmdb/ci-identifiers',
  'cmdb/links-replace',
  'cmdb/links-create',
  'cmdb/dependency-find',
  'cmdb/dependency-create',
  'cmdb/dependency-delete',
  'cmdb/member-counts',
  'cmdb/dependency-set-strength',
  'cmdb/org-units-all',
  'cmdb/suppliers-all',
  'catalog/service-page',
  'catalog/live-services',
] as const;

/** Stored date fields become Neo4j dates; everything else is stored as it is. */
export function toStoredProps(
  spec: EntityStorage,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const props: Record<string, unknown> = { ...fields };
  for (const f of spec.dateFields) {
    const v = props[f];
    if (typeof v === 'string') {
      const [y, m, d] = v.split('-').map(Number);
      props[f] = new neo4j.types.Date(y!, m!, d!);
    }
  }
  return props;
}

/** Recomputes the lookup keys (id, asset tag, serial, IPs, name) of CIs just written. */
async function refreshIdentifiers(
  tx: QueryRunner,
  spec: EntityStorage,
  rows: { id: string }[],
): Promise<void> {
  if (spec.type === 'ConfigurationItem')
    await tx.run('cmdb/ci-identifiers', { ids: rows.map((r) => r.id) });
}

/**
 * The identity of an edge: from, to and kind (API.md: a duplicate is the same three), joined on
 * NUL, which no valid id or kind holds (checkId, the kind enum): two different edges share a key
 * only if both have a NUL in a field, that is both are invalid anyway. Cheaper than a JSON key for
 * the millions of a bulk import.
 */
export function dependencyKey(r: { fromId: string; toId: string; kind: string }): string {
  return `${r.fromId}\u0000${r.toId}\u0000${r.kind}`;
}

/** A CI filter as the Cypher of CI lists and reports takes it (null: any). */
export interface CIFilterParams {
  classes: string[] | null;
  status: string[] | null;
  environment: string[] | null;
  criticality: string[] | null;
  ownerId: string | null;
  supplierId: string | null;
  nameContains: string | null;
  tag: string | null;
  warrantyExpiresBefore: string | null;
  /** A query over the ci_identifiers index (identifierLookup), or null. */
  lookup: string | null;
}

/** Filter and page arguments of a CI page, ready for `cmdb/ci-page`. */
export interface CIPageParams extends CIFilterParams {
  after: unknown[] | null;
  limit: number;
}

/** An entity's links of the given types as `{type, targetId}` rows for Cypher. */
function linkRows(types: readonly LinkType[], links: NormalizedEntity['links']) {
  return types.flatMap((type) => (links[type] ?? []).map((targetId) => ({ type, targetId })));
}

/** The most entity ids one topology change record lists. */
export const TOPOLOGY_CHANGE_MAX_IDS = 1000;
/** How many topology change records are kept: a copy further behind is read again in full. */
export const TOPOLOGY_CHANGES_KEPT = 1000;

/** Reads and writes of CMDB entities; every method runs inside the caller's transaction. */
export const cmdbRepository = {
  /**
   * Bumps the dependency graph's version in the caller's transaction, recording the entities it
   * changed: every CMDB write does, so that an in-memory copy of the topology tagged with an older
   * version is never used, and can catch up by reading only those. Past TOPOLOGY_CHANGE_MAX_IDS
   * (a bulk import's batch), the record lists nothing and copies are read again in full.
   */
  async bumpTopology(tx: QueryRunner, changed: Iterable<string>): Promise<void> {
    const ids = [...new Set(changed)];
    await tx.run('system/topology-bump', {
      ids: ids.length <= TOPOLOGY_CHANGE_MAX_IDS ? ids : null,
      kept: neo4j.int(TOPOLOGY_CHANGES_KEPT),
    });
  },

  /** Adds one class to the taxonomy. */
  async createClass(
    tx: QueryRunner,
    c: { name: string; label: string; labelZh: string; parent: string; abstract: boolean },
    now: string,
  ): Promise<void> {
    await tx.run('cmdb/ci-class-create', { ...c, now });
  },

  /** The class tree, ready for validation and subclass filters. */
  async taxonomy(tx: QueryRunner): Promise<Taxonomy> {
    return new Taxonomy(await this.classes(tx));
  },

  /** The whole class tree. */
  async classes(tx: QueryRunner): Promise<CIClassModel[]> {
    const rows = await tx.run('cmdb/ci-classes-all');
    return rows.map((r) => {
      const c = r.class as Record<string, unknown>;
      return {
        __typename: 'CIClass',
        id: String(c.id),
        name: String(c.name),
        label: String(c.label),
        labelZh: String(c.labelZh),
        parent: (c.parent as string | null) ?? null,
        abstract: Boolean(c.abstract),
      };
    });
  },

  /** Creates missing classes of the taxonomy (never overwrites). */
  async upsertClasses(
    tx: QueryRunner,
    classes: {
      name: string;
      parent: string | null;
      label: string;
      labelZh: string;
      abstract: boolean;
    }[],
  ): Promise<void> {
    await tx.run('cmdb/ci-classes-upsert', { classes });
  },

  /** A page of CIs and the total matching. */
  async ciPage(tx: QueryRunner, p: CIPageParams): Promise<{ total: number; rows: EntityModel[] }> {
    const [row] = await tx.run('cmdb/ci-page', {
      ...p,
      linkTypes: LINK_TYPES,
      limit: neo4j.int(p.limit),
      afterName: p.after?.[0] ?? null,
      afterId: p.after?.[1] ?? null,
    });
    return { total: Number(row!.total), rows: (row!.rows as EntityRow[]).map(toEntityModel) };
  },

  /** A page of services and the total matching. */
  async servicePage(
    tx: QueryRunner,
    p: Record<string, unknown> & { after: unknown[] | null; limit: number },
  ): Promise<{ total: number; rows: EntityModel[] }> {
    const [row] = await tx.run('catalog/service-page', {
      ...p,
      linkTypes: LINK_TYPES,
      limit: neo4j.int(p.limit),
      afterName: p.after?.[0] ?? null,
      afterId: p.after?.[1] ?? null,
    });
    return { total: Number(row!.total), rows: (row!.rows as EntityRow[]).map(toEntityModel) };
  },

  /** Live services, ordered by category then name. */
  async liveServices(tx: QueryRunner): Promise<EntityModel[]> {
    return (await tx.run('catalog/live-services', { linkTypes: LINK_TYPES })).map((r) =>
      toEntityModel(r as unknown as EntityRow),
    );
  },

  /** Every org unit. */
  async orgUnits(tx: QueryRunner): Promise<EntityModel[]> {
    return (await tx.run('cmdb/org-units-all')).map((r) =>
      toEntityModel(r as unknown as EntityRow),
    );
  },

  /** Every supplier. */
  async suppliers(tx: QueryRunner): Promise<EntityModel[]> {
    return (await tx.run('cmdb/suppliers-all')).map((r) =>
      toEntityModel(r as unknown as EntityRow),
    );
  },

  /** Pages of dependency edges for many components at once, in the order of `ids`. */
  async edgePages(
    tx: QueryRunner,
    direction: 'dependencies' | 'dependents',
    ids: readonly string[],
    args: { kinds: DependencyKind[]; after: unknown[] | null; limit: number },
  ): Promise<{ total: number; edges: DependencyEdgeModel[] }[]> {
    const query = direction === 'dependencies' ? 'cmdb/dependencies-page' : 'cmdb/dependents-page';
    const rows = await tx.run(query, {
      ids: [...new Set(ids)],
      linkTypes: LINK_TYPES,
      kinds: args.kinds,
      limit: neo4j.int(args.limit),
      afterName: args.after?.[0] ?? null,
      afterKind: args.after?.[1] ?? null,
      afterId: args.after?.[2] ?? null,
    });
    const byId = new Map(
      rows.map((r) => [
        String(r.id),
        {
          total: Number(r.total),
          edges: (
            r.edges as (EntityRow & { kind: DependencyKind; strength: DependencyStrength })[]
          ).map((e) => {
            const node = toEntityModel(e) as ComponentModel;
            return {
              kind: e.kind,
              strength: e.strength,
              node,
              sortKey: [node.name, e.kind, node.id] as [string, string, string],
            };
          }),
        },
      ]),
    );
    return ids.map((id) => byId.get(id) ?? { total: 0, edges: [] });
  },

  /** Locks an entity for this transaction and returns its current version, or null when there is none. */
  async lock(tx: QueryRunner, id: string): Promise<number | null> {
    const [row] = await tx.run('cmdb/lock-entity', { id });
    return row ? Number(row.version) : null;
  },

  /**
   * Creates entities of the spec's type. With `withLinks` their reference links are created in the
   * same pass (every target must exist already); otherwise `replaceLinks` writes them afterwards.
   */
  async create(
    tx: QueryRunner,
    spec: EntityStorage,
    rows: { id: string; entity: NormalizedEntity }[],
    now: string,
    withLinks = false,
  ): Promise<void> {
    if (rows.length === 0) return;
    await tx.run('cmdb/entity-create', {
      labels: spec.labels,
      now,
      rows: rows.map((r) => ({
        id: r.id,
        props: toStoredProps(spec, r.entity.fields),
        links: withLinks ? linkRows(spec.linkTypes, r.entity.links) : [],
      })),
    });
    await refreshIdentifiers(tx, spec, rows);
  },

  /** Writes changed fields of entities and bumps their versions. */
  async update(
    tx: QueryRunner,
    spec: EntityStorage,
    rows: { id: string; fields: Record<string, unknown> }[],
    now: string,
  ): Promise<void> {
    if (rows.length === 0) return;
    await tx.run('cmdb/entity-update', {
      now,
      rows: rows.map((r) => ({ id: r.id, props: toStoredProps(spec, r.fields) })),
    });
    await refreshIdentifiers(tx, spec, rows);
  },

  /** Replaces the links of the given types of each entity; `fresh` entities have none to remove. */
  async replaceLinks(
    tx: QueryRunner,
    types: LinkType[],
    rows: { id: string; links: NormalizedEntity['links'] }[],
    fresh = false,
  ): Promise<void> {
    if (types.length === 0 || rows.length === 0) return;
    // Entities created in this transaction have no links to remove.
    await tx.run(fresh ? 'cmdb/links-create' : 'cmdb/links-replace', {
      types,
      rows: rows.map((r) => ({ id: r.id, links: linkRows(types, r.links) })),
    });
  },

  /** The stored strength of each asked edge that exists, keyed by `dependencyKey`. */
  async findDependencies(
    tx: QueryRunner,
    rows: Pick<DependencyRow, 'fromId' | 'toId' | 'kind'>[],
  ): Promise<Map<string, DependencyStrength>> {
    if (rows.length === 0) return new Map();
    const found = await tx.run('cmdb/dependency-find', {
      rows: rows.map(({ fromId, toId, kind }) => ({ fromId, toId, kind })),
    });
    return new Map(
      found.map((r) => [
        dependencyKey(r as unknown as DependencyRow),
        r.strength as DependencyStrength,
      ]),
    );
  },

  /** Creates dependency edges. */
  async createDependencies(tx: QueryRunner, rows: DependencyRow[]): Promise<void> {
    // kind and strength → source → targets
    const groups = new Map<string, Map<string, string[]>>();
    for (const r of rows) {
      const key = `${r.kind} ${r.strength}`;
      let bySource = groups.get(key);
      if (!bySource) groups.set(key, (bySource = new Map()));
      const targets = bySource.get(r.fromId);
      if (targets) targets.push(r.toId);
      else bySource.set(r.fromId, [r.toId]);
    }
    for (const [key, bySource] of groups) {
      const [kind, strength] = key.split(' ');
      await tx.run('cmdb/dependency-create', { kind, strength, groups: [...bySource] });
    }
  },

  /** Changes the strength of existing edges. */
  async setDependencyStrengths(tx: QueryRunner, rows: DependencyRow[]): Promise<void> {
    if (rows.length > 0) await tx.run('cmdb/dependency-set-strength', { rows });
  },

  /** Deletes a dependency edge; returns whether one existed. */
  async deleteDependency(
    tx: QueryRunner,
    edge: { fromId: string; toId: string; kind: DependencyKind },
  ): Promise<boolean> {
    const { fromId, toId, kind } = edge;
    const [row] = await tx.run('cmdb/dependency-delete', { fromId, toId, kind });
    return Number(row?.deleted ?? 0) > 0;
  },

  /** How many MEMBER edges leave each entity, in the order of `ids` (0 for unknown ones). */
  async memberCounts(tx: QueryRunner, ids: readonly string[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await tx.run('cmdb/member-counts', { ids });
    const byId = new Map(rows.map((r) => [String(r.id), Number(r.members)]));
    return ids.map((id) => byId.get(id) ?? 0);
  },
};
