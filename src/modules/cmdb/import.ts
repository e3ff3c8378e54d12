import type { Actor } from '../../context.js';
import { BadUserInputError, LimitExceededError } from '../../errors.js';
import type { Executor, QueryRunner } from '../../graph/executor.js';
import { requireRole } from '../access/roles.js';
import { diffFields, recordChanges } from '../audit/change-records.js';
import type { DependencyKind, DependencyStrength, EntityModel } from './models.js';
import { DEPENDENCY_KINDS } from './models.js';
import { cmdbRepository as repo, dependencyKey, type DependencyRow } from './repository.js';
import { auditShape, originOf } from './service.js';
import {
  CI_SPEC,
  LINKS,
  ORG_UNIT_SPEC,
  SERVICE_SPEC,
  SUPPLIER_SPEC,
  storedShape,
  type EntitySpec,
  type LinkType,
  type NormalizedEntity,
} from './specs.js';
import { Taxonomy } from './taxonomy.js';
import { Problems } from './validation.js';

/** A configuration document: the input of `importConfiguration`. */
export interface ImportDocument {
  orgUnits?: Record<string, unknown>[] | null;
  suppliers?: Record<string, unknown>[] | null;
  configurationItems?: Record<string, unknown>[] | null;
  services?: Record<string, unknown>[] | null;
  dependencies?: Record<string, unknown>[] | null;
}

/** One bad row of a rejected import. */
export interface ImportRowProblem {
  index: number;
  collection: keyof ImportDocument;
  field: string;
  message: string;
}

/** What an import did, counted in rows. */
export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** The entity collections in write order, with their specs. */
const COLLECTIONS: [keyof ImportDocument, EntitySpec][] = [
  ['orgUnits', ORG_UNIT_SPEC],
  ['suppliers', SUPPLIER_SPEC],
  ['configurationItems', CI_SPEC],
  ['services', SERVICE_SPEC],
];

/** Rows the mutation takes in its one transaction; larger documents go through the CLI in batches. */
export const MAX_MUTATION_IMPORT_ROWS = 50000;
/** How many problems a rejection lists. */
const MAX_REPORTED_PROBLEMS = 1000;

interface EntityRow {
  collection: keyof ImportDocument;
  index: number;
  spec: EntitySpec;
  id: string;
  entity: NormalizedEntity;
}

/** The planned writes of a validated document. */
interface ImportPlan {
  creates: EntityRow[];
  updates: {
    row: EntityRow;
    fields: Record<string, unknown>;
    links: LinkType[];
    changes: Record<string, unknown>;
  }[];
  dependencyCreates: DependencyRow[];
  dependencyUpdates: (DependencyRow & { before: DependencyStrength })[];
  /** The type of a component an edge leaves (in the document or stored), for its audit record. */
  componentType: (id: string) => string;
  result: ImportResult;
}

const chunks = <T>(list: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/** Items by key, in first-seen order (Map.groupBy, which Node 20 lacks). */
const groupBy = <T>(items: T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};

/** A promise with its resolve and reject (Promise.withResolvers, which Node 20 lacks). */
const settlement = () => {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined); // a failed batch is reported by its writer
  return { promise, resolve, reject };
};

/** Edges in batches of about `size`, each source's edges together in one batch (one record each). */
const bySource = <T extends { fromId: string }>(rows: T[], size: number): T[][] => {
  const groups = groupBy(rows, (r) => r.fromId);
  const out: T[][] = [];
  let batch: T[] = [];
  for (const group of groups.values()) {
    if (batch.length > 0 && batch.length + group.length > size) {
      out.push(batch);
      batch = [];
    }
    for (const r of group) batch.push(r);
  }
  if (batch.length > 0) out.push(batch);
  return out;
};

/**
 * Bulk upsert of a configuration document by id. Every row is validated first, against the
 * document and the stored graph; if any row is bad, nothing is written and every bad row is listed.
 * Rows equal to what is stored are counted `unchanged` and not written, so a re-import writes nothing.
 */
export class ImportService {
  // 5,000 rows a transaction: Neo4j spends less CPU per row on smaller transactions (its
  // transaction state stays small); 10,000 took 8–15 % longer on the 100k estate (bench/RESULTS.md).
  constructor(
    private readonly executor: Executor,
    private readonly batchSize = 5000,
    private readonly writers = 2,
  ) {}

