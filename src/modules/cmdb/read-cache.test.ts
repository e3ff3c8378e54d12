import type { EdgePage } from './read-cache.js';
import { ReadCache } from './read-cache.js';
import type { EntityModel } from './models.js';

const ci = (id: string) =>
  ({ __typename: 'ConfigurationItem', id, name: id }) as unknown as EntityModel;
const page = (...ids: string[]): EdgePage => ({
  total: ids.length,
  edges: ids.map((id) => ({
    kind: 'DEPENDS_ON',
    strength: 'HARD',
    node: ci(id),
    sortKey: [id, 'DEPENDS_ON', id],
  })) as EdgePage['edges'],
});

describe('ReadCache', () => {
  it('carries over a patch what the change left exact, and seals the old copy', () => {
    const cache = new ReadCache(100);
    const v1 = {};
    const v2 = {};
    const old = cache.of(v1);
    for (const id of ['a', 'b', 'c']) old.putEntity(ci(id));
    old.putEdgePage('deps:a', 'a', page('b'));
    old.putEdgePage('deps:c', 'c', page('b'));
    old.putEdgePage('dependents:b', 'b', page('a', 'c'));
    old.putList('cis', { total: 3 });
    // b was renamed: its entity goes, and the pages of b and of its neighbours a and c.
    cache.carryOver(v1, v2, new Set(['b']), new Set(['b', 'a']));
    const next = cache.of(v2);
    expect([...next.entities.keys()].sort()).toEqual(['a', 'c']);
    expect([...next.edgePages.keys()]).toEqual(['deps:c']);
    expect(next.lists.size).toBe(0);
    // A read of the old version that ends now keeps nothing, in either copy.
    old.putEntity(ci('b'));
    old.putEdgePage('deps:a', 'a', page('b'));
    expect(old.entities.size).toBe(0);
    expect(next.entities.has('b')).toBe(false);
    expect(next.edgePages.has('deps:a')).toBe(false);
  });

  it('keeps only the types whose writes bump the version', () => {
    const copy = new ReadCache(100).of({});
    copy.putEntity({ __typename: 'KnownError', id: 'ke-1' } as unknown as EntityModel);
    copy.putEdgePage('k', 'a', {
      total: 1,
      edges: [{ ...page('x').edges[0]!, node: { __typename: 'KnownError', id: 'ke-1' } }],
    } as unknown as EdgePage);
    expect(copy.entities.size).toBe(0);
    expect(copy.edgePages.size).toBe(0);
  });

  it('drops the oldest entries past its bound, its page index with them', () => {
    const cache = new ReadCache(80);
    const v1 = {};
    const copy = cache.of(v1);
    for (let i = 0; i < 200; i++) copy.putEntity(ci(`e${i}`));
    expect(copy.entities.size).toBeLessThanOrEqual(80);
    expect(copy.entities.has('e199')).toBe(true);
    expect(copy.entities.has('e0')).toBe(false);
    // Edge pages: a tenth of the entities' bound.
    for (let i = 0; i < 30; i++) copy.putEdgePage(`p${i}`, `c${i % 3}`, page('x'));
    expect(copy.edgePages.size).toBeLessThanOrEqual(8);
    expect(copy.edgePages.has('p29')).toBe(true);
    // A change to c2 drops its remaining pages and only those.
    const kept = [...copy.edgePages.entries()].filter(([, e]) => e.id !== 'c2').map(([k]) => k);
    const v2 = {};
    cache.carryOver(v1, v2, new Set(), new Set(['c2']));
    expect(kept.length).toBeGreaterThan(0);
    expect([...cache.of(v2).edgePages.keys()].sort()).toEqual(kept.sort());
  });
});
