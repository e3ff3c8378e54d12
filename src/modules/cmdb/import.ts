import { LimitExceededError } from '../../errors.js';
import type { Executor } from '../../graph/executor.js';
import type { Caller } from '../access/caller.js';
import { requireRole } from '../access/roles.js';
import { originOf } from '../audit/change-records.js';
import {
  COLLECTIONS,
  planImport,
  type ImportDocument,
  type ImportExtension,
  type ImportPlan,
} from './import-plan.js';
import { absentCount, reportOf, type ImportReport } from './import-report.js';
import { writePlan } from './import-write.js';
import type { QueryRunner } from '../../graph/executor.js';
import { NO_PROGRESS, type Progress } from '../../progress.js';

export type { ImportDocument, ImportResult, ImportRowProblem } from './import-plan.js';
export type { ImportChange, ImportReport } from './import-report.js';

/** Rows the mutation takes in its one transaction; larger documents go through the CLI in batches. */
export const MAX_MUTATION_IMPORT_ROWS = 50000;

/**
 * Bulk upsert of a configuration document by id (import-plan.ts validates and plans, then
 * import-write.ts writes). If any row is bad, nothing is written and every bad row is listed.
 * Rows equal to what is stored are counted `unchanged` and not written, so a re-import writes nothing.
 */
export class ImportService {
  // 5,000 rows a transaction: Neo4j spends less CPU per row on smaller transactions (its
  // transaction state stays small); 10,000 took 8–15 % longer on the 100k estate (bench/RESULTS.md).
  private readonly batchSize: number;
  private readonly writers: number;
  /** Collections other modules import with the document (main.ts registers them). */
  private readonly extensions: readonly ImportExtension[];

  constructor(
    private readonly executor: Executor,
    options: { batchSize?: number; writers?: number; extensions?: readonly ImportExtension[] } = {},
  ) {
    this.batchSize = options.batchSize ?? 5000;
    this.writers = options.writers ?? 2;
    this.extensions = options.extensions ?? [];
  }

  /**
   * `transaction: 'single'` (the mutation) validates and writes in one transaction.
   * `'batched'` (the CLI, for documents of any size) validates everything first, then writes in
   * transactions of `batchSize` rows; an interrupted batched import is completed by running it
   * again. With `dryRun`, it validates and plans the same way and writes nothing. `progress`
   * hears of each phase (validate the rows, compare them with the stored graph, then each
   * collection's writes, by committed rows) and may stop
   * a batched import between batches.
   */
  async importConfiguration(
    caller: Caller,
    doc: ImportDocument,
    transaction: 'single' | 'batched',
    options: { dryRun?: boolean; progress?: Progress } = {},
  ): Promise<ImportReport & { plan: ImportPlan }> {
    requireRole(caller.actor, 'CMDB_ADMIN');
    const { dryRun = false, progress = NO_PROGRESS } = options;
    const rows =
      COLLECTIONS.reduce((n, [c]) => n + (doc[c]?.length ?? 0), 0) +
      (doc.dependencies?.length ?? 0) +
      this.extensions.flatMap((x) => x.collections).reduce((n, c) => n + (doc[c]?.length ?? 0), 0);
    if (transaction === 'single' && rows > MAX_MUTATION_IMPORT_ROWS) {
      throw new LimitExceededError(
        `an import mutation takes at most ${MAX_MUTATION_IMPORT_ROWS} rows; use npm run import for larger documents`,
        'importRows',
        MAX_MUTATION_IMPORT_ROWS,
      );
    }
    const origin = originOf(caller);
    const planned = async (tx: QueryRunner) => {
      const plan = await planImport(tx, doc, this.extensions, caller.actor.id, progress);
      const absent = await absentCount(tx, plan);
      return { ...reportOf(plan, dryRun, absent), plan };
    };
    if (dryRun) return this.executor.readTx('importPlan', planned);
    if (transaction === 'single') {
      return this.executor.writeTx('importConfiguration', async (tx) => {
        const report = await planned(tx);
        await writePlan(report.plan, origin, { tx });
        return report;
      });
    }
    const report = await this.executor.readTx('importPlan', planned);
    const { executor, batchSize, writers } = this;
    await writePlan(report.plan, origin, { executor, batchSize, writers, progress });
    return report;
  }
}
