import type { Executor, QueryRunner } from '../../graph/executor.js';
import { diffFields, recordChanges, type WriteOrigin } from '../audit/change-records.js';
import { auditShape } from '../audit/entity-audit.js';
import { bySource, chunks, groupBy, runBatches } from './batch-pipeline.js';
import { COLLECTIONS, type ImportPlan } from './import-plan.js';
import type { DependencyStrength } from './models.js';
import { cmdbRepository as repo } from './repository.js';
import type { DependencyRow } from './rules.js';
import { LINKS, type EntitySpec } from './specs.js';
import { NO_PROGRESS, type Progress } from '../../progress.js';

/** Where a plan is written: in the caller's one transaction, or in batches of its own. */
export type ImportTarget =
  | { tx: QueryRunner }
  | { executor: Executor; batchSize: number; writers: number; progress?: Progress };

type EdgeChange = DependencyRow & { before?: DependencyStrength };

const importRecord = (type: string, id: string, changes: Record<string, unknown>) =>
  ({ action: 'IMPORT', entityType: type, entityId: id, changes }) as const;

const dependencyChanges = (rows: EdgeChange[]) => ({
  before: rows.map((d) => (d.before ? { toId: d.toId, kind: d.kind, strength: d.before } : null)),
  after: rows.map((d) => ({ toId: d.toId, kind: d.kind, strength: d.strength })),
});

/**
 * Writes a plan: nodes first, then links (their targets exist by then), then edges. Every batch
 * writes the audit records of what it changes in its own transaction, and bumps the topology
 * version with the entities it changed, so an import interrupted between batches leaves no write
 * without its record (and running it again completes it). New edges go with their source's
 * creation when their target is certainly written by then (stored, created in an earlier step,
 * in the same batch, or in a batch `writers` or more before it, which has committed); the others
 * follow in batches of their own.
 */
