/**
 * The reports over the asset ledger: the CIs' asset facts held in memory by the topology index
 * (impact/asset-columns.ts), exact whenever the copy is, since every CMDB write bumps the version
 * it is checked against and names the components it changed. Pure: each function answers what
 * its Cypher twin in cypher/reports/ does, with the same rows (reports/repository.ts), and the
 * integration tests hold both to the same figures. Money is summed in integer cents.
 */
import type { AssetFacts } from '../impact/asset-columns.js';
import { dayNumber } from '../impact/asset-columns.js';
import type { CIFilterParams } from '../cmdb/repository.js';
import type { BudgetBaseRow } from './budget.js';
import type { AssetGroupRow } from './repository.js';

/** What the reports read of a current topology copy. */
export interface AssetLedger {
  forEachAsset(visit: (facts: AssetFacts, node: number) => void): void;
  hasDependencies(node: number): boolean;
  idOf(node: number): string;
}

/**
 * Whether the ledger can apply a CI filter: every criterion but the text ones (name, tag and
 * identifier lookup), which need the stored text and its index; those filters read Neo4j.
 */
export const ledgerServes = (f: CIFilterParams): boolean =>
  f.nameContains === null && f.tag === null && f.lookup === null;

/** A sum of integer cents, exact past 2^53 (kept as a number while it is safe). */
class Cents {
  private small = 0;
  private big = 0n;

  add(cents: number): void {
    const s = this.small + cents;
    if (Number.isSafeInteger(s)) this.small = s;
    else {
      this.big += BigInt(this.small) + BigInt(cents);
      this.small = 0;
    }
  }

  get total(): bigint {
    return this.big + BigInt(this.small);
  }
}

const live = (f: AssetFacts) => f.status !== 'RETIRED';

/** The filter of cypher/reports/asset-summary as a predicate (text criteria excluded). */
function matcher(f: CIFilterParams): (a: AssetFacts) => boolean {
  const classes = f.classes && new Set(f.classes);
  const before = f.warrantyExpiresBefore ? dayNumber(f.warrantyExpiresBefore) : 0;
  return (a) =>
    live(a) &&
    (!classes || classes.has(a.ciClass)) &&
    (!f.status || f.status.includes(a.status)) &&
    (!f.environment || (a.environment !== null && f.environment.includes(a.environment))) &&
    (!f.criticality || (a.criticality !== null && f.criticality.includes(a.criticality))) &&
    (f.ownerId === null || a.ownerId === f.ownerId) &&
    (f.supplierId === null || a.supplierId === f.supplierId) &&
    (!before || (a.expiry !== 0 && a.expiry < before));
}

const GROUP_KEY: Record<string, (a: AssetFacts) => string | null> = {
  CI_CLASS: (a) => a.ciClass,
  LOCATION: (a) => a.location,
  ENVIRONMENT: (a) => a.environment,
  DEPARTMENT: (a) => a.ownerId,
  SUPPLIER: (a) => a.supplierId,
};

/** assetSummary's groups (cypher/reports/asset-summary), in no particular order. */
export function assetGroups(
  ledger: AssetLedger,
  groupBy: string,
  filter: CIFilterParams,
  today: string,
  soon: string,
): AssetGroupRow[] {
  const keyOf = GROUP_KEY[groupBy]!;
  const matches = matcher(filter);
  const [t, s] = [dayNumber(today), dayNumber(soon)];
  const groups = new Map<string | null, { row: AssetGroupRow; cents: Cents }>();
  ledger.forEachAsset((a) => {
    if (!matches(a)) return;
    const key = keyOf(a);
    let g = groups.get(key);
    if (!g) {
      const row = {
        key,
        count: 0,
        cents: 0n,
        inWarranty: 0,
        expiringSoon: 0,
        expired: 0,
        unknown: 0,
      };
      groups.set(key, (g = { row, cents: new Cents() }));
    }
    g.row.count += 1;
    g.cents.add(a.cents);
    if (a.expiry === 0) g.row.unknown += 1;
    else if (a.expiry < t) g.row.expired += 1;
    else if (a.expiry <= s) g.row.expiringSoon += 1;
    else g.row.inWarranty += 1;
  });
  return [...groups.values()].map(({ row, cents }) => ({ ...row, cents: cents.total }));
}

