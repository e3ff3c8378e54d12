import neo4j from 'neo4j-driver';

type Num = number | { toNumber(): number };
const num = (x: Num): number => (typeof x === 'number' ? x : x.toNumber());

/**
 * A DateTime's instant as an ISO string. With a fixed offset (how the service stores every
 * timestamp) the fields are turned into milliseconds directly; the driver's `toStandardDate`
 * does the same through 64-bit integer arithmetic and costs several times as much per value.
 */
export function isoOfDateTime(value: {
  year: Num;
  month: Num;
  day: Num;
  hour: Num;
  minute: Num;
  second: Num;
  nanosecond: Num;
  timeZoneOffsetSeconds?: Num | null;
  toStandardDate(): Date;
}): string {
  const offset = value.timeZoneOffsetSeconds;
  const year = num(value.year);
  // Date.UTC maps years 0–99 to 1900–1999; such years are not timestamps this service writes.
  if (offset == null || year < 100) return value.toStandardDate().toISOString();
  const ms = Date.UTC(
    year,
    num(value.month) - 1,
    num(value.day),
    num(value.hour),
    num(value.minute),
    num(value.second),
    Math.floor(num(value.nanosecond) / 1e6),
  );
  return new Date(ms - num(offset) * 1000).toISOString();
}

/**
 * Turns a value read from Neo4j into plain JSON-able data: integers to numbers, temporal values to
 * ISO strings, nodes and relationships to their properties, recursively through lists and maps.
 * Strings, numbers and booleans (most values) return at the first test.
 */
export function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const type = typeof value;
  if (type === 'string' || type === 'boolean' || type === 'number') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (neo4j.isDateTime(value)) return isoOfDateTime(value as Parameters<typeof isoOfDateTime>[0]);
  if (neo4j.isDate(value)) return String(value);
  if (
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return String(value);
  }
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) {
    return plain((value as { properties: Record<string, unknown> }).properties);
  }
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = plain(v);
    return out;
  }
  return value;
}

/** One record's fields, made plain. */
export function plainRecord(record: {
  keys: readonly PropertyKey[];
  get(key: PropertyKey): unknown;
}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of record.keys) out[String(key)] = plain(record.get(key));
  return out;
}
