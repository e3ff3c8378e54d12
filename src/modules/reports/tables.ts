/**
 * Every report as a table: columns with English and Chinese headers, and rows of cells, for the
 * CSV and XLSX downloads (`GET /reports/<name>.csv|xlsx`). A table's rows come as an async
 * iterable so that a writer can stream them.
 */
import { BadUserInputError } from '../../errors.js';
import type { Caller } from '../access/caller.js';
import type { CmdbLoaders } from '../cmdb/loaders.js';
import { CI_STATUSES, CRITICALITIES, ENVIRONMENTS, SERVICE_CATEGORIES } from '../cmdb/models.js';
import { ASSET_GROUPINGS, type AssetGrouping, type ReportService } from './service.js';

export type Cell = string | number;

export interface Column {
  key: string;
  en: string;
  zh: string;
}

export interface Table {
  columns: Column[];
  rows: AsyncIterable<Record<string, Cell>>;
}

export const REPORT_NAMES = [
  'assetSummary',
  'warrantyForecast',
  'spofRegister',
  'dataQuality',
  'budgetEstimate',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

const col = (key: string, en: string, zh: string): Column => ({ key, en, zh });

async function* from<T>(
  items: Iterable<T> | Promise<Iterable<T>>,
  map: (t: T) => Record<string, Cell>,
) {
  for (const item of await items) yield map(item);
}

/** A comma-separated list argument; undefined when absent or empty. */
const listArg = (q: URLSearchParams, name: string) => {
  const v = q.get(name);
  return v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
};

/** A comma-separated list of enum values; BAD_USER_INPUT naming it for a value not allowed. */
function enumsArg<T extends string>(
  q: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  const values = listArg(q, name);
  const bad = values?.find((v) => !(allowed as readonly string[]).includes(v));
  if (bad !== undefined)
    throw new BadUserInputError(`${name}: ${bad} is not one of ${allowed.join(', ')}`, name);
  return values as T[] | undefined;
}

/** A date argument (YYYY-MM-DD). */
function dateArg(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
    throw new BadUserInputError(`${name} must be a date (YYYY-MM-DD)`, name);
  return v;
}

/** A number argument; BAD_USER_INPUT naming it when it is not one. */
function numberArg(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new BadUserInputError(`${name} must be a number`, name);
  return n;
}

/** `Class:figure,Class:figure` pairs. */
function pairsArg(q: URLSearchParams, name: string): [string, number][] | undefined {
  return listArg(q, name)?.map((pair, i) => {
    const at = pair.lastIndexOf(':');
    const value = Number(pair.slice(at + 1));
    if (at <= 0 || !Number.isFinite(value))
      throw new BadUserInputError(`${name}: item ${i + 1} must be Class:number`, name);
    return [pair.slice(0, at), value];
  });
}

/** The table of report `name` with the query string's arguments (as the query's). */
export async function reportTable(
  name: ReportName,
  q: URLSearchParams,
  reports: ReportService,
  caller: Caller<CmdbLoaders>,
  zh: boolean,
): Promise<Table> {
  const label = (row: { label: string; labelZh: string }) => (zh ? row.labelZh : row.label);
  switch (name) {
    case 'assetSummary': {
      const groupBy = q.get('groupBy') as AssetGrouping | null;
      if (!groupBy || !ASSET_GROUPINGS.includes(groupBy))
        throw new BadUserInputError(
          `groupBy must be one of ${ASSET_GROUPINGS.join(', ')}`,
          'groupBy',
        );
      const rows = await reports.assetSummary(caller, groupBy, {
        classIn: listArg(q, 'classIn'),
        status: enumsArg(q, 'status', CI_STATUSES),
        environment: enumsArg(q, 'environment', ENVIRONMENTS),
        criticality: enumsArg(q, 'criticality', CRITICALITIES),
        ownerId: q.get('ownerId'),
        supplierId: q.get('supplierId'),
        nameContains: q.get('nameContains'),
        tag: q.get('tag'),
        warrantyExpiresBefore: dateArg(q, 'warrantyExpiresBefore'),
        assetTag: q.get('assetTag'),
        serialNumber: q.get('serialNumber'),
        ipAddress: q.get('ipAddress'),
        identifier: q.get('identifier'),
      });
      return {
        columns: [
          col('key', 'Key', '键'),
          col('label', 'Group', '分组'),
          col('count', 'CIs', '数量'),
          col('originalValue', 'Original value', '资产原值'),
          col('inWarranty', 'In warranty', '在保'),
          col('expiringSoon', 'Expiring soon', '即将过保'),
          col('expired', 'Expired', '已过保'),
          col('unknown', 'Unknown', '未知'),
        ],
        rows: from(rows, (r) => ({ ...r, label: label(r) })),
      };
    }
    case 'warrantyForecast': {
      const f = await reports.warrantyForecast(caller, numberArg(q, 'months'));
      return {
        columns: [
          col('month', 'Month', '月份'),
          col('count', 'CIs', '数量'),
          col('originalValue', 'Original value', '资产原值'),
        ],
        rows: from(
          [...f.months, { month: zh ? '已过保' : 'already expired', ...f.alreadyExpired }],
          (r) => r,
        ),
      };
    }
    case 'spofRegister': {
      const filter = {
        category: enumsArg(q, 'category', SERVICE_CATEGORIES),
        criticality: enumsArg(q, 'criticality', CRITICALITIES),
      };
      const entries = async function* () {
        for (let after: string | null = null; ;) {
          const page = await reports.spofRegister(caller, filter, 200, after);
          for (const e of page.edges) yield e.node;
          if (!page.pageInfo.hasNextPage) return;
          after = page.pageInfo.endCursor;
        }
      };
      return {
        columns: [
          col('serviceId', 'Service id', '服务编号'),
          col('service', 'Service', '服务'),
          col('spofCount', 'Single points of failure', '单点故障数'),
          col('spofIds', 'Their ids', '单点故障配置项'),
        ],
        rows: (async function* () {
          for await (const e of entries())
            yield {
              serviceId: e.serviceId,
              service: e.name,
              spofCount: e.spofIds.length,
              spofIds: e.spofIds.join(';'),
            };
        })(),
      };
    }
    case 'dataQuality': {
      const { checks } = await reports.dataQuality(caller);
      return {
        columns: [
          col('check', 'Check', '检查项代码'),
          col('label', 'What it checks', '检查项'),
          col('total', 'Checked', '检查总数'),
          col('failing', 'Failing', '不合格数'),
          col('firstIds', 'First ids', '示例编号'),
        ],
        rows: from(checks, (c) => ({ ...c, label: label(c), firstIds: c.firstIds.join(';') })),
      };
    }
    case 'budgetEstimate': {
      const year = numberArg(q, 'year');
      const dayRate = numberArg(q, 'dayRate');
      if (year === undefined) throw new BadUserInputError('year is required', 'year');
      if (dayRate === undefined) throw new BadUserInputError('dayRate is required', 'dayRate');
      const b = await reports.budgetEstimate(caller, year, {
        dayRate,
        spareRate: numberArg(q, 'spareRate'),
        coefficients: pairsArg(q, 'coefficients')?.map(([ciClass, rate]) => ({ ciClass, rate })),
        labour: pairsArg(q, 'labour')?.map(([ciClass, personDaysPerUnit]) => ({
          ciClass,
          personDaysPerUnit,
        })),
      });
      const section = (s: string, zhName: string) => (zh ? zhName : s);
      return {
        columns: [
          col('section', 'Section', '分类'),
          col('key', 'Key', '键'),
          col('label', 'Name', '名称'),
          col('units', 'Units', '数量'),
          col('originalValue', 'Original value', '资产原值'),
          col('ratioMethod', 'Ratio-coefficient method', '比例系数法'),
          col('labourMethod', 'Labour method', '人工量法'),
          col('spares', 'Spare parts', '备品备件'),
        ],
        rows: from(
          [
            ...b.byClass.map((r) => ({ ...r, section: section('by class', '按类别') })),
            ...b.byDepartment.map((r) => ({ ...r, section: section('by department', '按部门') })),
            { ...b.totals, section: section('total', '合计') },
          ],
          (r) => ({ ...r, label: label(r) }),
        ),
      };
    }
  }
}
