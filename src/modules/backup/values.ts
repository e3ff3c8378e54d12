import neo4j from 'neo4j-driver';

/**
 * Property values in an export, typed so that a restore writes back exactly what was read:
 * integers as `{ "$int": "…" }` (Neo4j integers are 64-bit), temporal values as ISO strings
 * tagged with their type, floats, strings and booleans as themselves, lists element by element.
 */
export type Encoded =
  | string
  | number
  | boolean
  | null
  | Encoded[]
  | { $int: string }
  | { $datetime: string }
  | { $date: string }
  | { $localdatetime: string }
  | { $float: 'NaN' | 'Infinity' | '-Infinity' };

/** Encodes one property value read from Neo4j. */
export function encode(value: unknown): Encoded {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return { $int: value.toString() };
  if (neo4j.isDateTime(value)) return { $datetime: value.toString() };
  if (neo4j.isDate(value)) return { $date: value.toString() };
  if (neo4j.isLocalDateTime(value)) return { $localdatetime: value.toString() };
  if (typeof value === 'number' && !Number.isFinite(value))
    return { $float: String(value) as 'NaN' | 'Infinity' | '-Infinity' };
  if (Array.isArray(value)) return value.map(encode);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  throw new Error(
    `cannot export a property value of type ${Object.prototype.toString.call(value)}`,
  );
}

/** Encodes a node's or relationship's properties. */
export function encodeProps(props: Record<string, unknown>): Record<string, Encoded> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, encode(v)]));
}

/** Decodes a value for writing: Cypher turns the tagged strings back into their types. */
export function decode(value: Encoded): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decode);
  if ('$int' in value) return neo4j.int(value.$int);
  if ('$float' in value) return Number(value.$float);
  return value;
}

/** Splits encoded properties into plain values and temporal ones (written through Cypher). */
export function decodeProps(props: Record<string, Encoded>): {
  plain: Record<string, unknown>;
  temporal: [string, 'datetime' | 'date' | 'localdatetime', string][];
} {
  const plain: Record<string, unknown> = {};
  const temporal: [string, 'datetime' | 'date' | 'localdatetime', string][] = [];
  for (const [key, value] of Object.entries(props)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if ('$datetime' in value) temporal.push([key, 'datetime', value.$datetime]);
      else if ('$date' in value) temporal.push([key, 'date', value.$date]);
      else if ('$localdatetime' in value)
        temporal.push([key, 'localdatetime', value.$localdatetime]);
      else plain[key] = decode(value);
    } else {
      plain[key] = decode(value);
    }
  }
  return { plain, temporal };
}