/** warrantyForecast's months in [today, until) and 'expired' (cypher/reports/warranty-forecast). */
export function warrantyMonths(
  ledger: AssetLedger,
  today: string,
  until: string,
): { month: string; count: number; cents: bigint }[] {
  const [t, u] = [dayNumber(today), dayNumber(until)];
  const months = new Map<number, { count: number; cents: Cents }>(); // yyyymm, 0 for expired
  ledger.forEachAsset((a) => {
    if (!live(a) || a.expiry === 0 || a.expiry >= u) return;
    const key = a.expiry < t ? 0 : Math.floor(a.expiry / 100);
    let m = months.get(key);
    if (!m) months.set(key, (m = { count: 0, cents: new Cents() }));
    m.count += 1;
    m.cents.add(a.cents);
  });
  return [...months].map(([key, m]) => ({
    month: key === 0 ? 'expired' : `${Math.floor(key / 100)}-${String(key % 100).padStart(2, '0')}`,
    count: m.count,
    cents: m.cents.total,
  }));
}

/** budgetEstimate's base: live CIs by class and owner (cypher/reports/budget-base). */
export function budgetBase(ledger: AssetLedger, today: string): BudgetBaseRow[] {
  const t = dayNumber(today);
  const rows = new Map<string, { row: BudgetBaseRow; cents: Cents; expired: Cents }>();
  ledger.forEachAsset((a) => {
    if (!live(a)) return;
    const key = `${a.ciClass}\u0000${a.ownerId ?? ''}`;
    let r = rows.get(key);
    if (!r) {
      const row = { ciClass: a.ciClass, ownerId: a.ownerId, units: 0, cents: 0n, expiredCents: 0n };
      rows.set(key, (r = { row, cents: new Cents(), expired: new Cents() }));
    }
    r.row.units += 1;
    r.cents.add(a.cents);
    if (a.expiry !== 0 && a.expiry < t) r.expired.add(a.cents);
  });
  return [...rows.values()].map(({ row, cents, expired }) => ({
    ...row,
    cents: cents.total,
    expiredCents: expired.total,
  }));
}

/** The first `sample` ids in id order, kept while visiting in any order. */
class FirstIds {
  readonly ids: string[] = [];
  count = 0;

  constructor(private readonly sample: number) {}

  add(id: string): void {
    this.count += 1;
    const ids = this.ids;
    if (ids.length === this.sample && !(id < ids[ids.length - 1]!)) return;
    let at = ids.length;
    while (at > 0 && id < ids[at - 1]!) at -= 1;
    ids.splice(at, 0, id);
    if (ids.length > this.sample) ids.pop();
  }
}

/** dataQuality's CI checks (cypher/reports/data-quality-cis), with its column names. */
export function ciQuality(ledger: AssetLedger, sample: number): Record<string, unknown> {
  const checks = {
    noOwner: new FirstIds(sample),
    noSupplier: new FirstIds(sample),
    noAsset: new FirstIds(sample),
    orphans: new FirstIds(sample),
  };
  let cis = 0;
  ledger.forEachAsset((a, node) => {
    if (!live(a)) return;
    cis += 1;
    // The id is looked up only for a CI that fails a check (most pass them all).
    const id = () => ledger.idOf(node);
    if (a.ownerId === null) checks.noOwner.add(id());
    if (a.supplierId === null) checks.noSupplier.add(id());
    if (a.noAsset) checks.noAsset.add(id());
    if (!ledger.hasDependencies(node)) checks.orphans.add(id());
  });
  return {
    cis,
    ...Object.fromEntries(
      Object.entries(checks).flatMap(([name, c]) => [
        [`${name === 'orphans' ? 'orphan' : name}Count`, c.count],
        [name, c.ids],
      ]),
    ),
  };
}
