import { rankGaps, type GapFacts } from './gaps.js';

const fact = (kind: GapFacts['kind'], id: string, extra: Partial<GapFacts> = {}): GapFacts => ({
  kind,
  id,
  publishedArticles: 1,
  unhelpfulUses: 0,
  incidents: 0,
  slaMisses: 0,
  ...extra,
});

describe('knowledge gaps', () => {
  it('keeps unhelpful articles and services that miss their SLA with no article, best first', () => {
    const gaps = rankGaps(
      [
        fact('SERVICE', 'svc-ok', { slaMisses: 9 }), // misses, but an article applies
        fact('SERVICE', 'svc-bare', { publishedArticles: 0, slaMisses: 3 }),
        fact('CI_CLASS', 'Switch', { unhelpfulUses: 2, incidents: 2 }),
        fact('SERVICE', 'svc-both', { publishedArticles: 0, unhelpfulUses: 1, slaMisses: 4 }),
        fact('CI_CLASS', 'Storage'), // nothing wrong
        fact('CI_CLASS', 'Server', { publishedArticles: 0 }), // a class has no SLA of its own
      ],
      10,
    );
    expect(gaps.map((g) => [g.id, g.reasons, g.score])).toEqual([
      ['svc-both', ['UNHELPFUL_ARTICLES', 'NO_ARTICLE'], 5],
      ['svc-bare', ['NO_ARTICLE'], 3],
      ['Switch', ['UNHELPFUL_ARTICLES'], 2],
    ]);
    expect(
      rankGaps(
        [fact('CI_CLASS', 'a', { unhelpfulUses: 1 }), fact('CI_CLASS', 'b', { unhelpfulUses: 1 })],
        1,
      ),
    ).toHaveLength(1);
  });
});
