/**
 * Reports (综合管理) and the operations budget (API.md, "Reports"): every report a VIEWER query,
 * each also a table (tables.ts) for the CSV and XLSX downloads.
 */
import { shanghaiToday } from '../../calendar.js';
import { BadUserInputError } from '../../errors.js';
import type { Executor } from '../../graph/executor.js';
import { ENUM_LABELS } from '../../enum-labels.js';
import { pageRequest, toConnection, type Connection } from '../../pagination.js';
import type { Caller } from '../access/caller.js';
import { requireRole } from '../access/roles.js';
import type { CmdbLoaders } from '../cmdb/loaders.js';
import { CRITICALITIES, type OrgUnitModel, type SupplierModel } from '../cmdb/models.js';
import { EXPIRING_SOON_DAYS } from '../cmdb/warranty.js';
import { budgetEstimate, type BudgetInput, type BudgetModel } from './budget.js';
import { exactCents, toUnits } from './money.js';
import { ciFilterParams, type CIFilter } from '../cmdb/queries.js';
import * as ledgers from './ledger.js';
import type { AssetLedger } from './ledger.js';
import { reportRepository as repo } from './repository.js';

export const ASSET_GROUPINGS = [
  'DEPARTMENT',
  'CI_CLASS',
  'SUPPLIER',
  'LOCATION',
  'ENVIRONMENT',
] as const;
export type AssetGrouping = (typeof ASSET_GROUPINGS)[number];

export interface AssetSummaryRowModel {
  key: string;
  label: string;
  labelZh: string;
  count: number;
  originalValue: number;
  inWarranty: number;
  expiringSoon: number;
  expired: number;
  unknown: number;
}

export interface WarrantyForecastModel {
  months: { month: string; count: number; originalValue: number }[];
  alreadyExpired: { count: number; originalValue: number };
}

export interface DataQualityCheckModel {
  check: string;
  label: string;
  labelZh: string;
  total: number;
  failing: number;
  firstIds: string[];
}

/** A row of the SPOF register: the service and its single points of failure, by id. */
export interface SpofRowModel {
  serviceId: string;
  name: string;
  rank: number;
  spofIds: string[];
}

export { shanghaiToday };

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

const orNull = <T>(v: T | null | undefined): T | null =>
  v == null || (Array.isArray(v) && v.length === 0) ? null : v;

const CHECKS: [string, string, string][] = [
  ['CI_WITHOUT_OWNER', 'CIs without an owner', '无归属部门的配置项'],
  ['CI_WITHOUT_SUPPLIER', 'CIs without a supplier', '无供应商的配置项'],
  ['CI_WITHOUT_ASSET', 'CIs without asset data', '无资产信息的配置项'],
  ['CI_ORPHAN', 'CIs with no dependency or dependent', '孤立配置项（无任何依赖关系）'],
  ['SERVICE_WITHOUT_SLA', 'Services without an SLA', '无服务级别协议的服务'],
  ['SERVICE_WITHOUT_PROVIDER', 'Services without a provider', '无服务提供方的服务'],
  ['SERVICE_WITHOUT_CONSUMERS', 'Services without consumers', '无服务对象的服务'],
  ['KNOWN_ERROR_NEEDS_REVIEW', 'Known errors waiting for review', '待审核的已知错误'],
];

/** The first ids a data-quality check lists. */
export const DATA_QUALITY_SAMPLE = 20;

export class ReportService {
  constructor(
    private readonly executor: Executor,
    private readonly spofs: { singlePointsOfFailure(ids: readonly string[]): Promise<string[][]> },
    /**
     * The asset ledger when a copy exact for the graph's current version is at hand (one version
     * read), else undefined: the reports then aggregate in Cypher.
     */
    private readonly ledger: () => Promise<AssetLedger | undefined> = async () => undefined,
  ) {}

