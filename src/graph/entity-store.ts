import type { QueryRunner } from './executor.js';
import { toEntityModel, type EntityRow } from '../modules/cmdb/entity-mapping.js';
import type { EntityModel } from '../modules/cmdb/models.js';
import { LINK_TYPES } from '../modules/cmdb/specs.js';

/** The Cypher names of the entity store, checked at start. */
export const ENTITY_STORE_QUERIES = ['system/entities-by-ids'] as const;

/**
 * The system-wide entity store: any entity by id (CIs, services, org units, suppliers, classes,
 * known errors), as the model its labels call for. Every module reads entities through it.
 */
export const entityStore = {
  /** Entities by id, in the order of `ids`, undefined where missing. */
  async byIds(tx: QueryRunner, ids: readonly string[]): Promise<(EntityModel | undefined)[]> {
    // Classes link to their parent class (SUBCLASS_OF): entities of every type are read here.
    const linkTypes = [...LINK_TYPES, 'SUBCLASS_OF'];
    const rows = await tx.run('system/entities-by-ids', { ids: [...new Set(ids)], linkTypes });
    const byId = new Map(rows.map((r) => [String(r.id), toEntityModel(r as unknown as EntityRow)]));
    return ids.map((id) => byId.get(id));
  },
};