  /**
   * `transaction: 'single'` (the mutation) validates and writes in one transaction.
   * `'batched'` (the CLI, for documents of any size) validates everything first, then writes in
   * transactions of `batchSize` rows; an interrupted batched import is completed by running it again.
   */
  async importConfiguration(
    actor: Actor,
    requestId: string | null,
    doc: ImportDocument,
    transaction: 'single' | 'batched',
  ): Promise<ImportResult> {
    requireRole(actor, 'CMDB_ADMIN');
    const rows =
      COLLECTIONS.reduce((n, [c]) => n + (doc[c]?.length ?? 0), 0) +
      (doc.dependencies?.length ?? 0);
    if (transaction === 'single' && rows > MAX_MUTATION_IMPORT_ROWS) {
      throw new LimitExceededError(
        `an import mutation takes at most ${MAX_MUTATION_IMPORT_ROWS} rows; use npm run import for larger documents`,
        'importRows',
        MAX_MUTATION_IMPORT_ROWS,
      );
    }
    const origin = originOf(actor, requestId);
    if (transaction === 'single') {
      return this.executor.writeTx('importConfiguration', async (tx) => {
        const plan = await this.plan(tx, doc);
        await this.write(tx, plan, origin, Number.MAX_SAFE_INTEGER);
        return plan.result;
      });
    }
    const plan = await this.executor.readTx('importPlan', (tx) => this.plan(tx, doc));
    await this.write(null, plan, origin, this.batchSize);
    return plan.result;
  }

