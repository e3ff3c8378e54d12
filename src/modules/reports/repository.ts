import type { QueryRunner } from '../../graph/executor.js';
import type { CIFilterParams } from '../cmdb/repository.js';
import type { BudgetBaseRow } from './budget.js';

/** The Cypher names of the reports, checked at start. */
export const REPORT_QUERIES = [
  'reports/asset-summary',
  'reports/warranty-forecast',
  'reports/budget-base',
  'reports/data-quality-cis',
  'reports/data-quality-catalog',
  'reports/live-services',
] as const;

export interface AssetGroupRow {
  key: string | null;
  count: number;
  cents: bigint;
  inWarranty: number;
  expiringSoon: number;
  expired: number;
  unknown: number;
}

const big = (v: unknown): bigint => BigInt(String(v ?? 0));

/** The reports' reads: aggregates in Cypher, money in integer cents. */
export const reportRepository = {
  async assetGroups(
    tx: QueryRunner,
    groupBy: string,
    filter: CIFilterParams,
    today: string,
    soon: string,
  ): Promise<AssetGroupRow[]> {
    const rows = await tx.run('reports/asset-summary', { groupBy, ...filter, today, soon });
    return rows.map((r) => ({
      key: r.key == null ? null : String(r.key),
      count: Number(r.count),
      cents: big(r.cents),
      inWarranty: Number(r.inWarranty),
      expiringSoon: Number(r.expiringSoon),
      expired: Number(r.expired),
      unknown: Number(r.unknown),
    }));
  },

  async warrantyMonths(
    tx: QueryRunner,
    today: string,
    until: string,
  ): Promise<{ month: string; count: number; cents: bigint }[]> {
    const rows = await tx.run('reports/warranty-forecast', { today, until });
    return rows.map((r) => ({
      month: String(r.month),
      count: Number(r.count),
      cents: big(r.cents),
    }));
  },

  async budgetBase(tx: QueryRunner, today: string): Promise<BudgetBaseRow[]> {
    const rows = await tx.run('reports/budget-base', { today });
    return rows.map((r) => ({
      ciClass: String(r.ciClass),
      ownerId: r.ownerId == null ? null : String(r.ownerId),
      units: Number(r.units),
      cents: big(r.cents),
      expiredCents: big(r.expiredCents),
    }));
  },

  /** dataQuality's CI checks, read from the graph (the ledger's twin: reports/ledger.ts). */
  async ciQuality(tx: QueryRunner, sample: number): Promise<Record<string, unknown>> {
    const [row] = await tx.run('reports/data-quality-cis', { sample });
    return row ?? {};
  },

  /** dataQuality's service and known-error checks. */
  async catalogQuality(tx: QueryRunner, sample: number): Promise<Record<string, unknown>> {
    const [row] = await tx.run('reports/data-quality-catalog', { sample });
    return row ?? {};
  },

  async liveServices(
    tx: QueryRunner,
    categories: string[] | null,
    criticalities: string[] | null,
  ): Promise<{ id: string; name: string; criticality: string }[]> {
    const rows = await tx.run('reports/live-services', { categories, criticalities });
    return rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      criticality: String(r.criticality),
    }));
  },
};
