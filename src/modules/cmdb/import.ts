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
  type ImportResult,
} from './import-plan.js';
import { writePlan } from './import-write.js';

export type { ImportDocument, ImportResult, ImportRowProblem } from './import-plan.js';

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
   * transactions of `batchSize` rows; an interrupted batched import is completed by running it again.
   */
  async importConfiguration(
    caller: Caller,
    doc: ImportDocument,
    transaction: 'single' | 'batched',
  ): Promise<ImportResult> {
    requireRole(caller.actor, 'CMDB_ADMIN');
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
    if (transaction === 'single') {
      return this.executor.writeTx('importConfiguration', async (tx) => {
        const plan = await planImport(tx, doc, this.extensions, caller.actor.id);
        await writePlan(plan, origin, { tx });
        return plan.result;
      });
    }
    const plan = await this.executor.readTx('importPlan', (tx) =>
      planImport(tx, doc, this.extensions, caller.actor.id),
    );
    const { executor, batchSize, writers } = this;
    await writePlan(plan, origin, { executor, batchSize, writers });
    return plan.result;
  }
}
