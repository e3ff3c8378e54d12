import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readDocument } from './read-document.js';
import { cliCaller } from '../modules/access/caller.js';
import { absentRows, type ImportReport } from '../modules/cmdb/import-report.js';
import { InterruptedError } from '../progress.js';
import { CliProgress } from './progress.js';
import { runCli, withServices } from './runtime.js';

const USAGE =
  'usage: npm run import -- [--dry-run [--report FILE.csv|FILE.json]] [--quiet] FILE.json | DIR-of-CSV | COLLECTION.csv ...';

/**
 * `npm run import -- FILE.json | DIR | FILE.csv…`: upserts a configuration document, all rows
 * validated first, with progress by phase (read, validate, then each collection's writes).
 * `--dry-run` validates and plans against the stored graph and writes nothing: it prints what
 * would be created, updated (with the changed fields) and left unchanged per collection, and the
 * stored CIs and dependencies the document does not mention; `--report FILE` writes that as CSV
 * or JSON. Ctrl-C stops between batches; running the same import again completes it.
 */
runCli(async () => {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const reportAt = args.indexOf('--report');
  const reportFile = reportAt >= 0 ? args[reportAt + 1] : undefined;
  const paths = args.filter((a, i) => !a.startsWith('--') && (reportAt < 0 || i !== reportAt + 1));
  if (paths.length === 0 || (reportAt >= 0 && !reportFile)) throw new Error(USAGE);
  if (reportFile && !dryRun) throw new Error(`--report goes with --dry-run\n${USAGE}`);
  const progress = CliProgress.forArgs(args).interruptible();
  const started = Date.now();
  const reading = progress.phase('read');
  const doc = await readDocument(paths);
  const rows = Object.values(doc).reduce((n, list) => n + (list?.length ?? 0), 0);
  reading.advance(rows);
  reading.end();
  // Seconds spent in Neo4j transactions by step (two writers overlap, so they can sum past the wall time).
  const transactionSeconds: Record<string, number> = {};
  try {
    await withServices(async (services, executor) => {
      executor.onTransaction = (label, s) =>
        (transactionSeconds[label] = (transactionSeconds[label] ?? 0) + s);
      const { plan, ...report } = await services.importer.importConfiguration(
        cliCaller('import'),
        doc,
        'batched',
        { dryRun, progress },
      );
      if (!dryRun) {
        progress.stop();
        const seconds = (Date.now() - started) / 1000;
        const { created, updated, unchanged, byCollection, absent } = report;
        console.log(
          JSON.stringify({
            created,
            updated,
            unchanged,
            byCollection,
            absent,
            rows,
            seconds,
            rowsPerSecond: Math.round(rows / seconds),
            transactionSeconds: Object.fromEntries(
              Object.entries(transactionSeconds).map(([label, s]) => [label, +s.toFixed(2)]),
            ),
          }),
        );
        return;
      }
      const outline = progress.phase('compare with the stored estate');
      const absent = await absentRows(executor, plan, (n) => outline.advance(n));
      outline.end();
      progress.stop();
      console.log(dryRunText(report, absent));
      if (reportFile) {
        writeReport(path.resolve(reportFile), report, absent);
        console.log(`report written to ${path.resolve(reportFile)}`);
      }
    });
  } catch (error) {
    progress.stop();
    if (!(error instanceof InterruptedError)) throw error;
    const written = progress.phases
      .filter((p) => /^(create|update|link) /.test(p.phase) && p.done > 0)
      .map((p) => `${p.phase} ${p.done}/${p.total ?? '?'}`);
    console.error(
      `interrupted between batches: ${written.length ? `committed ${written.join(', ')}` : 'nothing was written'}. ` +
        'Every committed batch is whole and recorded; run the same import again to complete it.',
    );
    process.exit(130);
  }
});

type Absent = Awaited<ReturnType<typeof absentRows>>;

/** The dry run as people read it: counts by collection, the first changes, what is not mentioned. */
function dryRunText(report: Omit<ImportReport, 'plan'>, absent: Absent): string {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const lines = [
    'dry run: nothing was written',
    '',
    `  ${'collection'.padEnd(32)}${pad('create', 9)}${pad('update', 9)}${pad('unchanged', 11)}`,
    ...report.byCollection.map(
      (c) =>
        `  ${c.collection.padEnd(32)}${pad(c.created, 9)}${pad(c.updated, 9)}${pad(c.unchanged, 11)}`,
    ),
    `  ${'total'.padEnd(32)}${pad(report.created, 9)}${pad(report.updated, 9)}${pad(report.unchanged, 11)}`,
    '',
  ];
  const shown = report.changes.slice(0, 20);
  if (shown.length > 0) {
    lines.push(`changes (first ${shown.length} of ${report.changes.length}):`);
    for (const c of shown)
      lines.push(`  ${c.action.padEnd(7)} ${c.collection}/${c.id}  ${c.fields.join(', ')}`);
    lines.push('');
  }
  lines.push(
    `not in the document (candidates for retirement): ${absent.cis.length} CI(s), ${absent.dependencies.length} dependency edge(s)`,
    ...absent.cis.slice(0, 10).map((id) => `  CI ${id}`),
    ...absent.dependencies.slice(0, 10).map((d) => `  edge ${d.fromId} -${d.kind}-> ${d.toId}`),
  );
  return lines.join('\n');
}

/** The dry run for review: JSON (everything) or CSV (one row per change or absent item). */
function writeReport(file: string, report: Omit<ImportReport, 'plan'>, absent: Absent): void {
  if (file.endsWith('.json')) {
    writeFileSync(file, JSON.stringify({ ...report, absentItems: absent }, null, 1));
    return;
  }
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = [
    ['action', 'collection', 'id', 'fields'],
    ...report.changes.map((c) => [c.action, c.collection, c.id, c.fields.join(' ')]),
    ...absent.cis.map((id) => ['ABSENT', 'configurationItems', id, '']),
    ...absent.dependencies.map((d) => [
      'ABSENT',
      'dependencies',
      `${d.fromId} -${d.kind}-> ${d.toId}`,
      '',
    ]),
  ];
  writeFileSync(file, `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`);
}
