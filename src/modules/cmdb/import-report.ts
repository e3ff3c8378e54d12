/**
 * What an import does or would do, row by row (API.md, `importConfiguration(input, dryRun)`): the
 * counts by collection, the changes (each created or updated row with the fields it sets or
 * changes) and what the stored estate holds that the document does not mention: live CIs (the
 * mutation's `absent`) and, for the command line's report, dependency edges. The document is the
 * source's view of the estate: what it leaves out are candidates for retirement, never retired.
 */
import neo4j from 'neo4j-driver';
import type { Executor, QueryRunner } from '../../graph/executor.js';
import { diffFields } from '../audit/change-records.js';
import { auditShape } from '../audit/entity-audit.js';
import type { ImportPlan, ImportResult } from './import-plan.js';
import { COLLECTIONS } from './import-plan.js';
import { DEPENDENCY_KINDS } from './models.js';
import { dependencyKey } from './repository.js';

/** What an import row does (the SDL's ImportAction). */
export const IMPORT_ACTIONS = ['CREATE', 'UPDATE'] as const;

/** One row an import creates or updates. */
export interface ImportChange {
  collection: string;
  /** The entity's id; for an edge `fromId -KIND-> toId`. */
  id: string;
  action: (typeof IMPORT_ACTIONS)[number];
  /** The fields it sets (CREATE) or changes (UPDATE). */
  fields: string[];
}

/** An import's figures: the totals, by collection, the changes and the stored CIs it leaves out. */
export interface ImportReport extends ImportResult {
  dryRun: boolean;
  byCollection: ({ collection: string } & ImportResult)[];
  /** Sorted by collection (in write order), then id. */
  changes: ImportChange[];
  /** Stored CIs, not retired, that the document's configurationItems do not list. */
  absent: number;
}

const edgeId = (d: { fromId: string; toId: string; kind: string }) =>
  `${d.fromId} -${d.kind}-> ${d.toId}`;

/** The collections in the order reports list them. */
export const REPORT_COLLECTIONS = [...COLLECTIONS.map(([c]) => c as string), 'dependencies'];

/** The changes and counts of a plan (`absent` is counted apart: absentCount). */
export function reportOf(plan: ImportPlan, dryRun: boolean, absent: number): ImportReport {
  const changes: ImportChange[] = [
    ...plan.creates.map((c) => ({
      collection: c.collection,
      id: c.id,
      action: 'CREATE' as const,
      fields: Object.keys(diffFields({}, auditShape(c.entity))),
    })),
    ...plan.updates.map((u) => ({
      collection: u.row.collection,
      id: u.row.id,
      action: 'UPDATE' as const,
      fields: Object.keys(u.changes),
    })),
    ...plan.dependencyCreates.map((d) => ({
      collection: 'dependencies',
      id: edgeId(d),
      action: 'CREATE' as const,
      fields: ['strength'],
    })),
    ...plan.dependencyUpdates.map((d) => ({
      collection: 'dependencies',
      id: edgeId(d),
      action: 'UPDATE' as const,
      fields: ['strength'],
    })),
  ];
  const order = (c: string) => REPORT_COLLECTIONS.indexOf(c);
  changes.sort((a, b) => order(a.collection) - order(b.collection) || (a.id < b.id ? -1 : 1));
  const counts = new Map<string, ImportResult>(
    plan.rowsByCollection.map(([c, rows]) => [c, { created: 0, updated: 0, unchanged: rows }]),
  );
  for (const ch of changes) {
    const n = counts.get(ch.collection)!;
    n.unchanged -= 1;
    if (ch.action === 'CREATE') n.created += 1;
    else n.updated += 1;
  }
  plan.extensions.forEach((x, i) => counts.set(plan.extensionCollections[i]!, { ...x.result }));
  return {
    ...plan.result,
    dryRun,
    byCollection: [...counts]
      .filter(([, n]) => n.created + n.updated + n.unchanged > 0)
      .map(([collection, n]) => ({ collection, ...n })),
    changes,
    absent,
  };
}

/** Stored live CIs the document's configurationItems do not list (in the plan's transaction). */
export async function absentCount(tx: QueryRunner, plan: ImportPlan): Promise<number> {
  const [row] = await tx.run('cmdb/live-ci-count');
  return Number(row?.cis ?? 0) - plan.storedLiveCis;
}

/**
 * The stored live CIs and dependency edges the document does not mention, read page by page
 * (any size of estate): for the command line's dry-run report.
 */
export async function absentRows(
  executor: Executor,
  plan: ImportPlan,
  onPage: (components: number) => void = () => undefined,
): Promise<{ cis: string[]; dependencies: { fromId: string; toId: string; kind: string }[] }> {
  const cis: string[] = [];
  const dependencies: { fromId: string; toId: string; kind: string }[] = [];
  for (let afterId = ''; ;) {
    const rows = await executor.read('cmdb/outline-page', {
      afterId,
      limit: neo4j.int(10000),
      kinds: DEPENDENCY_KINDS,
    });
    if (rows.length === 0) break;
    for (const r of rows) {
      const id = String(r.id);
      if (r.ci === true && r.retired !== true && !plan.documentCis.has(id)) cis.push(id);
      for (const [toId, kind] of r.out as [string, string][])
        if (!plan.documentEdges.has(dependencyKey({ fromId: id, toId, kind })))
          dependencies.push({ fromId: id, toId, kind });
    }
    onPage(rows.length);
    afterId = String(rows.at(-1)!.id);
  }
  return { cis, dependencies };
}
