import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import readline from 'node:readline';
import neo4j from 'neo4j-driver';
import { BadUserInputError, ConflictError } from '../../errors.js';
import type { Executor } from '../../graph/executor.js';
import { DEPENDENCY_KINDS } from '../cmdb/models.js';
import { decodeProps, encodeProps, type Encoded } from './values.js';
import { NO_PROGRESS, type Phase, type Progress } from '../../progress.js';

/** The export format's name and version: a restore refuses anything else. */
/** The Cypher names export and restore use, checked at start. */
export const BACKUP_QUERIES = [
  'backup/export-migrations',
  'backup/export-nodes',
  'backup/export-relationships',
  'backup/export-counts',
  'backup/entity-count',
  'backup/wipe',
  'backup/restore-nodes',
  'backup/restore-relationships',
  'backup/restore-finish',
  'system/topology-version',
  'system/topology-advance',
] as const;

export const EXPORT_FORMAT = 'egov-cmdb-export';
export const EXPORT_VERSION = 1;

/** Every label and relationship type the service writes: a restore accepts no other. */
const LABELS = new Set([
  'Entity',
  'Component',
  'ConfigurationItem',
  'Service',
  'OrgUnit',
  'Supplier',
  'CIClass',
  'ChangeRecord',
  'KnownError',
  'KnownErrorRevision',
  'Sequence',
  'TopologyVersion',
  'TopologyChange',
  'SearchOutbox',
  'ChangeRequest',
  'BlackoutWindow',
  'Contract',
  'SlaMeasurement',
  'KnownErrorUse',
]);
const TYPES = new Set([
  ...DEPENDENCY_KINDS,
  'OWNED_BY',
  'SUPPLIED_BY',
  'PROVIDED_BY',
  'CONSUMED_BY',
  'PART_OF',
  'SUBCLASS_OF',
  'APPLIES_TO',
  'APPLIES_TO_CLASS',
  'HAS_REVISION',
  'TARGETS',
  'CONTRACTED_WITH',
  'SUBCONTRACT_OF',
  'COVERS',
  'USE_OF',
]);

/** The first line of an export file. */
export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  migrations: string[];
}

/** A node line: `{ "n": { k, labels, props } }`; a relationship line: `{ "r": { type, from, to, props } }`. */
type Line =
  | { n: { k: number; labels: string[]; props: Record<string, Encoded> } }
  | { r: { type: string; from: number; to: number; props: Record<string, Encoded> } };

const BATCH = 5000;

/**
 * Writes the whole graph (CMDB, knowledge base, history, revisions, sequences; not the migration
 * records) as JSON lines: a header, every node, then every relationship. Read in one read
 * transaction, so the export is a consistent snapshot; streamed, so any size fits.
 */
export async function exportGraph(
  executor: Executor,
  file: string,
  progress: Progress = NO_PROGRESS,
): Promise<{ nodes: number; relationships: number }> {
  const out = createWriteStream(file, { encoding: 'utf8', mode: 0o600 });
  const write = async (line: unknown) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  const session = executor.driver.session({
    database: executor.database,
    defaultAccessMode: 'READ',
    fetchSize: 2000,
  });
  const keys = new Map<string, number>();
  let relationships = 0;
  try {
    await session.executeRead(async (tx) => {
      const migrations = await tx.run(executor.textOf('backup/export-migrations'));
      const [about] = (await tx.run(executor.textOf('backup/export-counts'))).records;
      const nodePhase = progress.phase('export nodes', Number(about?.get('nodes') ?? 0));
      await write({
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: new Date().toISOString(),
        migrations: migrations.records.map((r) => String(r.get('name'))),
      } satisfies ExportHeader);
      for await (const record of tx.run(executor.textOf('backup/export-nodes'))) {
        const k = keys.size;
        if (k % 1000 === 0) progress.checkpoint();
        nodePhase.advance();
        keys.set(record.get('id') as string, k);
        await write({
          n: {
            k,
            labels: (record.get('labels') as string[]).sort(),
            props: encodeProps(record.get('props')),
          },
        });
      }
      nodePhase.end();
      const relPhase = progress.phase(
        'export relationships',
        Number(about?.get('relationships') ?? 0),
      );
      for await (const record of tx.run(executor.textOf('backup/export-relationships'))) {
        if (relationships % 1000 === 0) progress.checkpoint();
        relationships += 1;
        relPhase.advance();
        await write({
          r: {
            type: record.get('type'),
            from: keys.get(record.get('a'))!,
            to: keys.get(record.get('b'))!,
            props: encodeProps(record.get('props')),
          },
        });
      }
      relPhase.end();
    });
  } finally {
    await session.close();
    out.end();
    await once(out, 'finish');
  }
  return { nodes: keys.size, relationships };
}

