import type { KnownErrorModel } from './models.js';
import { rankTriage } from './triage.js';

const article = (n: number) =>
  ({ id: `ke-${n}`, number: `KE-${String(n).padStart(6, '0')}` }) as KnownErrorModel;

describe('triage ranking', () => {
  it('ranks every article found both ways above every article found one way, with every reason', () => {
    const ranked = rankTriage(
      [
        { article: article(1), score: 9 }, // the best text hit, text only
        { article: article(2), score: 0.5 }, // a weak text hit that the graph also finds
      ],
      [
        { article: article(3), reason: 'DIRECT' }, // graph only, strongest reason
        { article: article(2), reason: 'ROOT_CAUSE' },
        { article: article(2), reason: 'CI_CLASS' },
      ],
      10,
    );
    expect(ranked.map((m) => [m.article.id, m.reasons])).toEqual([
      ['ke-2', ['TEXT', 'CI_CLASS', 'ROOT_CAUSE']],
      ['ke-1', ['TEXT']],
      ['ke-3', ['DIRECT']],
    ]);
    // Text part 0.5 / 9, graph part CI_CLASS 0.6, and 1 for both ways.
    expect(ranked[0]!.score).toBeCloseTo(0.5 / 9 + 0.6 + 1, 5);
    expect(ranked[1]!.score).toBe(1);
    expect(ranked[2]!.score).toBe(1);
  });

  it('orders the graph reasons by weight, breaks ties by number and keeps at most the limit', () => {
    const ranked = rankTriage(
      [],
      [
        { article: article(5), reason: 'ROOT_CAUSE' },
        { article: article(4), reason: 'SERVICE' },
        { article: article(7), reason: 'CI_CLASS' },
        { article: article(6), reason: 'CI_CLASS' },
      ],
      3,
    );
    expect(ranked.map((m) => m.article.id)).toEqual(['ke-4', 'ke-6', 'ke-7']);
  });
});
