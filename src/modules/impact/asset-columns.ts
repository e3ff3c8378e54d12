/**
 * The asset ledger: what the reports aggregate of every CI (reports/ledger.ts), carried by the
 * topology index beside the dependency edges, so that it is read, patched and version-checked
 * with them and is exact whenever the copy is (topology-holder.ts). Held column by column over
 * the copy's dense ids, strings interned: about 50 bytes a CI.
 */

/** A CI's asset columns as the topology queries return them (null for a service). */
export type AssetRow = [
  ciClass: string,
  status: string,
  environment: string | null,
  criticality: string | null,
  location: string | null,
  ownerId: string | null,
  supplierId: string | null,
  cents: unknown,
  warrantyExpiry: string | null,
  noAsset: boolean,
];

/**
 * Shrinks the rows of a full read while it pages through the graph: each asset tuple's strings
 * replaced by one shared copy per distinct value (the driver makes a new string for every row, and
 * a million rows hold a few hundred distinct classes, owners and suppliers), its cents made a
 * number. The tuple means the same afterwards.
 */
export function compactAssets(
  rows: readonly { asset?: AssetRow | null }[],
  strings: Map<string, string>,
): void {
  const shared = (s: string | null): string | null => {
    if (s === null) return null;
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  for (const r of rows) {
    const a = r.asset;
    if (!a) continue;
    for (const i of [0, 1, 2, 3, 4, 5, 6, 8] as const)
      (a as unknown[])[i] = shared(a[i] as string | null);
    a[7] = Number(a[7] ?? 0);
  }
}

/** One CI's facts, decoded. `expiry` is the warranty expiry as yyyymmdd (0: none). */
export interface AssetFacts {
  ciClass: string;
  status: string;
  environment: string | null;
  criticality: string | null;
  location: string | null;
  ownerId: string | null;
  supplierId: string | null;
  /** Original value in integer cents (0 when unknown). */
  cents: number;
  expiry: number;
  noAsset: boolean;
}

/** A `YYYY-MM-DD` day as the integer yyyymmdd (0 for null), which orders as the days do. */
export const dayNumber = (day: string | null | undefined): number =>
  day ? Number(day.slice(0, 10).replaceAll('-', '')) : 0;

/** The facts of a row (null for a component that is not a CI). */
export function assetOf(row: AssetRow | null | undefined): AssetFacts | null {
  if (!row) return null;
  const [ciClass, status, environment, criticality, location, ownerId, supplierId] = row;
  return {
    ciClass,
    status,
    environment,
    criticality,
    location,
    ownerId,
    supplierId,
    cents: Number(row[7] ?? 0),
    expiry: dayNumber(row[8]),
    noAsset: row[9] === true,
  };
}

/** Strings numbered in order of first sight (-1 for null). */
class Interned {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  of(value: string | null): number {
    if (value === null) return -1;
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }

  at(i: number): string | null {
    return i < 0 ? null : this.values[i]!;
  }
}

/** The columns of a full read, by dense id; never changed once built. */
export class AssetColumns {
  private readonly isCi: Uint8Array;
  private readonly names = new Interned(); // classes, statuses, environments, criticalities
  private readonly places = new Interned(); // locations, owner and supplier ids
  private readonly ciClass: Int32Array;
  private readonly status: Int32Array;
  private readonly environment: Int32Array;
  private readonly criticality: Int32Array;
  private readonly location: Int32Array;
  private readonly owner: Int32Array;
  private readonly supplier: Int32Array;
  private readonly cents: Float64Array;
  private readonly expiry: Int32Array;
  private readonly noAsset: Uint8Array;

  constructor(readonly count: number) {
    const strings = () => new Int32Array(count).fill(-1);
    this.isCi = new Uint8Array(count);
    this.ciClass = strings();
    this.status = strings();
    this.environment = strings();
    this.criticality = strings();
    this.location = strings();
    this.owner = strings();
    this.supplier = strings();
    this.cents = new Float64Array(count);
    this.expiry = new Int32Array(count);
    this.noAsset = new Uint8Array(count);
  }

  /** Sets a node's columns (only while the full read builds them). */
  set(node: number, facts: AssetFacts | null): void {
    if (!facts) return;
    this.isCi[node] = 1;
    this.ciClass[node] = this.names.of(facts.ciClass);
    this.status[node] = this.names.of(facts.status);
    this.environment[node] = this.names.of(facts.environment);
    this.criticality[node] = this.names.of(facts.criticality);
    this.location[node] = this.places.of(facts.location);
    this.owner[node] = this.places.of(facts.ownerId);
    this.supplier[node] = this.places.of(facts.supplierId);
    this.cents[node] = facts.cents;
    this.expiry[node] = facts.expiry;
    this.noAsset[node] = facts.noAsset ? 1 : 0;
  }

  /**
   * A node's facts, written into `into` (reused by callers that visit every CI), or null when
   * the node is not a CI (or was added after the read).
   */
  read(node: number, into: AssetFacts): AssetFacts | null {
    if (node >= this.count || !this.isCi[node]) return null;
    into.ciClass = this.names.at(this.ciClass[node]!)!;
    into.status = this.names.at(this.status[node]!)!;
    into.environment = this.names.at(this.environment[node]!);
    into.criticality = this.names.at(this.criticality[node]!);
    into.location = this.places.at(this.location[node]!);
    into.ownerId = this.places.at(this.owner[node]!);
    into.supplierId = this.places.at(this.supplier[node]!);
    into.cents = this.cents[node]!;
    into.expiry = this.expiry[node]!;
    into.noAsset = this.noAsset[node] === 1;
    return into;
  }
}

/** A blank facts record to read into. */
export const blankFacts = (): AssetFacts => ({
  ciClass: '',
  status: '',
  environment: null,
  criticality: null,
  location: null,
  ownerId: null,
  supplierId: null,
  cents: 0,
  expiry: 0,
  noAsset: false,
});