/** Reads an export file line by line: the header first, then node and relationship lines. */
async function* readExport(file: string): AsyncGenerator<ExportHeader | Line> {
  const lines = readline.createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Infinity,
  });
  let n = 0;
  for await (const text of lines) {
    n += 1;
    if (text.trim() === '') continue;
    try {
      yield JSON.parse(text) as ExportHeader | Line;
    } catch {
      throw new BadUserInputError(`line ${n} of the export is not JSON`, 'file');
    }
  }
}

/**
 * Checks a whole export before anything is written: the format and version, every label and
 * relationship type against the allow-list, every relationship's ends. Returns the counts.
 */
async function validateExport(file: string): Promise<{ nodes: number; relationships: number }> {
  const counts = { nodes: 0, relationships: 0 };
  const keys = new Set<number>();
  let header: ExportHeader | undefined;
  for await (const line of readExport(file)) {
    if (!header) {
      header = line as ExportHeader;
      if (header.format !== EXPORT_FORMAT || header.version !== EXPORT_VERSION)
        throw new BadUserInputError(
          `not an ${EXPORT_FORMAT} version ${EXPORT_VERSION} file`,
          'file',
        );
    } else if ('n' in line) {
      const bad = line.n.labels.find((l) => !LABELS.has(l));
      if (bad) throw new BadUserInputError(`unknown label ${bad} in the export`, 'file');
      keys.add(line.n.k);
      counts.nodes += 1;
    } else if ('r' in line) {
      if (!TYPES.has(line.r.type))
        throw new BadUserInputError(
          `unknown relationship type ${line.r.type} in the export`,
          'file',
        );
      if (!keys.has(line.r.from) || !keys.has(line.r.to))
        throw new BadUserInputError('a relationship of the export names a missing node', 'file');
      counts.relationships += 1;
    } else {
      throw new BadUserInputError(
        'a line of the export is neither a node nor a relationship',
        'file',
      );
    }
  }
  if (!header) throw new BadUserInputError('the export file is empty', 'file');
  return counts;
}

/**
 * Restores an export into this database. The whole file is checked first, and a database that
 * already holds entities is refused unless `replace`; only then is everything but the migration
 * records wiped, nodes and relationships written in batches, and the topology version moved past
 * both the restored one and the one before the wipe, so that no instance keeps an in-memory
 * topology from before. A failure part-way leaves a partial graph: run the restore again with
 * `replace`.
 */
export async function restoreGraph(
  executor: Executor,
  file: string,
  options: { replace: boolean; progress?: Progress },
): Promise<{ nodes: number; relationships: number }> {
  const progress = options.progress ?? NO_PROGRESS;
  const checking = progress.phase('check the export');
  const counts = await validateExport(file);
  checking.advance(counts.nodes + counts.relationships);
  checking.end();
  const [row] = await executor.read('backup/entity-count');
  if (Number(row!.entities) > 0 && !options.replace)
    throw new ConflictError('the database already holds entities: restore with --replace');
  // The version goes past the one before the wipe too: a copy of the old graph is never current.
  const [live] = await executor.read('system/topology-version');
  progress.checkpoint(); // a stop asked while the file was checked leaves the database untouched
  while (Number((await executor.write('backup/wipe'))[0]!.deleted) > 0);
  let nodes: Record<string, unknown>[] = [];
  let rels: Record<string, unknown>[] = [];
  const nodePhase = progress.phase('restore nodes', counts.nodes);
  let relPhase: Phase | undefined;
  const flush = async () => {
    progress.checkpoint();
    if (nodes.length > 0) await executor.write('backup/restore-nodes', { rows: nodes });
    if (rels.length > 0) await executor.write('backup/restore-relationships', { rows: rels });
    nodePhase.advance(nodes.length);
    relPhase?.advance(rels.length);
    nodes = [];
    rels = [];
  };
  let first = true;
  for await (const line of readExport(file)) {
    if (first) {
      first = false;
      continue;
    }
    if ('n' in line) {
      const { plain, temporal } = decodeProps(line.n.props);
      nodes.push({ k: line.n.k, labels: line.n.labels, props: plain, temporal });
    } else if ('r' in line) {
      // Nodes come before relationships: the pending nodes are written first.
      if (nodes.length > 0) await flush();
      if (!relPhase) {
        nodePhase.end();
        relPhase = progress.phase('restore relationships', counts.relationships);
      }
      const { plain, temporal } = decodeProps(line.r.props);
      rels.push({ type: line.r.type, from: line.r.from, to: line.r.to, props: plain, temporal });
    }
    if (nodes.length + rels.length >= BATCH) await flush();
  }
  await flush();
  if (!relPhase) nodePhase.end();
  relPhase?.end();
  while (Number((await executor.write('backup/restore-finish'))[0]!.finished) > 0);
  await executor.write('system/topology-advance', { after: neo4j.int(Number(live!.version)) });
  return counts;
}