export async function writePlan(
  plan: ImportPlan,
  origin: WriteOrigin,
  target: ImportTarget,
): Promise<void> {
  const now = new Date().toISOString();
  const batchSize = 'tx' in target ? Number.MAX_SAFE_INTEGER : target.batchSize;
  const writers = 'tx' in target ? 1 : target.writers;
  // Each step names the entities each batch changes, for the topology's change record, and the
  // phase its progress is reported under (a step with nothing to write reports nothing).
  const run = async <T>(
    label: string,
    phase: string,
    batches: T[][],
    changedBy: (item: T) => string,
    work: (tx: QueryRunner, batch: T[]) => Promise<void>,
  ) => {
    if ('tx' in target) {
      for (const batch of batches) await work(target.tx, batch);
      await repo.bumpTopology(target.tx, batches.flat().map(changedBy));
      return;
    }
    if (batches.length === 0) return;
    const progress = target.progress ?? NO_PROGRESS;
    const reported = progress.phase(phase, batches.flat().length);
    await runBatches(
      target.executor,
      label,
      batches,
      writers,
      async (tx, batch) => {
        await work(tx, batch);
        await repo.bumpTopology(tx, batch.map(changedBy));
      },
      { before: () => progress.checkpoint(), committed: (batch) => reported.advance(batch.length) },
    );
    reported.end();
  };

  // Where each created entity is written: its step (collection) and batch.
  const creates = COLLECTIONS.map(([, spec]) =>
    chunks(
      plan.creates.filter((c) => c.spec === spec),
      batchSize,
    ),
  );
  const placed = new Map<string, { step: number; batch: number }>();
  creates.forEach((batches, step) =>
    batches.forEach((b, batch) => b.forEach((c) => placed.set(c.id, { step, batch }))),
  );
  const written = (id: string, step: number, batch: number) => {
    const p = placed.get(id);
    return (
      !p || p.step < step || (p.step === step && (p.batch === batch || p.batch <= batch - writers))
    );
  };
  const withSource: DependencyRow[] = [];
  const later: DependencyRow[] = [];
  for (const d of plan.dependencyCreates) {
    const source = placed.get(d.fromId);
    (source && written(d.toId, source.step, source.batch) ? withSource : later).push(d);
  }
  const outgoing = groupBy(withSource, (d) => d.fromId);

  // Types whose links all point at other types get them with their nodes: those targets are
  // written before them (or stored). Org units (PART_OF another org unit) get theirs afterwards.
  const linkedOnCreate = (spec: EntitySpec) =>
    spec.linkTypes.every((t) => LINKS[t].target !== spec.type);
  for (const [step, [, spec]] of COLLECTIONS.entries()) {
    await run(
      'importCreate',
      `create ${String(COLLECTIONS[step]![0])}`,
      creates[step]!,
      (c) => c.id,
      async (tx, b) => {
        await repo.create(tx, spec, b, now, linkedOnCreate(spec));
        await repo.createDependencies(
          tx,
          b.flatMap((c) => outgoing.get(c.id) ?? []),
        );
        const records = b.map((c) => {
          const changes: Record<string, unknown> = diffFields({}, auditShape(c.entity));
          const out = outgoing.get(c.id);
          if (out) changes.dependencies = dependencyChanges(out);
          return importRecord(spec.type, c.id, changes);
        });
        await recordChanges(tx, origin, now, records);
      },
    );
    const updates = plan.updates.filter((u) => u.row.spec === spec);
    await run(
      'importUpdate',
      `update ${String(COLLECTIONS[step]![0])}`,
      chunks(updates, batchSize),
      (u) => u.row.id,
      async (tx, b) => {
        await repo.update(
          tx,
          spec,
          b.map((u) => ({ id: u.row.id, fields: u.fields })),
          now,
        );
        // Updated rows that replace the same set of link types go together.
        const byTypes = groupBy(
          b.filter((u) => u.links.length > 0),
          (u) => u.links.join(),
        );
        for (const group of byTypes.values())
          await repo.replaceLinks(
            tx,
            group[0]!.links,
            group.map((u) => ({ id: u.row.id, links: u.row.entity.links })),
          );
        const records = b.map((u) => importRecord(spec.type, u.row.id, u.changes));
        await recordChanges(tx, origin, now, records);
      },
    );
  }
  // Org units created above get their PART_OF links now; their creation records list them.
  for (const [step, [, spec]] of COLLECTIONS.entries()) {
    if (linkedOnCreate(spec)) continue;
    await run(
      'importLinks',
      `link ${String(COLLECTIONS[step]![0])}`,
      creates[step]!,
      (c) => c.id,
      (tx, b) =>
        repo.replaceLinks(
          tx,
          spec.linkTypes,
          b.map((c) => ({ id: c.id, links: c.entity.links })),
          true,
        ),
    );
  }
  // The other edges in batches of whole sources where they fit, each source's under one record.
  const edgeRecords = (rows: EdgeChange[]) =>
    [...groupBy(rows, (d) => d.fromId)].map(([id, list]) =>
      importRecord(plan.componentType(id), id, { dependencies: dependencyChanges(list) }),
    );
  await run(
    'importDependencies',
    'create dependencies',
    bySource(later, batchSize),
    (d) => d.fromId,
    async (tx, b) => {
      await repo.createDependencies(tx, b);
      await recordChanges(tx, origin, now, edgeRecords(b));
    },
  );
  const strengths = bySource(plan.dependencyUpdates, batchSize);
  await run(
    'importDependencyStrengths',
    'update dependencies',
    strengths,
    (d) => d.fromId,
    async (tx, b) => {
      await repo.setDependencyStrengths(tx, b);
      await recordChanges(tx, origin, now, edgeRecords(b));
    },
  );
  // The extensions' rows (the change calendar) last: everything they refer to is written.
  for (const x of plan.extensions) {
    if ('tx' in target) await x.write(target.tx, origin, now);
    else await target.executor.writeTx('importExtension', (tx) => x.write(tx, origin, now));
  }
}