  async assetSummary(
    caller: Caller<CmdbLoaders>,
    groupBy: AssetGrouping,
    filter: CIFilter | null | undefined,
  ): Promise<AssetSummaryRowModel[]> {
    requireRole(caller.actor, 'VIEWER');
    if (!ASSET_GROUPINGS.includes(groupBy))
      throw new BadUserInputError(
        `groupBy must be one of ${ASSET_GROUPINGS.join(', ')}`,
        'groupBy',
      );
    const params = await ciFilterParams(caller, filter);
    const today = shanghaiToday();
    const soon = addDays(today, EXPIRING_SOON_DAYS);
    const ledger = ledgers.ledgerServes(params) ? await this.ledger() : undefined;
    const groups = ledger
      ? ledgers.assetGroups(ledger, groupBy, params, today, soon)
      : await this.executor.readSingle('assetSummary', (tx) =>
          repo.assetGroups(tx, groupBy, params, today, soon),
        );
    const labelOf = await this.labeller(caller, groupBy);
    return groups
      .map((g) => {
        const [label, labelZh] = labelOf(g.key);
        return {
          key: g.key ?? '',
          label,
          labelZh,
          count: g.count,
          originalValue: toUnits(exactCents(g.cents)),
          inWarranty: g.inWarranty,
          expiringSoon: g.expiringSoon,
          expired: g.expired,
          unknown: g.unknown,
        };
      })
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }

  /** English and Chinese names of a group key. */
  private async labeller(
    caller: Caller<CmdbLoaders>,
    groupBy: AssetGrouping,
  ): Promise<(key: string | null) => [string, string]> {
    const none: [string, string] = ['(none)', '（无）'];
    if (groupBy === 'CI_CLASS') {
      const taxonomy = await caller.loaders.taxonomy();
      return (k) => {
        const c = k ? taxonomy.get(k) : undefined;
        return k ? [c?.label ?? k, c?.labelZh ?? k] : none;
      };
    }
    if (groupBy === 'ENVIRONMENT')
      return (k) => {
        const l = k ? (ENUM_LABELS.Environment as Record<string, [string, string]>)[k] : undefined;
        return k ? [l?.[1] ?? k, l?.[0] ?? k] : none;
      };
    if (groupBy === 'LOCATION') return (k) => (k ? [k, k] : none);
    const names = await this.namesOf(groupBy === 'DEPARTMENT' ? 'orgUnits' : 'suppliers');
    return (k) => (k ? [names.get(k) ?? k, names.get(k) ?? k] : none);
  }

  private async namesOf(kind: 'orgUnits' | 'suppliers'): Promise<Map<string, string>> {
    const rows = await this.executor.read(
      kind === 'orgUnits' ? 'cmdb/org-units-all' : 'cmdb/suppliers-all',
    );
    return new Map(
      rows.map((r) => {
        const e = (r.entity ?? r) as OrgUnitModel | SupplierModel | Record<string, unknown>;
        return [String((e as { id: unknown }).id), String((e as { name: unknown }).name)];
      }),
    );
  }

  async warrantyForecast(
    caller: Caller,
    months: number | null | undefined,
  ): Promise<WarrantyForecastModel> {
    requireRole(caller.actor, 'VIEWER');
    const n = months ?? 12;
    if (!Number.isInteger(n) || n < 1 || n > 120)
      throw new BadUserInputError('months must be between 1 and 120', 'months');
    const today = shanghaiToday();
    const [y, m] = today.split('-').map(Number) as [number, number];
    const monthList = Array.from({ length: n }, (_, i) => {
      const k = y * 12 + (m - 1) + i;
      return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
    });
    const endK = y * 12 + (m - 1) + n;
    const until = `${Math.floor(endK / 12)}-${String((endK % 12) + 1).padStart(2, '0')}-01`;
    const ledger = await this.ledger();
    const rows = ledger
      ? ledgers.warrantyMonths(ledger, today, until)
      : await this.executor.readSingle('warrantyForecast', (tx) =>
          repo.warrantyMonths(tx, today, until),
        );
    const byMonth = new Map(rows.map((r) => [r.month, r]));
    const expired = byMonth.get('expired');
    return {
      months: monthList.map((month) => ({
        month,
        count: byMonth.get(month)?.count ?? 0,
        originalValue: toUnits(exactCents(byMonth.get(month)?.cents ?? 0n)),
      })),
      alreadyExpired: {
        count: expired?.count ?? 0,
        originalValue: toUnits(exactCents(expired?.cents ?? 0n)),
      },
    };
  }

