import neo4j from 'neo4j-driver';
import type { QueryRunner } from '../../graph/executor.js';
import { toEntityModel, type EntityRow } from '../cmdb/entity-mapping.js';
import type { EntityModel } from '../cmdb/models.js';

/** The Cypher names of the audit trail, checked at start. */
export const AUDIT_QUERIES = [
  'audit/change-records-create',
  'audit/history-page',
  'audit/trail-page',
] as const;

/** The filter of the audit trail across the graph. */
export interface AuditTrailFilter {
  since?: string | null;
  until?: string | null;
  entityType?: string | null;
  actor?: string | null;
  action?: string | null;
}

/** A page of ChangeRecords keyed by (at, id) after the cursor, and the total matching. */
async function changeRecordPage(
  tx: QueryRunner,
  query: 'audit/trail-page' | 'audit/history-page',
  params: Record<string, unknown>,
  after: unknown[] | null,
  limit: number,
): Promise<{ total: number; rows: EntityModel[] }> {
  const [row] = await tx.run(query, {
    ...params,
    afterAt: after?.[0] ?? null,
    afterId: after?.[1] ?? null,
    limit: neo4j.int(limit),
  });
  return { total: Number(row!.total), rows: (row!.rows as EntityRow[]).map(toEntityModel) };
}

/** Pages of ChangeRecords; every method runs inside the caller's transaction. */
export const auditTrailRepository = {
  /** A page of the audit trail across the graph, oldest first. */
  trailPage(tx: QueryRunner, filter: AuditTrailFilter, after: unknown[] | null, limit: number) {
    return changeRecordPage(
      tx,
      'audit/trail-page',
      {
        since: filter.since ?? null,
        until: filter.until ?? null,
        entityType: filter.entityType ?? null,
        actor: filter.actor ?? null,
        action: filter.action ?? null,
      },
      after,
      limit,
    );
  },

  /** The audit trail of one entity, newest first. */
  historyPage(tx: QueryRunner, entityId: string, after: unknown[] | null, limit: number) {
    return changeRecordPage(tx, 'audit/history-page', { entityId }, after, limit);
  },
};
