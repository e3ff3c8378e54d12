import { BadUserInputError } from '../../errors.js';
import { entityStore } from '../../graph/entity-store.js';
import type { QueryRunner } from '../../graph/executor.js';
import { diffFields, type WriteOrigin } from '../audit/change-records.js';
import { auditShape } from '../audit/entity-audit.js';
import { chunks } from './batch-pipeline.js';
import type { ConfigurationItemModel, DependencyStrength, EntityModel } from './models.js';
import { cmdbRepository as repo, dependencyKey } from './repository.js';
import {
  dependencyEndProblems,
  dependencyOf,
  linkTargetProblems,
  memberEdgeProblems,
  staysGroupProblems,
  type DependencyRow,
  type RuleProblem,
} from './rules.js';
import {
  CI_SPEC,
  LINKS,
  ORG_UNIT_SPEC,
  SERVICE_SPEC,
  SUPPLIER_SPEC,
  storedShape,
  type EntityInput,
  type EntitySpec,
  type LinkType,
  type NormalizedEntity,
} from './specs.js';
import { CONTRACT_SPEC } from './contract-spec.js';
import { Taxonomy } from './taxonomy.js';
import { Problems } from './validation.js';
import { NO_PROGRESS, type Progress } from '../../progress.js';

/** A configuration document: the input of `importConfiguration`. */
export interface ImportDocument {
  orgUnits?: EntityInput[] | null;
  suppliers?: EntityInput[] | null;
  configurationItems?: EntityInput[] | null;
  services?: EntityInput[] | null;
  contracts?: EntityInput[] | null;
  dependencies?: EntityInput[] | null;
  /** Change requests (the change module plans them, as an ImportExtension). */
  changeRequests?: EntityInput[] | null;
  /** Blackout windows (likewise). */
  blackoutWindows?: EntityInput[] | null;
  /** Measured SLA indicators (the supply module plans them, as an ImportExtension). */
  slaMeasurements?: EntityInput[] | null;
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

/** What an extension's rows planned: their problems, their counts, and how to write them. */
export interface ExtensionPlan {
  problems: ImportRowProblem[];
  result: ImportResult;
  /** Writes the rows in the given transaction, after every CMDB row of the document. */
  write(tx: QueryRunner, origin: WriteOrigin, now: string): Promise<void>;
}

/**
 * Collections another module imports with the document (the change calendar): validated with
 * the rest, all-or-nothing, and written after the CMDB rows. Registered by main.ts, so that the
 * CMDB does not depend on the modules built on it.
 */
export interface ImportExtension {
  collections: (keyof ImportDocument)[];
  /** The ids its rows refer to, so that the plan reads what is stored of them with the rest. */
  references(doc: ImportDocument): string[];
  plan(
    tx: QueryRunner,
    doc: ImportDocument,
    context: {
      /** What an id is, in the document or stored. */
      typeOf(id: string): string | undefined;
      /** True for a retired component, in the document or stored. */
      retired(id: string): boolean;
      /** Who imports: the default requester of imported changes. */
      actor: string;
    },
  ): Promise<ExtensionPlan>;
}

/** The entity collections in write order, with their specs. */
export const COLLECTIONS: [keyof ImportDocument, EntitySpec][] = [
  ['orgUnits', ORG_UNIT_SPEC as EntitySpec],
  ['suppliers', SUPPLIER_SPEC as EntitySpec],
  ['configurationItems', CI_SPEC as EntitySpec],
  ['services', SERVICE_SPEC as EntitySpec],
  ['contracts', CONTRACT_SPEC as EntitySpec],
];

/** How many problems a rejection lists. */
const MAX_REPORTED_PROBLEMS = 1000;

/** One entity row of the document, validated. */
export interface PlannedEntity {
  collection: keyof ImportDocument;
  index: number;
  spec: EntitySpec;
  id: string;
  entity: NormalizedEntity;
}

/** The planned writes of a validated document. */
export interface ImportPlan {
  creates: PlannedEntity[];
  updates: {
    row: PlannedEntity;
    fields: Record<string, unknown>;
    links: LinkType[];
    changes: Record<string, unknown>;
  }[];
  dependencyCreates: DependencyRow[];
  dependencyUpdates: (DependencyRow & { before: DependencyStrength })[];
  /** The type of a component an edge leaves (in the document or stored), for its audit record. */
  componentType: (id: string) => string;
  result: ImportResult;
  /** The extensions' planned rows, and the collections of each. */
  extensions: ExtensionPlan[];
  extensionCollections: string[];
  /** How many rows each entity collection and `dependencies` holds (import-report.ts). */
  rowsByCollection: [string, number][];
  /** The CI ids of the document, and how many of them are stored and not retired. */
  documentCis: Set<string>;
  storedLiveCis: number;
  /** The document's dependency edges, by dependencyKey. */
  documentEdges: Set<string>;
}

/**
 * Validates a document against itself and the stored graph, with the rules every write path
 * shares (rules.ts), and plans its writes: rows equal to what is stored are `unchanged` and not
 * written. If any row is bad, BAD_USER_INPUT lists every bad row (up to MAX_REPORTED_PROBLEMS).
 */
export async function planImport(
  tx: QueryRunner,
  doc: ImportDocument,
  extensions: readonly ImportExtension[] = [],
  actor = 'import',
  progress: Progress = NO_PROGRESS,
): Promise<ImportPlan> {
  const rowCount = Object.values(doc).reduce((n, list) => n + (list?.length ?? 0), 0);
  const validating = progress.phase('validate', rowCount);
  const taxonomy = new Taxonomy(await repo.classes(tx));
  const problems: ImportRowProblem[] = [];
  const bad = (collection: keyof ImportDocument, index: number, found: RuleProblem[]) =>
    found.forEach(({ field, message }) => problems.push({ collection, index, field, message }));

  // The rows on their own: each entity normalized by its spec, each edge by the edge rules.
  const entities: PlannedEntity[] = [];
  const inDoc = new Map<string, PlannedEntity>();
  for (const [collection, spec] of COLLECTIONS) {
    (doc[collection] ?? []).forEach((input, index) => {
      const p = new Problems();
      const entity = spec.normalize(input ?? {}, taxonomy, p);
      bad(collection, index, p.list);
      const idProblem = (message: string) => bad(collection, index, [{ field: 'id', message }]);
      if (!entity.id) {
        if (!p.list.some((x) => x.field === 'id'))
          idProblem('an import row needs an id, so that importing again updates it');
        return;
      }
      const first = inDoc.get(entity.id);
      if (first) {
        idProblem(`id ${entity.id} also stands at ${first.collection}[${first.index}]`);
        return;
      }
      const row = { collection, index, spec, id: entity.id, entity };
      inDoc.set(entity.id, row);
      entities.push(row);
    });
    validating.advance(doc[collection]?.length ?? 0);
  }
  const deps: (DependencyRow & { index: number })[] = [];
  const seenDeps = new Map<string, number>();
  (doc.dependencies ?? []).forEach((raw, index) => {
    const { row, problems: own } = dependencyOf(raw ?? {});
    bad('dependencies', index, own);
    const key = dependencyKey(row);
    const first = seenDeps.get(key);
    if (first === undefined) seenDeps.set(key, index);
    else
      bad('dependencies', index, [
        { field: 'toId', message: `the same edge stands at dependencies[${first}]` },
      ]);
    deps.push({ ...row, index });
  });
  validating.advance(doc.dependencies?.length ?? 0);

  // Everything the document names that may already be stored: its own ids, link targets, edge ends.
  const referenced = new Set<string>(entities.map((e) => e.id));
  for (const e of entities)
    for (const ids of Object.values(e.entity.links)) for (const id of ids ?? []) referenced.add(id);
  for (const d of deps) {
    if (d.fromId) referenced.add(d.fromId);
    if (d.toId) referenced.add(d.toId);
  }
  for (const x of extensions) for (const id of x.references(doc)) referenced.add(id);
  const stored = new Map<string, EntityModel>();
  const comparing = progress.phase('read what is stored', referenced.size);
  for (const batch of chunks([...referenced], 10000)) {
    const found = await entityStore.byIds(tx, batch);
    batch.forEach((id, i) => found[i] && stored.set(id, found[i]!));
    comparing.advance(batch.length);
  }
  comparing.end();
  const typeOf = (id: string): string | undefined =>
    inDoc.get(id)?.spec.type ?? stored.get(id)?.__typename;
  const groupK = (id: string): number | null | undefined => {
    const row = inDoc.get(id);
    if (row) return row.spec === CI_SPEC ? (row.entity.fields.minMembersUp as number | null) : null;
    const s = stored.get(id);
    return s?.__typename === 'ConfigurationItem'
      ? (s as ConfigurationItemModel).minMembersUp
      : undefined;
  };

  // The rows against the document and the graph: the same rules as the single mutations.
  for (const e of entities) {
    const existing = stored.get(e.id);
    if (existing && existing.__typename !== e.spec.type)
      bad(e.collection, e.index, [
        {
          field: 'id',
          message: `id ${e.id} belongs to a ${existing.__typename}, not a ${e.spec.type}`,
        },
      ]);
    bad(e.collection, e.index, linkTargetProblems(e.entity, typeOf));
  }
  for (const d of deps) {
    bad('dependencies', d.index, dependencyEndProblems(d, typeOf));
    if (d.fromId)
      bad('dependencies', d.index, memberEdgeProblems(d.kind, groupK(d.fromId) != null));
  }
  // A stored group CI that the document makes a plain CI must not keep its MEMBER edges.
  const stillGroups = entities.filter((e) => {
    const s = stored.get(e.id);
    return (
      e.spec === CI_SPEC &&
      e.entity.fields.minMembersUp === null &&
      s?.__typename === 'ConfigurationItem' &&
      (s as ConfigurationItemModel).minMembersUp !== null
    );
  });
  const members = await repo.memberCounts(
    tx,
    stillGroups.map((e) => e.id),
  );
  stillGroups.forEach((e, i) =>
    bad(e.collection, e.index, staysGroupProblems(e.id, null, members[i]!, 'redundancy')),
  );

  const retired = (id: string) => {
    const row = inDoc.get(id);
    const status = row
      ? row.entity.fields.status
      : (stored.get(id) as { status?: string } | undefined)?.status;
    return status === 'RETIRED';
  };
  const extensionPlans: ExtensionPlan[] = [];
  for (const x of extensions) {
    const planned = await x.plan(tx, doc, { typeOf, retired, actor });
    problems.push(...planned.problems);
    extensionPlans.push(planned);
    validating.advance(x.collections.reduce((n, c) => n + (doc[c]?.length ?? 0), 0));
  }
  validating.end();

  if (problems.length > 0) {
    throw new BadUserInputError(
      `the import was rejected: ${problems.length} bad row(s); nothing was written`,
      undefined,
      { rows: problems.slice(0, MAX_REPORTED_PROBLEMS), badRows: problems.length },
    );
  }
  const plan = await planWrites(
    tx,
    taxonomy,
    entities,
    deps,
    stored,
    (id) => typeOf(id)!,
    progress,
  );
  for (const x of extensionPlans) {
    plan.result.created += x.result.created;
    plan.result.updated += x.result.updated;
    plan.result.unchanged += x.result.unchanged;
  }
  plan.extensions = extensionPlans;
  plan.extensionCollections = extensions.map((x) => x.collections.join('+'));
  return plan;
}

/** What of a valid document differs from the stored graph: creates, updates, and edge changes. */
async function planWrites(
  tx: QueryRunner,
  taxonomy: Taxonomy,
  entities: PlannedEntity[],
  deps: DependencyRow[],
  stored: Map<string, EntityModel>,
  componentType: (id: string) => string,
  progress: Progress,
): Promise<ImportPlan> {
  const result: ImportResult = { created: 0, updated: 0, unchanged: 0 };
  const plan: ImportPlan = {
    creates: [],
    updates: [],
    dependencyCreates: [],
    dependencyUpdates: [],
    componentType,
    result,
    extensions: [],
    extensionCollections: [],
    rowsByCollection: [
      ...COLLECTIONS.map(([c]): [string, number] => [
        c,
        entities.filter((e) => e.collection === c).length,
      ]),
      ['dependencies', deps.length],
    ],
    documentCis: new Set(entities.filter((e) => e.spec === CI_SPEC).map((e) => e.id)),
    storedLiveCis: 0,
    documentEdges: new Set(deps.map(dependencyKey)),
  };
  for (const id of plan.documentCis) {
    const s = stored.get(id) as { status?: string; __typename?: string } | undefined;
    if (s?.__typename === 'ConfigurationItem' && s.status !== 'RETIRED') plan.storedLiveCis += 1;
  }
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
    const links = e.spec.linkTypes.filter((t) => LINKS[t].field in changes);
    plan.updates.push({ row: e, fields, links, changes });
    result.updated += 1;
  }
  // Only an edge whose source is already stored can already exist.
  const existingDeps = new Map<string, DependencyStrength>();
  const storedSources = deps.filter((d) => stored.has(d.fromId));
  const reading = progress.phase('read stored dependencies', storedSources.length);
  for (const batch of chunks(storedSources, 10000)) {
    for (const [k, v] of await repo.findDependencies(tx, batch)) existingDeps.set(k, v);
    reading.advance(batch.length);
  }
  reading.end();
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