  async spofRegister(
    caller: Caller,
    filter: { category?: string[] | null; criticality?: string[] | null } | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<SpofRowModel>> {
    requireRole(caller.actor, 'VIEWER');
    const page = pageRequest('spofRegister', first, after);
    const services = await this.executor.readSingle('spofRegister', (tx) =>
      repo.liveServices(tx, orNull(filter?.category ?? null), orNull(filter?.criticality ?? null)),
    );
    const key = (r: { rank: number; name: string; serviceId: string }) => [
      r.rank,
      r.name,
      r.serviceId,
    ];
    const rows = services
      .map((s) => ({
        serviceId: s.id,
        name: s.name,
        rank: CRITICALITIES.indexOf(s.criticality as never),
      }))
      .sort((a, b) => compareKeys(key(a), key(b)));
    const start = page.after ? rows.findIndex((r) => compareKeys(key(r), page.after!) > 0) : 0;
    const slice = start < 0 ? [] : rows.slice(start, start + page.first + 1);
    const spofs = await this.spofs.singlePointsOfFailure(
      slice.slice(0, page.first).map((r) => r.serviceId),
    );
    const withSpofs = slice.map((r, i) => ({ ...r, spofIds: spofs[i] ?? [] }));
    return toConnection(withSpofs, page, rows.length, key);
  }

  async dataQuality(caller: Caller): Promise<{ checks: DataQualityCheckModel[] }> {
    requireRole(caller.actor, 'VIEWER');
    const ledger = await this.ledger();
    // The CI checks from the ledger when it is current, else read with the others in one snapshot.
    const r = ledger
      ? {
          ...ledgers.ciQuality(ledger, DATA_QUALITY_SAMPLE),
          ...(await this.executor.readSingle('dataQuality', (tx) =>
            repo.catalogQuality(tx, DATA_QUALITY_SAMPLE),
          )),
        }
      : await this.executor.readTx('dataQuality', async (tx) => ({
          ...(await repo.ciQuality(tx, DATA_QUALITY_SAMPLE)),
          ...(await repo.catalogQuality(tx, DATA_QUALITY_SAMPLE)),
        }));
    const fields: Record<string, [string, string, string]> = {
      CI_WITHOUT_OWNER: ['cis', 'noOwnerCount', 'noOwner'],
      CI_WITHOUT_SUPPLIER: ['cis', 'noSupplierCount', 'noSupplier'],
      CI_WITHOUT_ASSET: ['cis', 'noAssetCount', 'noAsset'],
      CI_ORPHAN: ['cis', 'orphanCount', 'orphans'],
      SERVICE_WITHOUT_SLA: ['services', 'noSlaCount', 'noSla'],
      SERVICE_WITHOUT_PROVIDER: ['services', 'noProviderCount', 'noProvider'],
      SERVICE_WITHOUT_CONSUMERS: ['services', 'noConsumersCount', 'noConsumers'],
      KNOWN_ERROR_NEEDS_REVIEW: ['knownErrors', 'needsReviewCount', 'needsReview'],
    };
    return {
      checks: CHECKS.map(([check, label, labelZh]) => {
        const [total, failing, ids] = fields[check]!;
        return {
          check,
          label,
          labelZh,
          total: Number(r[total] ?? 0),
          failing: Number(r[failing] ?? 0),
          firstIds: ((r[ids] as unknown[]) ?? []).map(String),
        };
      }),
    };
  }

  async budgetEstimate(
    caller: Caller<CmdbLoaders>,
    year: number,
    input: BudgetInput,
  ): Promise<BudgetModel> {
    requireRole(caller.actor, 'VIEWER');
    const taxonomy = await caller.loaders.taxonomy();
    const ledger = await this.ledger();
    const base = ledger
      ? ledgers.budgetBase(ledger, shanghaiToday())
      : await this.executor.readSingle('budgetEstimate', (tx) =>
          repo.budgetBase(tx, shanghaiToday()),
        );
    const names = await this.namesOf('orgUnits');
    return budgetEstimate(year, base, input, taxonomy, {
      department: (id) =>
        id ? [names.get(id) ?? id, names.get(id) ?? id] : ['(no owner)', '（无归属部门）'],
    });
  }
}

/** Compares two sort keys of the SPOF register. */
function compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}