  private async plan(tx: QueryRunner, doc: ImportDocument): Promise<ImportPlan> {
    const taxonomy = new Taxonomy(await repo.classes(tx));
    const problems: ImportRowProblem[] = [];
    const bad = (collection: keyof ImportDocument, index: number, field: string, message: string) =>
      problems.push({ collection, index, field, message });

    const entities: EntityRow[] = [];
    const inDoc = new Map<string, EntityRow>();
    for (const [collection, spec] of COLLECTIONS) {
      (doc[collection] ?? []).forEach((input, index) => {
        const p = new Problems();
        const entity = spec.normalize(input ?? {}, taxonomy, p);
        p.list.forEach((x) => bad(collection, index, x.field, x.message));
        if (!entity.id) {
          if (!p.list.some((x) => x.field === 'id'))
            bad(
              collection,
              index,
              'id',
              'an import row needs an id, so that importing again updates it',
            );
          return;
        }
        if (inDoc.has(entity.id)) {
          const first = inDoc.get(entity.id)!;
          bad(
            collection,
            index,
            'id',
            `id ${entity.id} also stands at ${first.collection}[${first.index}]`,
          );
          return;
        }
        const row = { collection, index, spec, id: entity.id, entity };
        inDoc.set(entity.id, row);
        entities.push(row);
      });
    }

    const deps: (DependencyRow & { index: number })[] = [];
    const seenDeps = new Map<string, number>();
    (doc.dependencies ?? []).forEach((raw, index) => {
      const d = raw ?? {};
      const kind = (d.kind ?? 'DEPENDS_ON') as DependencyKind;
      const strength = (d.strength ?? 'HARD') as DependencyStrength;
      const fromId = typeof d.fromId === 'string' ? d.fromId : '';
      const toId = typeof d.toId === 'string' ? d.toId : '';
      if (!fromId) bad('dependencies', index, 'fromId', 'fromId must be an id');
      if (!toId) bad('dependencies', index, 'toId', 'toId must be an id');
      if (!DEPENDENCY_KINDS.includes(kind))
        bad('dependencies', index, 'kind', `kind must be one of ${DEPENDENCY_KINDS.join(', ')}`);
      if (strength !== 'HARD' && strength !== 'SOFT')
        bad('dependencies', index, 'strength', 'strength must be HARD or SOFT');
      if (fromId && fromId === toId)
        bad('dependencies', index, 'toId', 'a component cannot depend on itself');
      const key = dependencyKey({ fromId, toId, kind });
      const first = seenDeps.get(key);
      if (first === undefined) seenDeps.set(key, index);
      else bad('dependencies', index, 'toId', `the same edge stands at dependencies[${first}]`);
      deps.push({ fromId, toId, kind, strength, index });
    });

    // Everything the document names that may already be stored: its own ids, link targets, edge ends.
    const referenced = new Set<string>(entities.map((e) => e.id));
    for (const e of entities)
      for (const ids of Object.values(e.entity.links))
        for (const id of ids ?? []) referenced.add(id);
    for (const d of deps) {
      if (d.fromId) referenced.add(d.fromId);
      if (d.toId) referenced.add(d.toId);
    }
    const stored = new Map<string, EntityModel>();
    for (const batch of chunks([...referenced], 10000)) {
      const found = await repo.entitiesByIds(tx, batch);
      batch.forEach((id, i) => found[i] && stored.set(id, found[i]!));
    }
    const typeOf = (id: string): string | undefined =>
      inDoc.get(id)?.spec.type ?? stored.get(id)?.__typename;

    for (const e of entities) {
      const existing = stored.get(e.id);
      if (existing && existing.__typename !== e.spec.type)
        bad(
          e.collection,
          e.index,
          'id',
          `id ${e.id} belongs to a ${existing.__typename}, not a ${e.spec.type}`,
        );
      for (const [type, ids] of Object.entries(e.entity.links) as [LinkType, string[]][]) {
        for (const id of ids) {
          const t = typeOf(id);
          const { field, target } = LINKS[type];
          if (!t)
            bad(
              e.collection,
              e.index,
              field,
              `${target} ${id} does not exist in the document or the CMDB`,
            );
          else if (t !== target)
            bad(e.collection, e.index, field, `${id} is a ${t}, not a ${target}`);
        }
      }
    }
    const isGroup = (id: string): boolean => {
      const docRow = inDoc.get(id);
      if (docRow)
        return (
          docRow.spec.type === 'ConfigurationItem' && docRow.entity.fields.minMembersUp !== null
        );
      const s = stored.get(id) as { minMembersUp?: number | null } | undefined;
      return s?.minMembersUp !== null && s?.minMembersUp !== undefined;
    };
    const checkEnd = (index: number, field: 'fromId' | 'toId', id: string) => {
      const t = id ? typeOf(id) : undefined;
      if (id && t !== 'ConfigurationItem' && t !== 'Service')
        bad(
          'dependencies',
          index,
          field,
          t
            ? `${id} is a ${t}, not a component`
            : `component ${id} does not exist in the document or the CMDB`,
        );
    };
    for (const d of deps) {
      checkEnd(d.index, 'fromId', d.fromId);
      checkEnd(d.index, 'toId', d.toId);
      if (d.kind === 'MEMBER' && d.fromId && !isGroup(d.fromId))
        bad(
          'dependencies',
          d.index,
          'kind',
          'MEMBER edges leave only group CIs (those with redundancy)',
        );
    }
    // A stored group CI that the document makes a plain CI must not keep its MEMBER edges.
    for (const e of entities) {
      const s = stored.get(e.id) as { minMembersUp?: number | null } | undefined;
      if (
        e.spec === CI_SPEC &&
        e.entity.fields.minMembersUp === null &&
        s?.minMembersUp != null &&
        (await repo.memberCount(tx, e.id)) > 0
      ) {
        bad(
          e.collection,
          e.index,
          'redundancy',
          `${e.id} has MEMBER edges, so it must stay a group CI with redundancy`,
        );
      }
    }

    if (problems.length > 0) {
      throw new BadUserInputError(
        `the import was rejected: ${problems.length} bad row(s); nothing was written`,
        undefined,
        {
          rows: problems.slice(0, MAX_REPORTED_PROBLEMS),
          badRows: problems.length,
        },
      );
    }

    const result: ImportResult = { created: 0, updated: 0, unchanged: 0 };
    const plan: ImportPlan = {
      creates: [],
      updates: [],
      dependencyCreates: [],
      dependencyUpdates: [],
      componentType: (id) => typeOf(id)!,
      result,
    };
    for (const e of entities) {
      const existing = stored.get(e.id);
      if (!existing) {
        plan.creates.push(e);
        result.created += 1;
        continue;
      }
      const before = storedShape(e.spec, existing, taxonomy, new Problems());
      const changes = diffFields(auditShape(before), auditShape(e.entity));
      if (Object.keys(changes).length === 0) {
        result.unchanged += 1;
        continue;
      }
      const fields = Object.fromEntries(
        Object.keys(e.entity.fields)
          .filter((f) => f in changes)
          .map((f) => [f, e.entity.fields[f]]),
      );
      plan.updates.push({
        row: e,
        fields,
        links: e.spec.linkTypes.filter((t) => LINKS[t].field in changes),
        changes,
      });
      result.updated += 1;
    }
    // Only an edge whose source is already stored can already exist.
    const existingDeps = new Map<string, DependencyStrength>();
    for (const batch of chunks(
      deps.filter((d) => stored.has(d.fromId)),
      10000,
    ))
      for (const [k, v] of await repo.findDependencies(tx, batch)) existingDeps.set(k, v);
    for (const d of deps) {
      const before = existingDeps.size > 0 ? existingDeps.get(dependencyKey(d)) : undefined;
      if (before === undefined) {
        plan.dependencyCreates.push(d);
        result.created += 1;
      } else if (before !== d.strength) {
        plan.dependencyUpdates.push({ ...d, before });
        result.updated += 1;
      } else {
        result.unchanged += 1;
      }
    }
    return plan;
  }

