import { readFileSync } from 'node:fs';
import type { SeedArticle } from '../../src/modules/knowledge/seed.js';
import { relevanceArticles, RELEVANCE_QUERIES } from '../fixtures/relevance.js';
import { Bm25 } from './bm25.js';
import type { TestApp } from './test-app.js';

/** The articles of both relevance sets: the demo's and those written for the test. */
export const CORPUS: SeedArticle[] = [
  ...(JSON.parse(readFileSync('seed/known-errors.json', 'utf8')) as SeedArticle[]),
  ...relevanceArticles(),
];

/** An engine's ranking of a query through the API: the titles of its first 20 hits. */
export const engineRank =
  (t: TestApp) =>
  async (query: string): Promise<string[]> =>
    (
      await t.ok(
        `query($q: String!) { searchKnowledge(query: $q, first: 20) { hits { knownError { title } } } }`,
        { q: query },
      )
    ).searchKnowledge.hits.map((h: any) => h.knownError.title);

/** A bigram BM25 over the published articles of the corpus: the long queries' baseline. */
export function bm25Baseline(): Bm25 {
  const published = CORPUS.filter((a) => (a.status ?? 'PUBLISHED') === 'PUBLISHED');
  return new Bm25(
    published.map((a) => ({
      key: String(a.title),
      text: [a.title, a.symptoms, a.cause, a.workaround, a.resolution, ...(a.tags ?? [])].join(' '),
    })),
  );
}

/** recall@5 and MRR of a ranking function over a query set (the short one by default). */
export async function measure(
  rank: (query: string) => Promise<string[]>,
  queries: { query: string; relevant: string[] }[] = RELEVANCE_QUERIES,
) {
  let recall = 0;
  let reciprocal = 0;
  const misses: string[] = [];
  for (const { query, relevant } of queries) {
    const titles = await rank(query);
    const top5 = titles.slice(0, 5);
    recall += relevant.filter((r) => top5.includes(r)).length / relevant.length;
    const first = titles.findIndex((title) => relevant.includes(title));
    reciprocal += first === -1 ? 0 : 1 / (first + 1);
    if (first === -1 || first >= 5)
      misses.push(`${query} → rank ${first === -1 ? '-' : first + 1}`);
  }
  const n = queries.length;
  return { recallAt5: recall / n, mrr: reciprocal / n, misses };
}
