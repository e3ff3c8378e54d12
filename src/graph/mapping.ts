import neo4j from 'neo4j-driver';

/**
 * Turns a value read from Neo4j into plain JSON-able data: integers to numbers, temporal values to
 * ISO strings, nodes and relationships to their properties, recursively through lists and maps.
 */
export function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (neo4j.isDateTime(value))
    return (value as { toStandardDate(): Date }).toStandardDate().toISOString();
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
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
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