  /**
   * Writes a plan: nodes first, then links (their targets exist by then), then edges. Every batch
   * writes the audit records of what it changes in its own transaction, so an import interrupted
   * between batches leaves no write without its record (and running it again completes it).
   * New edges go with their source's creation when their target is certainly written by then
   * (stored, created in an earlier step, in the same batch, or in a batch `writers` or more before
   * it, which has committed); the others follow in batches of their own.
   */
  private async write(
    tx: QueryRunner | null,
    plan: ImportPlan,
    origin: ReturnType<typeof originOf>,
    batchSize: number,
  ): Promise<void> {
    const now = new Date().toISOString();
    const writers = tx ? 1 : this.writers;
    // Every step names the entities each batch changes, for the topology's change record.
    const run = async <T>(
      label: string,
      batches: T[][],
      changedBy: (item: T) => string,
      work: (tx: QueryRunner, batch: T[]) => Promise<void>,
    ) => {
      if (tx) {
        for (const batch of batches) await work(tx, batch);
        await repo.bumpTopology(tx, batches.flat().map(changedBy));
        return;
      }
      // `writers` transactions at a time keep every core of the database busy; batch j starts once
      // every batch up to j - writers has committed. The driver retries one that loses a deadlock.
      const committed = batches.map(() => settlement());
      let next = 0;
      const writer = async () => {
        while (next < batches.length) {
          const j = next++;
          await Promise.all(committed.slice(0, Math.max(0, j - writers + 1)).map((c) => c.promise));
          try {
            await this.executor.writeTx(label, async (t) => {
              await work(t, batches[j]!);
              // Every batch that changes the graph bumps its version as it commits.
              await repo.bumpTopology(t, batches[j]!.map(changedBy));
            });
            committed[j]!.resolve();
          } catch (error) {
            committed[j]!.reject(error);
            throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(writers, batches.length) }, writer));
    };
    const record = (type: string, id: string, changes: Record<string, unknown>) =>
      ({ action: 'IMPORT', entityType: type, entityId: id, changes }) as const;
    const dependencyChanges = (rows: (DependencyRow & { before?: DependencyStrength })[]) => ({
      before: rows.map((d) =>
        d.before ? { toId: d.toId, kind: d.kind, strength: d.before } : null,
      ),
      after: rows.map((d) => ({ toId: d.toId, kind: d.kind, strength: d.strength })),
    });

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
        !p ||
        p.step < step ||
        (p.step === step && (p.batch === batch || p.batch <= batch - writers))
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
        creates[step]!,
        (c) => c.id,
        async (t, b) => {
          await repo.create(t, spec, b, now, linkedOnCreate(spec));
          const edges = b.flatMap((c) => outgoing.get(c.id) ?? []);
          await repo.createDependencies(t, edges);
          await recordChanges(
            t,
            origin,
            now,
            b.map((c) => {
              const changes: Record<string, unknown> = diffFields({}, auditShape(c.entity));
              const out = outgoing.get(c.id);
              if (out) changes.dependencies = dependencyChanges(out);
              return record(spec.type, c.id, changes);
            }),
          );
        },
      );
      const updates = plan.updates.filter((u) => u.row.spec === spec);
      await run(
        'importUpdate',
        chunks(updates, batchSize),
        (u) => u.row.id,
        async (t, b) => {
          await repo.update(
            t,
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
              t,
              group[0]!.links,
              group.map((u) => ({ id: u.row.id, links: u.row.entity.links })),
            );
          await recordChanges(
            t,
            origin,
            now,
            b.map((u) => record(spec.type, u.row.id, u.changes)),
          );
        },
      );
    }
    // Org units created above get their PART_OF links now; their creation records list them.
    for (const [step, [, spec]] of COLLECTIONS.entries()) {
      if (linkedOnCreate(spec)) continue;
      await run(
        'importLinks',
        creates[step]!,
        (c) => c.id,
        (t, b) =>
          repo.replaceLinks(
            t,
            spec.linkTypes,
            b.map((c) => ({ id: c.id, links: c.entity.links })),
            true,
          ),
      );
    }
    // The other edges in batches of whole sources where they fit, each source's under one record.
    const edgeRecords = (rows: (DependencyRow & { before?: DependencyStrength })[]) =>
      [...groupBy(rows, (d) => d.fromId)].map(([id, list]) =>
        record(plan.componentType(id), id, { dependencies: dependencyChanges(list) }),
      );
    await run(
      'importDependencies',
      bySource(later, batchSize),
      (d) => d.fromId,
      async (t, b) => {
        await repo.createDependencies(t, b);
        await recordChanges(t, origin, now, edgeRecords(b));
      },
    );
    await run(
      'importDependencyStrengths',
      bySource(plan.dependencyUpdates, batchSize),
      (d) => d.fromId,
      async (t, b) => {
        await repo.setDependencyStrengths(t, b);
        await recordChanges(t, origin, now, edgeRecords(b));
      },
    );
  }
}
