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
import type { EntitySpec, LinkType, NormalizedEntity } from './specs.js';

/** The Cypher names this repository uses, checked at start. */
export const CMDB_QUERIES = [
  'system/entities-by-ids',
  'cmdb/ci-page',
  'cmdb/ci-classes-all',
  'cmdb/ci-classes-upsert',
  'cmdb/dependencies-page',
  'cmdb/dependents-page',
  'cmdb/lock-entity',
  'cmdb/entity-create',
  'cmdb/entity-update',
  'cmdb/links-replace',
  'cmdb/dependency-find',
  'cmdb/dependency-create',
  'cmdb/dependency-delete',
  'cmdb/member-count',
  'cmdb/org-units-all',
  'cmdb/suppliers-all',
  'catalog/service-page',
  'catalog/live-services',
  'audit/change-records-create',
  'audit/history-page',
] as const;

/** Stored date fields become Neo4j dates; everything else is stored as it is. */
export function toStoredProps(
  spec: EntitySpec,
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

/** Filter and page arguments of a CI page, ready for `cmdb/ci-page`. */
export interface CIPageParams {
  classes: string[] | null;
  status: string[] | null;
  environment: string[] | null;
  criticality: string[] | null;
  ownerId: string | null;
  supplierId: string | null;
  nameContains: string | null;
  tag: string | null;
  warrantyExpiresBefore: string | null;
  after: unknown[] | null;
  limit: number;
}

/** Reads and writes of CMDB entities; every method runs inside the caller's transaction. */
export const cmdbRepository = {
  /** Entities by id, in the order of `ids`, undefined where missing. */
  async entitiesByIds(
    tx: QueryRunner,
    ids: readonly string[],
  ): Promise<(EntityModel | undefined)[]> {
    const rows = await tx.run('system/entities-by-ids', { ids: [...new Set(ids)] });
    const byId = new Map(rows.map((r) => [String(r.id), toEntityModel(r as unknown as EntityRow)]));
    return ids.map((id) => byId.get(id));
  },

  /** The whole class taxonomy. */
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
      limit: neo4j.int(p.limit),
      afterName: p.after?.[0] ?? null,
      afterId: p.after?.[1] ?? null,
    });
    return { total: Number(row!.total), rows: (row!.rows as EntityRow[]).map(toEntityModel) };
  },

  /** Live services, ordered by category then name. */
  async liveServices(tx: QueryRunner): Promise<EntityModel[]> {
    return (await tx.run('catalog/live-services')).map((r) =>
      toEntityModel(r as unknown as EntityRow),
    );
  },

  /** Every org unit or every supplier. */
  async all(tx: QueryRunner, which: 'org-units' | 'suppliers'): Promise<EntityModel[]> {
    return (await tx.run(`cmdb/${which}-all`)).map((r) => toEntityModel(r as unknown as EntityRow));
  },

  /** Pages of dependency edges for many components at once, in the order of `ids`. */
  async edgePages(
    tx: QueryRunner,
    direction: 'dependencies' | 'dependents',
    ids: readonly string[],
    args: { kinds: DependencyKind[]; after: unknown[] | null; limit: number },
  ): Promise<{ total: number; edges: DependencyEdgeModel[] }[]> {
    const rows = await tx.run(`cmdb/${direction}-page`, {
      ids: [...new Set(ids)],
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

  /** Locks an entity for this transaction and returns its current version and labels, or null. */
  async lock(tx: QueryRunner, id: string): Promise<{ version: number; labels: string[] } | null> {
    const [row] = await tx.run('cmdb/lock-entity', { id });
    return row ? { version: Number(row.version), labels: row.labels as string[] } : null;
  },

  /** Creates an entity of the spec's type with its links. */
  async create(
    tx: QueryRunner,
    spec: EntitySpec,
    id: string,
    entity: NormalizedEntity,
    now: string,
  ): Promise<void> {
    await tx.run('cmdb/entity-create', {
      id,
      type: spec.type,
      props: toStoredProps(spec, entity.fields),
      now,
    });
    await this.replaceLinks(tx, id, spec.linkTypes, entity.links);
  },

  /** Writes changed fields and bumps the version. */
  async update(
    tx: QueryRunner,
    spec: EntitySpec,
    id: string,
    fields: Record<string, unknown>,
    now: string,
  ): Promise<void> {
    await tx.run('cmdb/entity-update', { id, props: toStoredProps(spec, fields), now });
  },

  /** Replaces the entity's links of the given types. */
  async replaceLinks(
    tx: QueryRunner,
    id: string,
    types: LinkType[],
    links: NormalizedEntity['links'],
  ): Promise<void> {
    if (types.length === 0) return;
    const list = types.flatMap((type) =>
      (links[type] ?? []).map((targetId) => ({ type, targetId })),
    );
    await tx.run('cmdb/links-replace', { id, types, links: list });
  },

  /** The strength of the edge (from, to, kind), or null when there is none. */
  async findDependency(
    tx: QueryRunner,
    fromId: string,
    toId: string,
    kind: DependencyKind,
  ): Promise<DependencyStrength | null> {
    const [row] = await tx.run('cmdb/dependency-find', { fromId, toId, kind });
    return row ? (row.strength as DependencyStrength) : null;
  },

  /** Creates a dependency edge. */
  async createDependency(
    tx: QueryRunner,
    fromId: string,
    toId: string,
    kind: DependencyKind,
    strength: DependencyStrength,
  ): Promise<void> {
    await tx.run('cmdb/dependency-create', { fromId, toId, kind, strength });
  },

  /** Deletes a dependency edge; returns whether one existed. */
  async deleteDependency(
    tx: QueryRunner,
    fromId: string,
    toId: string,
    kind: DependencyKind,
  ): Promise<boolean> {
    const [row] = await tx.run('cmdb/dependency-delete', { fromId, toId, kind });
    return Number(row?.deleted ?? 0) > 0;
  },

  /** How many MEMBER edges leave the entity. */
  async memberCount(tx: QueryRunner, id: string): Promise<number> {
    const [row] = await tx.run('cmdb/member-count', { id });
    return Number(row?.members ?? 0);
  },

  /** A page of the audit trail of one entity, newest first. */
  async historyPage(
    tx: QueryRunner,
    entityId: string,
    after: unknown[] | null,
    limit: number,
  ): Promise<{ total: number; rows: EntityModel[] }> {
    const [row] = await tx.run('audit/history-page', {
      entityId,
      afterAt: after?.[0] ?? null,
      afterId: after?.[1] ?? null,
      limit: neo4j.int(limit),
    });
    return { total: Number(row!.total), rows: (row!.rows as EntityRow[]).map(toEntityModel) };
  },
};
