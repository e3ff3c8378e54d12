import neo4j from 'neo4j-driver';
import { isoOfDateTime, plain } from './mapping.js';

describe('plain', () => {
  it('gives DateTimes with an offset the instant toStandardDate gives', () => {
    const cases = [
      new neo4j.types.DateTime(2026, 11, 25, 10, 34, 19, 123456789, 0),
      new neo4j.types.DateTime(2024, 2, 29, 23, 59, 59, 999000000, 8 * 3600),
      new neo4j.types.DateTime(1999, 12, 31, 0, 0, 0, 0, -5 * 3600 - 1800),
      new neo4j.types.DateTime(
        neo4j.int(2030),
        neo4j.int(1),
        neo4j.int(1),
        neo4j.int(0),
        neo4j.int(0),
        neo4j.int(1),
        neo4j.int(5000000),
        neo4j.int(3600),
      ),
    ];
    for (const d of cases) expect(isoOfDateTime(d)).toBe(d.toStandardDate().toISOString());
  });

  it('passes primitives through and converts integers, lists and maps', () => {
    expect(plain('打印机')).toBe('打印机');
    expect(plain(false)).toBe(false);
    expect(plain(neo4j.int(42))).toBe(42);
    expect(plain([neo4j.int(1), ['a', true, null]])).toEqual([1, ['a', true, null]]);
    expect(plain({ a: neo4j.int(2), b: { c: 'x' } })).toEqual({ a: 2, b: { c: 'x' } });
    expect(plain(new neo4j.types.Date(2026, 1, 2))).toBe('2026-01-02');
  });
});
